"""Build student notebooks for grading tests from the committed student version."""

import copy
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


# --- one graded class: every assignment's reference, empty, mutant, correct and pitfall students

def student_id(kind, *names):
    """The student id of one graded variant: ``kind`` is m (mutant), c (correct) or p (pitfall)."""
    return "-".join((kind,) + names)[:120]


def auto_parts(module):
    """``{grade_id: points}`` of the autograded parts of an assignment module's notebook."""
    from grader.grading import load_spec
    spec = load_spec(REPO / "solutions" / module.ASSIGNMENT / module.NOTEBOOK, module.ASSIGNMENT)
    return {p.grade_id: p.points for p in spec.parts if p.kind == "auto"}


def variants(module):
    """``{student_id: answers}`` for every variant an assignment module lists, reference included.

    Each variant is the instructor's answers with some answer cells replaced: a mutant
    (``MUTANTS``), a correct alternative (``CORRECT``) or a warned pitfall (``PITFALLS``).
    """
    answers = source_answers(module.ASSIGNMENT, module.NOTEBOOK)
    out = {"reference": answers}
    for part, mutants in module.MUTANTS.items():
        for name, replacement in mutants.items():
            out[student_id("m", part, name)] = dict(answers, **replacement)
    for answer_id, styles in getattr(module, "CORRECT", {}).items():
        for style, code in styles.items():
            out[student_id("c", answer_id, style)] = dict(answers, **{answer_id: code})
    for part, pitfalls in getattr(module, "PITFALLS", {}).items():
        for name, pitfall in pitfalls.items():
            out[student_id("p", part, name)] = dict(answers, **pitfall["answers"])
    return out


def grade_class(course, modules):
    """Grade every variant of every module, and the empty student version, in ONE batch.

    Returns ``{assignment: {student: {grade_id: auto_score}}}``.
    """
    for module in modules:
        write_submission(course, "empty", module.ASSIGNMENT, module.NOTEBOOK,
                         student_notebook(module.ASSIGNMENT, module.NOTEBOOK))
        found = variants(module)
        expected = 1 + sum(len(m) for m in module.MUTANTS.values()) \
            + sum(len(s) for s in getattr(module, "CORRECT", {}).values()) \
            + sum(len(p) for p in getattr(module, "PITFALLS", {}).values())
        assert len(found) == expected, "two variants of %s share a student id" % module.ASSIGNMENT
        for student, answers in found.items():
            write_submission(course, student, module.ASSIGNMENT, module.NOTEBOOK,
                             student_notebook(module.ASSIGNMENT, module.NOTEBOOK, answers))
    make_autograde(course, "--time-limit", "30")
    return {m.ASSIGNMENT: gradebook_scores(course, m.ASSIGNMENT) for m in modules}


def run_in_kernel(nb, cwd, timeout=120):
    """Execute ``nb`` top to bottom in a real Jupyter kernel, as a learner would; return it."""
    from nbclient import NotebookClient
    from tests.kernels import IPCKernelManager
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   kernel_manager_class=IPCKernelManager,
                   extra_arguments=["--IPKernelApp.log_level=ERROR"],
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def cell_errors(nb):
    """``{grade_id: error text or ""}`` for each executed test cell of a notebook."""
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            errors = [o for o in cell.outputs if o.output_type == "error"]
            out[meta["grade_id"]] = "\n".join("%s: %s" % (o.ename, o.evalue) for o in errors)
    return out


def assert_loses_its_part(graded_class, module, student, part):
    """A wrong variant scores 0 on ``part`` and gains nothing anywhere else."""
    scores = graded_class[module.ASSIGNMENT][student]
    reference = graded_class[module.ASSIGNMENT]["reference"]
    assert scores[part] == 0.0, scores
    assert all(scores[g] <= reference[g] for g in auto_parts(module))
