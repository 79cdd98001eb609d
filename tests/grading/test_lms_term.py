"""An instructor's term through the course's commands: an LMS download, a due date, late work.

``make collect`` unpacks a Canvas download (one upload on time, one late) with the submission
times; the due date is set in nbgrader's gradebook; ``make autograde`` applies nbgrader's
late-penalty plugin as configured, and the penalty appears in ``grades.csv``.
"""

import subprocess
import zipfile

import pytest

from tests.grading.notebooks import (REPO, make_autograde, nbgrader_course, read_csv,
                                     source_answers, student_notebook)

pytestmark = [pytest.mark.xdist_group("lms-term"),
              pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]

ASSIGNMENT, NOTEBOOK = "04-relu", "relu.ipynb"


def test_a_late_canvas_upload_gets_nbgrader_late_penalty(tmp_path):
    import nbformat
    course = nbgrader_course(tmp_path / "course")
    with open(course / "nbgrader_config.py", "a") as f:
        f.write("\nc.LateSubmissionPlugin.penalty_method = 'zero'\n")
    answered = nbformat.writes(student_notebook(ASSIGNMENT, NOTEBOOK,
                                                source_answers(ASSIGNMENT, NOTEBOOK))).encode()
    download = tmp_path / "canvas.zip"
    with zipfile.ZipFile(download, "w") as z:
        z.writestr(zipfile.ZipInfo("doejohn_12345_67890_relu.ipynb", (2026, 3, 1, 9, 0, 0)), answered)
        z.writestr(zipfile.ZipInfo("roeann_LATE_22222_33333_relu.ipynb", (2026, 3, 4, 9, 0, 0)), answered)
    proc = subprocess.run(["make", "-s", "-C", str(REPO), "collect", "ZIP=%s" % download,
                           "ASSIGNMENT=" + ASSIGNMENT, "ARGS=--course-dir %s" % course],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "collected 2" in proc.stdout, proc.stdout + proc.stderr
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///%s" % (course / "gradebook.db")) as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate="2026-03-02 00:00:00 UTC")
    make_autograde(course)
    rows = {r["student_id"]: r for r in read_csv(course / "grades.csv")}
    on_time, late = rows["doejohn"], rows["roeann"]
    assert float(on_time["raw_score"]) == float(late["raw_score"]) > 0
    assert float(on_time["late_submission_penalty"]) == 0 and float(on_time["score"]) > 0
    assert float(late["late_submission_penalty"]) == float(late["raw_score"])
    assert float(late["score"]) == 0.0
    assert late["timestamp"].startswith("2026-03-04 09:00")
