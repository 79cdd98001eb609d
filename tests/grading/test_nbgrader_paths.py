"""nbgrader's own paths reach the course's grader: the CLI, and NbGraderAPI (formgrader's buttons).

In a course folder with the course's ``nbgrader_config.py``: ``nbgrader autograde`` and
``NbGraderAPI.autograde`` grade in the sandbox, with the same scores as ``make autograde``;
``nbgrader generate_feedback`` and ``NbGraderAPI.generate_feedback``/``release_feedback``
write the course's feedback page, with manual grades and comments and without hidden tests.
"""

import nbformat
import pytest

from tests.grading.notebooks import (REPO, gradebook_scores, hidden_lines, make_autograde,
                                     nbgrader, nbgrader_course, read_csv, source_answers,
                                     student_notebook, write_submission)

pytestmark = [pytest.mark.xdist_group("nbgrader-paths"),
              # nbgrader's gradebook, on SQLAlchemy 2, warns about an autoflush it does itself;
              # the suite turns RuntimeWarnings (SAWarning is one) into errors.
              pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]

ASSIGNMENT, NOTEBOOK = "04-relu", "relu.ipynb"
RELU = "relu_vectorised_elementwise"
WRITTEN = "relu_written_answer"
# Correct only where the instructor's files are out of sight: in the sandbox, never in a
# kernel that stock nbgrader would start in the course folder.
SANDBOX_ONLY_RELU = (
    "import os\n\ndef relu(x):\n"
    "    if os.path.exists(%r):\n        return -x\n"
    "    return np.maximum(x, 0.0)\n" % str(REPO / "solutions"))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = nbgrader_course(tmp_path_factory.mktemp("nbgrader-course"))
    answers = source_answers(ASSIGNMENT, NOTEBOOK)
    for student, replaced in [("cli", {}), ("api", {}), ("sandboxed", {"relu_answer": SANDBOX_ONLY_RELU}),
                              ("empty", None)]:
        nb = student_notebook(ASSIGNMENT, NOTEBOOK, None if replaced is None else dict(answers, **replaced))
        path = write_submission(course, student, ASSIGNMENT, NOTEBOOK, nb)
        # what nbgrader's exchange brings with a submission (`nbgrader collect`)
        (path.parent / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC")
        (path.parent / "submission_secret.txt").write_text("secret-of-" + student)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force", "--log-level=WARN")
    return course


def api(course):
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    exchange = course / "exchange"
    exchange.mkdir(exist_ok=True)
    exchange.chmod(0o777)  # nbgrader's exchange is a shared, world-writable folder
    config.Exchange.root = str(exchange)
    config.CourseDirectory.root = str(course)
    return NbGraderAPI(CourseDirectory(config=config), config=config)


@pytest.fixture(scope="module")
def graded(course):
    log = nbgrader(course, "autograde", ASSIGNMENT, "--student", "cli")
    log += nbgrader(course, "autograde", ASSIGNMENT, "--student", "sandboxed")
    log += nbgrader(course, "autograde", ASSIGNMENT, "--student", "empty")
    grader_api = api(course)
    result = grader_api.autograde(ASSIGNMENT, "api")  # what formgrader's Autograde button calls
    assert result["success"], result.get("error")
    return {"log": log + result["log"], "scores": gradebook_scores(course, ASSIGNMENT)}


def full_marks():
    from grader.grading import load_spec
    spec = load_spec(REPO / "solutions" / ASSIGNMENT / NOTEBOOK, ASSIGNMENT)
    return {p.grade_id: p.points for p in spec.parts if p.kind == "auto"}


def test_nbgrader_autograde_grades_in_the_sandbox(graded):
    assert "in the sandbox" in graded["log"]
    scores = graded["scores"]
    auto = full_marks()
    for student in ("cli", "api", "sandboxed"):
        assert {g: scores[student][g] for g in auto} == auto, student
    assert all(scores["empty"][g] == 0 for g in auto)


def test_nbgrader_and_make_autograde_agree(course, graded):
    make_autograde(course, "--force")
    assert gradebook_scores(course, ASSIGNMENT) == graded["scores"]


def test_feedback_buttons_and_command_write_the_course_page_without_hidden_tests(course, graded):
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///%s" % (course / "gradebook.db")) as gb:
        grade = gb.find_grade(WRITTEN, "relu", ASSIGNMENT, "api")
        grade.manual_score = 1.5  # what a grader types in the formgrader
        comment = gb.find_comment(WRITTEN, "relu", ASSIGNMENT, "api")
        comment.manual_comment = "Good: you name the kink. Say why g'(0) rarely matters."
        gb.db.commit()
    grader_api = api(course)
    result = grader_api.generate_feedback(ASSIGNMENT, "api")  # formgrader's Generate feedback
    assert result["success"], result.get("error")
    nbgrader(course, "generate_feedback", ASSIGNMENT, "--student", "cli", "--force")
    lines = hidden_lines(ASSIGNMENT, NOTEBOOK)
    assert lines
    for student in ("api", "cli"):
        page = (course / "feedback" / student / ASSIGNMENT / "relu.html").read_text()
        assert "Feedback on %s / relu" % ASSIGNMENT in page  # the course's page, not nbconvert's
        assert not [line for line in lines if line in page], student
        autograded = (course / "autograded" / student / ASSIGNMENT / NOTEBOOK).read_text()
        assert not [line for line in lines if line in autograded], student
    page = (course / "feedback" / "api" / ASSIGNMENT / "relu.html").read_text()
    assert "1.5 / 2" in page and "you name the kink" in page
    assert not list(course.glob("feedback/*/*/*.json")), "grader state copied into feedback"
    result = grader_api.release_feedback(ASSIGNMENT, "api")  # formgrader's Release feedback
    assert result["success"], result.get("error")
    released = list((course / "exchange").rglob("*.html"))
    assert released and "1.5 / 2" in released[0].read_text()


def test_manual_grades_survive_make_autograde_and_reach_both_csvs(course, graded):
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///%s" % (course / "gradebook.db")) as gb:
        grade = gb.find_grade(WRITTEN, "relu", ASSIGNMENT, "cli")
        grade.manual_score = 2.0
        gb.db.commit()
    make_autograde(course, "--force")
    items = read_csv(course / "grades-items.csv")
    row = next(r for r in items if r["student_id"] == "cli" and r["grade_id"] == WRITTEN)
    assert float(row["score"]) == 2.0 and row["reason"] == "written"
    reasons = {r["grade_id"]: r["reason"] for r in items if r["student_id"] == "empty"}
    assert set(reasons.values()) == {"not attempted"}, reasons
    assert {r["reason"] for r in items if r["student_id"] == "cli" and r["grade_id"] in full_marks()} \
        == {"correct"}
    totals = {r["student_id"]: float(r["raw_score"]) for r in read_csv(course / "grades.csv")}
    assert totals["cli"] == sum(full_marks().values()) + 2.0
    page = (course / "feedback" / "cli" / ASSIGNMENT / "relu.html").read_text()
    assert "2 / 2" in page
    nb = nbformat.read(course / "autograded" / "cli" / ASSIGNMENT / NOTEBOOK, as_version=4)
    assert nb.metadata["course_grader"]["student"] == "cli"
