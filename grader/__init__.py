"""The instructor's grading machinery, kept apart from the course library in ``solutions/``.

A pipeline of small steps, as in nbgrader's own autograde converter:

* :mod:`grader.collect` -- unpack an LMS download into ``submitted/``;
* :mod:`grader.grading` -- read the instructor notebook (the spec), read and plan a submission,
  run it in the sandbox, decide each part (:class:`grader.grading.Reason`);
* :mod:`grader.sandbox` and :mod:`grader.harness` -- run learner code in bubblewrap; the harness
  calls graded functions through :func:`solutions.calling.call`, as the learner's notebook does;
* :mod:`grader.execution` -- one submission's job as plain data (cells, planned calls, limits ->
  outcomes) and the local pool that runs jobs in sandboxes here;
* :mod:`grader.cluster` -- the same jobs as tasks on a Dask cluster (``--scheduler``);
* :mod:`grader.timings` -- ``--timings``: seconds per phase of a batch;
* :mod:`grader.autograde` -- a class in parallel, into nbgrader's gradebook, feedback, CSVs;
* :mod:`grader.feedback` -- the autograded notebook and the learner's feedback page;
* :mod:`grader.solution_book` -- the instructor-only executed copy of every assignment;
* :mod:`grader.edition` -- the public learner edition, without the instructor's material;
* :mod:`grader.nbgrader_rules` -- nbgrader's configured markers, matched as nbgrader does.

Run it as ``python -m grader autograde|collect|solution-book|learner-edition`` (the ``make``
targets do). It is not part of the installed course library: a learner's ``pip install`` never
brings it, and the learner edition leaves it out.
"""
