"""Build student notebooks for grading tests from the committed student version."""

import copy
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from grader.nbgrader_rules import without_markers
from grader.sandbox import Limits
from tests.grading import unprivileged as unprivileged_user

REPO = Path(__file__).resolve().parents[2]

def source_answers(assignment, notebook):
    """The instructor's answers: ``{grade_id: code}`` with the solution markers removed."""
    nb = nbformat.read(REPO / "solutions" / assignment / notebook, as_version=4)
    answers = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            answers[meta["grade_id"]] = without_markers(cell.source)
    return answers


def student_notebook(assignment, notebook, answers=None, edit=None):
    """The released notebook with ``answers`` filled in; ``edit(nb)`` may change it further."""
    nb = nbformat.read(REPO / "exercises" / assignment / notebook, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if answers and grade_id in answers:
            cell.source = answers[grade_id]
    if edit:
        nb = edit(copy.deepcopy(nb)) or nb
    return nb


def write_submission(course_dir, student, assignment, notebook, nb_or_text):
    path = Path(course_dir) / "submitted" / student / assignment / notebook
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(nb_or_text, (str, bytes)):
        path.write_bytes(nb_or_text.encode() if isinstance(nb_or_text, str) else nb_or_text)
    else:
        nbformat.write(nb_or_text, str(path))
    return path


def autograde_command(course_dir, *extra):
    """The instructors' real command, ``make autograde ARGS=...``, as an argument list."""
    args = " ".join(["--course-dir", str(course_dir), *extra])
    return ["make", "-s", "-C", str(REPO), "autograde", "ARGS=" + args]


def make_autograde(course_dir, *extra, timeout=900, unprivileged=False):
    """Run the instructors' real command: ``make autograde ARGS=...``; return its output.

    ``unprivileged``: as an ordinary user, even when the tests run as root (see
    :mod:`tests.grading.unprivileged`); the course directory is handed over to that user.
    """
    argv = autograde_command(course_dir, *extra)
    if unprivileged:
        # An instructor's desktop runs far more processes than one sandbox may start; the
        # per-sandbox process limit must not count them.
        argv = unprivileged_user.beside_other_processes(argv, 2 * Limits().processes)
        home = Path(course_dir) / ".home"
        home.mkdir(exist_ok=True)
        unprivileged_user.hand_over(course_dir)
        with tempfile.TemporaryDirectory(prefix="mount-stash-") as stash:
            proc = subprocess.run(
                unprivileged_user.command(argv, [unprivileged_user.python_prefix(), REPO, course_dir],
                                          stash, env={"HOME": str(home)}),
                capture_output=True, text=True, timeout=timeout)
    else:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError("make autograde failed (%d):\n%s\n%s" % (
            proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:]))
    return proc.stdout


def gradebook_scores(course_dir, assignment):
    """``{student: {grade_id: auto_score}}`` read back through nbgrader's own Gradebook API."""
    from nbgrader.api import Gradebook
    scores = {}
    with Gradebook("sqlite:///%s" % (Path(course_dir) / "gradebook.db")) as gb:
        for submission in gb.assignment_submissions(assignment):
            per = scores.setdefault(submission.student.id, {})
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    per[grade.name] = grade.auto_score
    return scores


def read_csv(path):
    import csv
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def hidden_lines(assignment, notebook):
    """Lines of the instructor's hidden tests that a learner could not have written.

    Lines that also occur in the released notebook or in the instructor's answers are left
    out: finding them in a learner's file is no evidence of a leak.
    """
    from grader.nbgrader_rules import hidden_test_delimiters
    from solutions.checking import split_hidden
    source = nbformat.read(REPO / "solutions" / assignment / notebook, as_version=4)
    lines = set()
    for cell in source.cells:
        for code, hidden in split_hidden(cell.source, *hidden_test_delimiters()):
            if hidden:
                lines |= {line.strip() for line in code.splitlines() if len(line.strip()) > 12}
    shared = (REPO / "exercises" / assignment / notebook).read_text() + "\n".join(
        source_answers(assignment, notebook).values())
    return {line for line in lines if line not in shared}


def nbgrader_course(course_dir):
    """A course folder where nbgrader itself runs with the course's configuration.

    ``nbgrader_config.py`` is copied (its root is the folder it is in); ``solutions`` and
    ``grader`` are links to this repository's, so nbgrader grades with the real grader.
    """
    course_dir = Path(course_dir)
    course_dir.mkdir(parents=True, exist_ok=True)
    (course_dir / "nbgrader_config.py").write_text((REPO / "nbgrader_config.py").read_text())
    for name in ("solutions", "grader"):
        if not (course_dir / name).exists():
            (course_dir / name).symlink_to(REPO / name)
    return course_dir


def nbgrader(course_dir, *args, timeout=600):
    """Run the ``nbgrader`` command in ``course_dir``, as an instructor would; return its log."""
    env = dict(os.environ, PATH="%s:%s" % (Path(sys.executable).parent, os.environ["PATH"]))
    proc = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args],
                          cwd=course_dir, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr
