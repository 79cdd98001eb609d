"""Per assignment (``aNN_<name>.py``): answers that must and must not earn points.

Each module names ``ASSIGNMENT`` and ``NOTEBOOK`` and holds

* ``MUTANTS``: for every autograded part, plausible wrong answers
  (``{grade_id: {name: {answer_grade_id: code}}}``), tested by tests/grading/test_mutants.py;
* ``CORRECT``: for every answer cell whose function a test cell checks, correct answers in the
  styles learners write (``{answer_grade_id: {style: code}}``), which must earn full marks;
* ``PITFALLS``: wrong answers the assignment text warns about
  (``{grade_id: {name: {"answers": {answer_grade_id: code}, "says": phrase}}}``), which must
  lose their part's points and already fail a visible check whose message contains ``says``;
  both tested by tests/grading/test_fair_grades.py.

Answer cells are identified by their nbgrader ``grade_id``; each variant replaces those cells of
the instructor's answers.
"""

import importlib
import os
import pkgutil


def modules():
    """The assignment modules, in course order.

    ``MUTANT_ASSIGNMENTS=04-relu,05-tips`` narrows a run while an assignment is being written.
    """
    only = [a for a in os.environ.get("MUTANT_ASSIGNMENTS", "").split(",") if a]
    found = [importlib.import_module(__name__ + "." + m.name)
             for m in pkgutil.iter_modules(__path__) if m.name.startswith("a")]
    return [m for m in found if not only or m.ASSIGNMENT in only]
