"""``make autograde``: grade every submission in sandboxes, in parallel, into nbgrader's gradebook.

Reads ``submitted/<student>/<assignment>/<notebook>.ipynb`` under the course directory,
grades each against ``solutions/<assignment>/<notebook>.ipynb`` (see
:mod:`grader.grading`), and writes, per submission, nbgrader's gradebook rows, the
``autograded/`` notebook and the ``feedback/`` HTML; then ``grades.csv`` (nbgrader's CSV
export), ``grades-items.csv`` (one row per student and graded part) and a class summary.

Safe to re-run: a submission whose file, instructor notebook and grader are unchanged since
its last grading is skipped (``--force`` regrades). Results are written to the gradebook one
submission at a time, in one process, so a run killed half-way leaves every submission
either graded once or not yet graded; the next run finishes the rest.
"""

import argparse
import csv
import fcntl
import hashlib
import json
import os
import statistics
import sys
import threading
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

import nbformat

from grader import execution, feedback, grading, sandbox
from grader.timings import Timings, process_age

REPO = Path(__file__).resolve().parent.parent
STATE_FILE = ".course-grader.json"
BATCH = 64  # at most this many results per gradebook commit


def find_submissions(course_dir, assignments=None, students=None):
    """``[(student, assignment, notebook_path), ...]`` sorted, for known assignments only."""
    found = []
    for path in sorted((course_dir / "submitted").glob("*/*/*.ipynb")):
        student, assignment = path.parent.parent.name, path.parent.name
        if (assignments and assignment not in assignments) or (students and student not in students):
            continue
        found.append((student, assignment, path))
    return found


def _write_atomic(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    os.replace(tmp, path)


# --- the gradebook ------------------------------------------------------------------------

def _nbgrader_config(course_dir=REPO):
    """The nbgrader configuration of the course folder being graded (else this repository's)."""
    from grader.nbgrader_rules import nbgrader_config
    course_dir = Path(course_dir)
    return nbgrader_config(course_dir if (course_dir / "nbgrader_config.py").exists() else REPO)


def assign_late_penalty(submission, notebook, config):
    """nbgrader's AssignLatePenalties step, in this process's gradebook session.

    The plugin and its settings come from nbgrader's configuration
    (``c.AssignLatePenalties.plugin_class``, ``c.LateSubmissionPlugin.penalty_method``).
    """
    from nbgrader.preprocessors import AssignLatePenalties
    notebook.late_submission_penalty = None
    if submission.total_seconds_late > 0:
        step = AssignLatePenalties(config=config)
        step.init_plugin()
        penalty = step.plugin_inst.late_submission_penalty(
            submission.student.id, notebook.score, submission.total_seconds_late)
        if penalty is not None:
            notebook.late_submission_penalty = step._check_late_penalty(notebook, penalty)


def alembic_head():
    """The gradebook schema's version, as ``alembic heads`` prints it for nbgrader.

    nbgrader stamps a new gradebook with it, and finds it by starting ``alembic heads`` in a
    second Python process (1.7 s measured on the 2-core machine, half of a 60-submission
    batch); this reads the same migration scripts through the same alembic.ini, in-process.
    """
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import _temp_alembic_ini
    with _temp_alembic_ini("sqlite:////tmp/gradebook.db") as ini:
        return ScriptDirectory.from_config(Config(ini)).get_heads()[0]


def open_gradebook(db_url):
    """nbgrader's Gradebook; a new one is stamped without starting ``alembic heads``."""
    import nbgrader.api
    nbgrader.api.get_alembic_version = alembic_head
    return nbgrader.api.Gradebook(db_url)


def ensure_in_gradebook(db_url, spec):
    """Record the instructor notebook's cells in the gradebook, as generate_assignment does."""
    from nbgrader.api import MissingEntry
    from nbgrader.preprocessors import (CheckCellMetadata, ClearOutput, ClearSolutions,
                                        ComputeChecksums, LockCells, SaveCells)
    with open_gradebook(db_url) as gb:
        try:
            gb.find_notebook(spec.name, spec.assignment)
            return
        except MissingEntry:
            gb.update_or_create_assignment(spec.assignment)
    config = _nbgrader_config()
    nb = nbformat.read(str(spec.path), as_version=4)
    resources = {"nbgrader": {"notebook": spec.name, "assignment": spec.assignment,
                              "db_url": db_url}}
    for step in (LockCells, ClearSolutions, ClearOutput, CheckCellMetadata, ComputeChecksums,
                 SaveCells):
        nb, resources = step(config=config).preprocess(nb, resources)


def record(gb, result, timestamp, config=None):
    """Write one submission's scores; manual parts keep any score a grader already gave."""
    from sqlalchemy.exc import SAWarning
    with warnings.catch_warnings():
        # nbgrader's add_submission triggers a harmless autoflush notice in SQLAlchemy 2.
        warnings.simplefilter("ignore", SAWarning)
        gb.update_or_create_student(result.student)
        submission = gb.update_or_create_submission(
            result.assignment, result.student, **({"timestamp": timestamp} if timestamp else {}))
        # one query for all of this notebook's grades, instead of one find_grade per part
        grades = {g.name: g for nb in submission.notebooks if nb.name == result.notebook
                  for g in nb.grades}
        for part in result.parts:
            grade = grades[part.grade_id]
            if part.kind == "auto":
                grade.auto_score = part.points
                grade.needs_manual_grade = grade.manual_score is not None
            elif part.reason in (grading.Reason.MISSING, grading.Reason.UNREADABLE,
                                 grading.Reason.NOT_ATTEMPTED):
                grade.auto_score, grade.needs_manual_grade = 0.0, False
            else:
                grade.auto_score, grade.needs_manual_grade = None, grade.manual_score is None
        gb.db.commit()
        if config is not None:
            for nb in submission.notebooks:
                if nb.name == result.notebook:
                    assign_late_penalty(submission, nb, config)
            gb.db.commit()


def gradebook_scores(submission, notebook):
    """``({grade_id: (score, max_score, comment)}, late_penalty)`` of one submitted notebook.

    The same facts nbgrader's GetGrades gives ``nbgrader generate_feedback``: manual scores
    override automatic ones, and the grader's comments come along.
    """
    scores = {}
    for nb in submission.notebooks:
        if nb.name != notebook:
            continue
        for g in nb.grades:
            scores[g.name] = (g.score if (g.auto_score is not None or g.manual_score is not None)
                              else None, g.max_score, None)
        for c in nb.comments:
            if c.comment:
                score, max_score, _ = scores.get(c.name, (None, None, None))
                scores[c.name] = (score, max_score, c.comment)
        return scores, float(nb.late_submission_penalty or 0.0)
    return scores, 0.0


def batch_scores(gb, keys):
    """:func:`gradebook_scores` of many submitted notebooks at once:
    ``{(student, assignment, notebook): (scores, late_penalty)}`` for ``keys`` of that form.

    Three queries in all, which ask the database for nbgrader's own computed columns
    (``Grade.score``, ``Grade.max_score``, ``Comment.comment``), instead of loading them one
    attribute of one row at a time.
    """
    from nbgrader.api import (Assignment, BaseCell, Comment, Grade, Notebook, SubmittedAssignment,
                              SubmittedNotebook)
    keys = set(keys)
    students, assignments = {k[0] for k in keys}, {k[1] for k in keys}

    def submitted(query, owner=None):
        if owner is not None:
            query = query.join(SubmittedNotebook, owner.notebook_id == SubmittedNotebook.id)
        return (query.join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
                .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
                .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
                .filter(SubmittedAssignment.student_id.in_(students),
                        Assignment.name.in_(assignments)))
    found = {key: ({}, 0.0) for key in keys}
    for student, assignment, notebook, penalty in submitted(gb.db.query(
            SubmittedAssignment.student_id, Assignment.name, Notebook.name,
            SubmittedNotebook.late_submission_penalty).select_from(SubmittedNotebook)):
        if (student, assignment, notebook) in found:
            found[(student, assignment, notebook)] = ({}, float(penalty or 0.0))
    for student, assignment, notebook, name, auto, manual, score, max_score in submitted(
            gb.db.query(SubmittedAssignment.student_id, Assignment.name, Notebook.name,
                        BaseCell.name, Grade.auto_score, Grade.manual_score, Grade.score,
                        Grade.max_score).select_from(Grade).join(BaseCell, Grade.cell_id == BaseCell.id),
            Grade):
        if (student, assignment, notebook) in found:
            found[(student, assignment, notebook)][0][name] = (
                score if (auto is not None or manual is not None) else None, max_score, None)
    for student, assignment, notebook, name, comment in submitted(
            gb.db.query(SubmittedAssignment.student_id, Assignment.name, Notebook.name,
                        BaseCell.name, Comment.comment).select_from(Comment)
            .join(BaseCell, Comment.cell_id == BaseCell.id), Comment):
        if comment and (student, assignment, notebook) in found:
            scores = found[(student, assignment, notebook)][0]
            score, max_score, _ = scores.get(name, (None, None, None))
            scores[name] = (score, max_score, comment)
    return found


def _reasons(course_dir, student, assignment, notebook, cache={}):
    """``{grade_id: reason}`` from an autograded notebook's grader metadata ({} if none)."""
    path = course_dir / "autograded" / student / assignment / (notebook + ".ipynb")
    key = (str(path), path.stat().st_mtime_ns if path.exists() else None)
    if key not in cache:
        reasons = {}
        try:
            nb = json.loads(path.read_text())
            for cell in nb.get("cells", []):
                meta = cell.get("metadata", {})
                grade_id = meta.get("nbgrader", {}).get("grade_id")
                if grade_id and "course_grader" in meta:
                    reasons.setdefault(grade_id, meta["course_grader"].get("reason", ""))
        except (OSError, ValueError):
            pass
        cache[key] = reasons
    return cache[key]


def export_csvs(db_url, course_dir):
    """``grades.csv`` with nbgrader's exporter, and ``grades-items.csv`` per graded part.

    ``grades-items.csv`` has a ``reason`` per part (correct, wrong answer, error, timeout,
    memory, crashed, not attempted, written) and the grader's comment.
    """
    from nbgrader.plugins.export import CsvExportPlugin
    with open_gradebook(db_url) as gb:
        CsvExportPlugin(to=str(course_dir / "grades.csv")).export(gb)
        rows = []
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    reasons = _reasons(course_dir, submission.student.id, assignment.name,
                                       notebook.name)
                    comments = {c.name: c.comment for c in notebook.comments if c.comment}
                    for grade in notebook.grades:
                        rows.append([assignment.name, notebook.name, submission.student.id,
                                     grade.name, grade.score, grade.max_score,
                                     reasons.get(grade.name, ""),
                                     "yes" if grade.needs_manual_grade else "no",
                                     comments.get(grade.name, "")])
    rows.sort()
    tmp = course_dir / "grades-items.csv.tmp"
    with open(tmp, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["assignment", "notebook", "student_id", "grade_id", "score",
                         "max_score", "reason", "needs_manual_grade", "comment"])
        writer.writerows(rows)
    os.replace(tmp, course_dir / "grades-items.csv")


# --- one batch ----------------------------------------------------------------------------

# The grader's modules whose code decides a score (tooling such as collect or the learner
# edition does not): changing one regrades every submission.
GRADING_MODULES = ("grading.py", "sandbox.py", "harness.py", "nbgrader_rules.py")


def grader_version(repo=REPO):
    """A hash of everything that decides a grade besides the two notebooks.

    The grader's deciding code (:data:`GRADING_MODULES`), the check API and the reference
    library (which computes the expected values), and nbgrader's configuration (its markers). Change any of them and every
    submission is regraded on the next run.
    """
    h = hashlib.sha256()
    files = [repo / "grader" / name for name in GRADING_MODULES] + \
        sorted((repo / "solutions").glob("*.py")) + sorted((repo / "solutions").glob("*.npz")) + \
        [repo / "nbgrader_config.py"]
    for path in files:
        h.update(path.relative_to(repo).as_posix().encode() + b"\0")
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()


def fingerprint(path, spec, version):
    """What decides whether a graded submission is current: submission, spec, grader."""
    h = hashlib.sha256(Path(path).read_bytes())
    h.update(spec.digest.encode())
    h.update(version.encode())
    return h.hexdigest()


def _state_path(course_dir, student, assignment, notebook):
    # Outside autograded/: nbgrader's generate_feedback copies every file it finds there.
    return course_dir / ".grading" / "state" / student / assignment / (notebook + STATE_FILE)


def is_current(course_dir, student, spec, digest):
    path = _state_path(course_dir, student, spec.assignment, spec.name)
    try:
        return json.loads(path.read_text()).get("fingerprint") == digest
    except (OSError, ValueError):
        return False




@contextmanager
def one_commit(gb):
    """Inside: nbgrader's Gradebook calls, each of which commits, only flush; one commit at
    the end writes them all, or an error leaves the gradebook as it was.

    Each commit of SQLite waits for the disk; three per submission were most of the time a
    batch spent on its gradebook.
    """
    session = gb.db
    session.commit = session.flush
    try:
        yield
    except BaseException:
        del session.commit
        session.rollback()
        raise
    del session.commit
    session.commit()


def write_batch(course_dir, gb, items, timings=None, config=None):
    """Record ``[(path, spec, result, digest), ...]``: the gradebook first, in one commit (scores,
    late penalties); then each submission's files, then its state file, which marks it done.
    A run killed anywhere leaves each submission graded once (state written) or to be graded
    again."""
    timings = timings if timings is not None else Timings()
    with timings.phase("gradebook"):
        with one_commit(gb):
            for path, spec, result, digest in items:
                ts_file = path.parent / "timestamp.txt"
                timestamp = ts_file.read_text().strip() if ts_file.exists() else None
                record(gb, result, timestamp, config)
        found = batch_scores(gb, [(r.student, r.assignment, r.notebook) for _, _, r, _ in items])
    recorded = [found[(r.student, r.assignment, r.notebook)] for _, _, r, _ in items]
    for (path, spec, result, digest), (scores, late_penalty) in zip(items, recorded):
        with timings.phase("feedback"):
            nb = feedback.autograded_notebook(result.submitted, spec, result)
            out_dir = Path(result.student) / spec.assignment
            _write_atomic(course_dir / "autograded" / out_dir / (spec.name + ".ipynb"),
                          json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
            _write_atomic(course_dir / "feedback" / out_dir / (spec.name + ".html"),
                          feedback.feedback_page(nb, scores, late_penalty))
            # nbgrader's release_feedback reads these beside the feedback page, as nbgrader's
            # own autograde and generate_feedback carry them over from the submission.
            for name in ("timestamp.txt", "submission_secret.txt"):
                if (path.parent / name).is_file():
                    for folder in ("autograded", "feedback"):
                        _write_atomic(course_dir / folder / out_dir / name,
                                      (path.parent / name).read_bytes())
        _write_atomic(_state_path(course_dir, result.student, spec.assignment, spec.name),
                      json.dumps({"fingerprint": digest, "score": result.score}))


def write_results(course_dir, gb, path, spec, result, digest, timings=None, config=None):
    """Record one submission (see :func:`write_batch`)."""
    write_batch(course_dir, gb, [(path, spec, result, digest)], timings, config)


def summarise(results, out=sys.stdout):
    """Class summary: mean score per assignment, pass rate and mean per part, problems."""
    by_assignment = {}
    for r in results:
        by_assignment.setdefault(r.assignment, []).append(r)
    for assignment, rs in sorted(by_assignment.items()):
        scores = [r.score for r in rs]
        print("\n%s: %d submission%s graded now, mean automatic score %.2f (min %g, median %g, "
              "max %g)" % (assignment, len(rs), "" if len(rs) == 1 else "s", statistics.mean(scores),
                           min(scores), statistics.median(scores), max(scores)), file=out)
        grade_ids = [p.grade_id for p in rs[0].parts if p.kind == "auto"]
        for gid in grade_ids:
            parts = [p for r in rs for p in r.parts if p.grade_id == gid]
            full = sum(1 for p in parts if p.points == p.max_points)
            reasons = {}
            for p in parts:
                if p.reason is not grading.Reason.CORRECT:
                    reasons[p.reason.value] = reasons.get(p.reason.value, 0) + 1
            print("  %-44s full marks %3d/%d  mean %.2f / %g%s" % (
                gid, full, len(rs), statistics.mean(p.points for p in parts), parts[0].max_points,
                "  (" + ", ".join("%s %d" % kv for kv in sorted(reasons.items())) + ")"
                if reasons else ""), file=out)
        for r in rs:
            if r.problems():
                print("  ! %s: %s" % (r.student, "; ".join(r.problems())), file=out)


STILL_RUNNING_AFTER = 10.0  # seconds a submission may run before the console names it


def _job_words(key):
    """``"04-relu/jdoe/relu-1a2b…"`` (a job key, see :func:`_grade`) as ``"jdoe 04-relu"``."""
    parts = key.split("/")
    return "%s %s" % (parts[1], parts[0]) if len(parts) == 3 else key


def still_running_notes(pool, out):
    """A ``tick()`` for ``pool.completed``: at most every ten seconds, name the submissions
    that have been running for longer than that (where the pool knows)."""
    last = [0.0]

    def tick():
        now = time.monotonic()
        slow = [item for item in getattr(pool, "running", lambda: [])()
                if item[1] > STILL_RUNNING_AFTER]
        if slow and now - last[0] >= STILL_RUNNING_AFTER:
            last[0] = now
            print("  still running: " + ", ".join("%s (%.0f s)" % (_job_words(key), seconds)
                                                  for key, seconds in sorted(slow)),
                  file=out, flush=True)
    return tick


def _progress(done, total, result, out, where=None):
    problems = "; ".join(result.problems())
    print("[%d/%d] %s %s/%s: %g of %g%s (%.1f s%s)" % (
        done, total, result.student, result.assignment, result.notebook, result.score,
        sum(p.max_points for p in result.parts if p.kind == "auto"),
        " - " + problems if problems else "", result.seconds,
        " on " + where if where else ""), file=out, flush=True)


def make_pool(jobs=None, scheduler=None):
    """Where jobs run: Dask workers at ``scheduler``, or ``jobs`` sandboxes on this machine."""
    if scheduler:
        from grader import cluster
        return cluster.DaskPool(scheduler)
    # One more sandbox than cores: each spends part of its run starting up, not computing.
    return execution.LocalPool(jobs or (os.cpu_count() or 1) + 1)


def _start_sandbox_check(limits):
    """:func:`sandbox.require_working_sandbox` in a thread; ``.join()``, then ``.error``."""
    def check():
        try:
            sandbox.require_working_sandbox(limits)
        except sandbox.SandboxUnavailable as exc:
            thread.error = exc
    thread = threading.Thread(target=check, name="sandbox check", daemon=True)
    thread.error = None
    thread.start()
    return thread


def run(course_dir, assignments=None, students=None, jobs=None, force=False,
        limits=sandbox.Limits(), out=sys.stdout, scheduler=None, timings=None):
    """Grade a class; return the list of results graded in this run.

    ``scheduler``: the address of a Dask scheduler (``tcp://host:port``) whose workers run the
    sandboxes; without it they run on this machine. ``timings``: a
    :class:`grader.timings.Timings` that collects seconds per phase.
    """
    timings = timings if timings is not None else Timings()
    started = time.monotonic()
    if not scheduler:
        sandbox.require_bwrap()
    course_dir = Path(course_dir).resolve()
    db_url = "sqlite:///%s" % (course_dir / "gradebook.db")
    lock = open(course_dir / ".autograde.lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit("another `make autograde` is running in %s; wait for it to finish"
                         % course_dir) from None
    with timings.phase("find submissions"):
        version = grader_version()
        found = find_submissions(course_dir, assignments, students)
    # The empty sandbox that proves sandboxing works here starts now, while the instructor
    # notebooks load (nbgrader's import alone takes most of a second); its verdict counts only
    # if something is to be graded. So do the warm sandboxes that will grade.
    check = _start_sandbox_check(limits) if found and not scheduler else None
    pool = make_pool(jobs, scheduler)
    try:
        if found and not scheduler:
            pool.prewarm(limits)
        return _run(pool, course_dir, found, version, force, check, limits, out, scheduler,
                    timings, db_url, started)
    finally:
        pool.close()


def _run(pool, course_dir, found, version, force, check, limits, out, scheduler, timings,
         db_url, started):
    specs, todo, skipped, unknown = {}, [], 0, []
    for student, assignment, path in found:
        source = REPO / "solutions" / assignment / path.name
        if not source.exists():
            unknown.append(str(path.relative_to(course_dir)))
            continue
        if source not in specs:
            with timings.phase("instructor notebooks"):
                specs[source] = grading.load_spec(source, assignment)
        with timings.phase("find submissions"):
            digest = fingerprint(path, specs[source], version)
            if not force and is_current(course_dir, student, specs[source], digest):
                skipped += 1
                continue
        todo.append((student, path, specs[source], digest))
    for u in unknown:
        print("skipped %s: no such assignment notebook in solutions/" % u, file=out)
    if check is not None:
        with timings.phase("sandbox check"):
            check.join()
        if todo and check.error is not None:
            raise check.error
    if todo and not scheduler:
        print(sandbox.cgroup_mode()[1], file=out, flush=True)
    print("grading %d submission%s with %s (%d already graded and unchanged)" % (
        len(todo), "" if len(todo) == 1 else "s", pool.describe(), skipped),
        file=out, flush=True)
    results = _grade(pool, todo, course_dir, db_url, limits, timings, out,
                     _nbgrader_config(course_dir))
    timings.add("warm sandboxes", pool.close() or 0.0)  # they end before the CSV export
    with timings.phase("CSV export"):
        export_csvs(db_url, course_dir)
    timings.graded = len(results)
    timings.wall = time.monotonic() - started
    print("graded %d in %.1f s; wrote grades.csv and grades-items.csv" % (
        len(results), timings.wall), file=out)
    if results:
        summarise(results, out)
    return results


def _grade(pool, todo, course_dir, db_url, limits, timings, out, config=None):
    """Send every readable submission's job to ``pool``; decide and record the results in this
    process as they come back, those that are back together in one gradebook commit."""
    calls, pending, ready = {}, {}, []
    for student, path, spec, digest in todo:
        if spec.path not in calls:
            calls[spec.path] = grading.plan_calls(spec)
        key = "%s/%s/%s-%s" % (spec.assignment, student, spec.name, digest[:12])
        with timings.phase("read + plan"):
            prepared, job = execution.prepare(path, spec, student, calls[spec.path], key, limits)
        if job is None:
            ready.append((prepared, path, spec, digest))
        else:
            pending[pool.submit(job)] = (prepared, path, spec, digest)
    # While the first sandboxes run: load nbgrader (slow to import) and its gradebook.
    with timings.phase("nbgrader set-up"):
        for spec in {item[2].path: item[2] for item in todo}.values():
            ensure_in_gradebook(db_url, spec)
    results, total = [], len(todo)
    with open_gradebook(db_url) as gb:
        def record(batch):
            write_batch(course_dir, gb, [(p, s, r, d) for r, p, s, d, _ in batch], timings, config)
            for result, path, spec, digest, where in batch:
                results.append(result)
                _progress(len(results), total, result, out, where)

        record([item + (None,) for item in ready])
        for handle in pool.completed(list(pending), still_running_notes(pool, out)):
            if handle not in pending:
                continue  # recorded with an earlier batch
            # This result, and every other one that is already back: one gradebook commit.
            batch = []
            for h in [handle] + [h for h in pending if h is not handle and h.done()][:BATCH - 1]:
                prepared, path, spec, digest = pending.pop(h)
                try:
                    done = pool.result(h)
                except execution.WorkerUnfit:
                    raise
                except Exception as exc:  # e.g. each worker that took it died; the next run retries
                    print("not graded: %s %s/%s (%s: %s); run `make autograde` again to retry" % (
                        prepared.student, spec.assignment, spec.name, type(exc).__name__, exc),
                        file=out, flush=True)
                    continue
                timings.add_all(done["timings"])
                with timings.phase("decide"):
                    result = execution.finish(prepared, done)
                batch.append((result, path, spec, digest, done.get("where")))
            record(batch)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make autograde", description=__doc__.split("\n")[0])
    parser.add_argument("--course-dir", default=".", help="where submitted/ is (default: here)")
    parser.add_argument("--assignment", action="append", help="only this assignment (repeatable)")
    parser.add_argument("--student", action="append", help="only this student (repeatable)")
    parser.add_argument("--jobs", type=int, default=None, help="parallel sandboxes (default: cores + 1)")
    parser.add_argument("--force", action="store_true", help="regrade unchanged submissions too")
    parser.add_argument("--time-limit", type=float, default=sandbox.Limits.wall_seconds,
                        help="seconds one sandbox run may take (default %(default)s)")
    parser.add_argument("--memory-mb", type=int, default=sandbox.Limits.memory_bytes // 2**20,
                        help="memory limit of a sandbox in MiB (default %(default)s)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="run the sandboxes on the workers of this Dask scheduler instead of "
                             "here (needs the [cluster] extra; see README)")
    parser.add_argument("--timings", action="store_true",
                        help="print where the time went, phase by phase")
    args = parser.parse_args(argv)
    course_dir = Path(args.course_dir)
    if not (course_dir / "submitted").is_dir():
        parser.error("no submitted/ folder in %s; submissions go in "
                     "submitted/<student>/<assignment>/<notebook>.ipynb" % course_dir.resolve())
    limits = sandbox.limits_for(args.time_limit, args.memory_mb)
    timings = Timings()
    timings.add("grader start-up", process_age() or 0.0)
    try:
        run(course_dir, args.assignment, args.student, args.jobs, args.force, limits,
            scheduler=args.scheduler, timings=timings)
    except (sandbox.SandboxUnavailable, execution.WorkerUnfit) as exc:
        raise SystemExit("error: %s" % exc) from None
    if args.timings:
        print(timings.report(timings.wall, "%d cores here" % (os.cpu_count() or 1)))


if __name__ == "__main__":
    main()
