"""Release → submissions → ``make autograde`` → gradebook, grades.csv, feedback; re-runs and kills."""

import os
import signal
import sqlite3
import subprocess
import sys

import nbformat
import pytest

from tests.grading.notebooks import (REPO, gradebook_scores, make_autograde, read_csv,
                                     source_answers, write_submission)

pytestmark = pytest.mark.xdist_group("grading")

ASSIGNMENT, NOTEBOOK = "04-relu", "relu.ipynb"
FULL = {"relu_vectorised_elementwise": 1.0, "relu_grad_convention_at_zero": 1.0,
        "numerical_gradient_is_centred": 2.0, "relu_layer_backward_matches_reference": 2.0,
        "gradcheck_fails_within_h_of_the_kink": 3.0, "frozen_fraction_on_xor": 3.0}
WRITTEN = ("gradcheck_written_answer", "relu_written_answer")


def release(tmp):
    """Generate the student version with nbgrader, as `make release` does, into ``tmp``."""
    bin_dir = os.path.dirname(sys.executable)
    subprocess.run([os.path.join(bin_dir, "nbgrader"), "generate_assignment", ASSIGNMENT,
                    "--force", "--log-level=WARN",
                    "--CourseDirectory.release_directory=%s" % (tmp / "release"),
                    "--CourseDirectory.db_url=sqlite:///%s" % (tmp / "release.db")],
                   cwd=REPO, check=True, capture_output=True,
                   env={"PATH": bin_dir + ":/usr/bin:/bin", "HOME": str(tmp)})
    return nbformat.read(tmp / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)


def fill(nb, answers):
    nb = nbformat.from_dict(nbformat.from_dict(nb))
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    released = release(tmp)
    answers = source_answers(ASSIGNMENT, NOTEBOOK)
    answers["relu_written_answer"] = "About half the pre-activations are negative at start."
    wrong = dict(answers, relu_answer="def relu(x):\n    return np.abs(x)\n",
                 relu_grad_answer="def relu_grad(x):\n    return (np.asarray(x) >= 0) * 1.0\n")
    partial = {k: answers[k] for k in ("relu_answer", "frozen_fraction_answer")}
    course = tmp / "course"
    for student, nb in [("honest", fill(released, answers)), ("wrong", fill(released, wrong)),
                        ("partial", fill(released, partial)), ("empty", released)]:
        write_submission(course, student, ASSIGNMENT, NOTEBOOK, nb)
    first = make_autograde(course)
    return {"dir": course, "first": first}


EXPECTED = {
    "honest": FULL,
    "partial": {**{k: 0.0 for k in FULL}, "relu_vectorised_elementwise": 1.0,
                "frozen_fraction_on_xor": 3.0},
    # a wrong relu, and a relu_grad with the wrong value at the kink, which the layer's backward
    # pass uses too (the assignment says the convention carries over; a check sits on the kink)
    "wrong": {**FULL, "relu_vectorised_elementwise": 0.0, "relu_grad_convention_at_zero": 0.0,
              "relu_layer_backward_matches_reference": 0.0},
    "empty": {k: 0.0 for k in FULL},
}


def test_gradebook_holds_the_expected_scores(course):
    scores = gradebook_scores(course["dir"], ASSIGNMENT)
    for student, expected in EXPECTED.items():
        assert {k: scores[student][k] for k in FULL} == expected, student
    # written answers wait for a human; an untouched answer cell is not one of them
    assert scores["honest"]["relu_written_answer"] is None


def test_grades_csv_has_nbgrader_export_columns_and_one_row_per_student(course):
    rows = read_csv(course["dir"] / "grades.csv")
    assert {"assignment", "student_id", "score", "max_score"} <= set(rows[0])
    by_student = {r["student_id"]: r for r in rows}
    assert set(by_student) == set(EXPECTED)
    for student, expected in EXPECTED.items():
        assert float(by_student[student]["score"]) == sum(expected.values())
        assert float(by_student[student]["max_score"]) == 16.0
    items = read_csv(course["dir"] / "grades-items.csv")
    assert len(items) == len(EXPECTED) * (len(FULL) + len(WRITTEN))


def test_feedback_and_autograded_notebooks_exist_without_hidden_tests(course):
    for student in EXPECTED:
        html = (course["dir"] / "feedback" / student / ASSIGNMENT / "relu.html").read_text()
        assert "HIDDEN TESTS" not in html and "random_arrays(seed=41" not in html
        assert "Score: <strong>" in html
        nb = nbformat.read(course["dir"] / "autograded" / student / ASSIGNMENT / NOTEBOOK, 4)
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
        assert set(FULL) <= set(ids)
        assert "HIDDEN TESTS" not in nbformat.writes(nb)


def test_nbgrader_sees_the_submissions_as_autograded(course):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    config = Config()
    config.CourseDirectory.root = str(course["dir"])
    config.CourseDirectory.db_url = "sqlite:///%s" % (course["dir"] / "gradebook.db")
    api = NbGraderAPI(CourseDirectory(config=config), config=config)
    submissions = api.get_submissions(ASSIGNMENT)
    assert {s["student"] for s in submissions} == set(EXPECTED)
    assert all(s["autograded"] for s in submissions)


def test_stock_nbgrader_generate_feedback_works_on_the_output(course):
    """Instructors may still use nbgrader's own feedback command; it sees no hidden test either."""
    out = course["dir"] / "nbgrader-feedback"
    bin_dir = os.path.dirname(sys.executable)
    proc = subprocess.run([os.path.join(bin_dir, "nbgrader"), "generate_feedback", ASSIGNMENT,
                           "--CourseDirectory.root=%s" % course["dir"],
                           "--CourseDirectory.feedback_directory=%s" % out.name],
                          cwd=course["dir"], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PATH=bin_dir + ":" + os.environ["PATH"]))
    assert proc.returncode == 0, proc.stderr[-3000:]
    for student in EXPECTED:
        html = (out / student / ASSIGNMENT / "relu.html").read_text()
        assert "frozen_fraction_on_xor" in html
        assert "HIDDEN TESTS" not in html and "random_arrays(seed=41" not in html


def test_rerun_skips_unchanged_submissions_and_keeps_manual_grades(course):
    from nbgrader.api import Gradebook
    db = "sqlite:///%s" % (course["dir"] / "gradebook.db")
    with Gradebook(db) as gb:
        grade = gb.find_grade("relu_written_answer", "relu", ASSIGNMENT, "honest")
        grade.manual_score = 1.5
        gb.db.commit()
    again = make_autograde(course["dir"])
    assert "grading 0 submissions" in again and "4 already graded" in again
    forced = make_autograde(course["dir"], "--force")
    assert "grading 4 submissions" in forced
    with Gradebook(db) as gb:
        assert gb.find_grade("relu_written_answer", "relu", ASSIGNMENT, "honest").score == 1.5
    assert gradebook_scores(course["dir"], ASSIGNMENT)["honest"]["frozen_fraction_on_xor"] == 3.0


def test_batch_killed_halfway_and_rerun_grades_everyone_exactly_once(tmp_path):
    answers = source_answers(ASSIGNMENT, NOTEBOOK)
    slow = dict(answers, frozen_fraction_answer="import time\ntime.sleep(0.7)\n" +
                answers["frozen_fraction_answer"])
    released = nbformat.read(REPO / "exercises" / ASSIGNMENT / NOTEBOOK, as_version=4)
    students = ["s%02d" % i for i in range(10)]
    for student in students:
        write_submission(tmp_path, student, ASSIGNMENT, NOTEBOOK, fill(released, slow))
    proc = subprocess.Popen(["make", "-s", "-C", str(REPO), "autograde",
                             "ARGS=--course-dir %s --jobs 1" % tmp_path],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    for line in proc.stdout:
        if line.startswith("[3/10]"):
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode != 0, "the batch finished before it could be killed"
    rerun = make_autograde(tmp_path)
    assert "grading 10 submissions" not in rerun  # the first three were kept
    rows = sqlite3.connect(tmp_path / "gradebook.db").execute(
        "select count(*), count(distinct student_id) from submitted_assignment").fetchone()
    assert rows == (10, 10)
    scores = gradebook_scores(tmp_path, ASSIGNMENT)
    assert all({k: scores[s][k] for k in FULL} == FULL for s in students)
    assert len(read_csv(tmp_path / "grades.csv")) == 10
