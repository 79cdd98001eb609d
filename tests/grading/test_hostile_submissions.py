"""A class of hostile submissions graded in one batch through ``make autograde``.

Each hostile notebook carries the honest answers plus one attack. The tests assert that an
attack earns no points it did not deserve, costs exactly the parts it attacked, and harms
nothing else: the honest students in the same batch keep full marks, the gradebook and the
course files stay intact, and no request leaves the sandbox.
"""

import copy
import os
import socket
import sqlite3

import nbformat
import pytest

from tests.grading import hostile
from tests.grading import unprivileged as unprivileged_user
from tests.grading.notebooks import (REPO, gradebook_scores, hidden_lines, make_autograde, read_csv,
                                     source_answers, student_notebook, write_submission)

pytestmark = pytest.mark.xdist_group("grading")

ASSIGNMENT, NOTEBOOK = "04-relu", "relu.ipynb"
HONEST = ("honest", "honest_too")


# Instructors grade as themselves (bubblewrap's user namespace); CI and containers as root
# (a user id per sandbox). As root, the whole batch runs in both modes.
MODES = ["as_root", "as_user"] if unprivileged_user.is_root() else ["as_user"]


@pytest.fixture(scope="module", params=MODES)
def batch(request, tmp_path_factory):
    course = tmp_path_factory.mktemp("hostile-class-" + request.param)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    answers = source_answers(ASSIGNMENT, NOTEBOOK)
    honest_nb = student_notebook(ASSIGNMENT, NOTEBOOK, answers)
    for student in HONEST:
        write_submission(course, student, ASSIGNMENT, NOTEBOOK, honest_nb)
    attacks = hostile.catalogue(REPO, course, port)
    for h in attacks:
        def edit(nb, h=h):
            if h.extra:
                nb.cells.insert(2, nbformat.v4.new_code_cell(h.extra))
            return h.edit(nb) if h.edit else nb
        nb = student_notebook(ASSIGNMENT, NOTEBOOK, dict(answers, **h.answers), edit)
        write_submission(course, h.name, ASSIGNMENT, NOTEBOOK, nb)
    foreign = copy.deepcopy(honest_nb)
    for cell in foreign.cells:
        meta = cell.metadata.get("nbgrader")
        if meta:
            meta["grade_id"] = "other_" + meta["grade_id"]
    bad = hostile.bad_files(nbformat.writes(honest_nb).encode(), nbformat.writes(foreign))
    for name, (content, _) in bad.items():
        write_submission(course, name, ASSIGNMENT, NOTEBOOK, content)
    write_submission(course, "duplicate_answer_cell", ASSIGNMENT, NOTEBOOK,
                     student_notebook(ASSIGNMENT, NOTEBOOK, answers, hostile.duplicate_answer_cell))
    write_submission(course, "missing_answer_cell", ASSIGNMENT, NOTEBOOK,
                     student_notebook(ASSIGNMENT, NOTEBOOK, answers, hostile.missing_answer_cell))
    # 12 s per notebook, re-runs included: a few stuck calls (3 s each) and a busy machine fit.
    output = make_autograde(course, "--time-limit", "12", unprivileged=request.param == "as_user")
    try:
        listener.accept()
        connected = True
    except BlockingIOError:
        connected = False
    listener.close()
    return {"mode": request.param, "course": course, "output": output, "attacks": attacks,
            "bad": bad, "scores": gradebook_scores(course, ASSIGNMENT), "connected": connected,
            "full": {gid for gid, _ in _auto_parts()}}


def _auto_parts():
    from grader.grading import load_spec
    spec = load_spec(REPO / "solutions" / ASSIGNMENT / NOTEBOOK, ASSIGNMENT)
    return [(p.grade_id, p.points) for p in spec.parts if p.kind == "auto"]


def test_the_batch_was_graded_by_the_user_its_mode_names(batch):
    owner = (batch["course"] / "gradebook.db").stat().st_uid
    as_nobody = batch["mode"] == "as_user" and unprivileged_user.is_root()
    assert owner == (unprivileged_user.NOBODY if as_nobody else os.geteuid())


def test_there_are_at_least_twenty_attacks_of_every_kind(batch):
    kinds = {h.kind for h in batch["attacks"]}
    assert len(batch["attacks"]) >= 20
    assert kinds == {"tampering", "snooping", "escaping", "denial of service"}


def test_honest_students_in_the_same_batch_keep_full_marks(batch):
    for student in HONEST:
        assert batch["scores"][student] == {**{g: p for g, p in _auto_parts()},
                                            "gradcheck_written_answer": None,
                                            "relu_written_answer": None}


@pytest.mark.parametrize("name", [h.name for h in hostile.catalogue(REPO, REPO, 1)])
def test_attack_earns_nothing_it_did_not_deserve(batch, name):
    attack = next(h for h in batch["attacks"] if h.name == name)
    scores = batch["scores"][name]
    for grade_id, points in _auto_parts():
        expected = 0.0 if grade_id in attack.lost else points
        assert scores[grade_id] == expected, (name, grade_id, scores)


@pytest.mark.parametrize("name", list(hostile.bad_files(b"", "")))
def test_unreadable_files_score_zero_with_a_named_reason(batch, name):
    assert set(batch["scores"][name].values()) <= {0.0}
    message = batch["bad"][name][1]
    html = (batch["course"] / "feedback" / name / ASSIGNMENT / "relu.html").read_text()
    assert message in html and message in batch["output"]


def test_duplicate_answer_cells_run_in_order_and_are_reported(batch):
    assert batch["scores"]["duplicate_answer_cell"] == batch["scores"]["honest"]
    html = (batch["course"] / "feedback" / "duplicate_answer_cell" / ASSIGNMENT / "relu.html")
    assert "duplicate ids relu_answer" in html.read_text()


def test_missing_answer_cell_costs_only_its_parts(batch):
    scores = batch["scores"]["missing_answer_cell"]
    assert scores[hostile.RELU] == 0.0 and scores["relu_written_answer"] == 0.0
    assert sum(v for v in scores.values() if v) == \
        sum(p for _, p in _auto_parts()) - dict(_auto_parts())[hostile.RELU]


def test_reasons_are_reported_per_student_in_the_summary(batch):
    out = batch["output"]
    for name, reason in [("infinite_loop_in_a_function", "timeout"),
                         ("timeout_signal_ignored", "timeout"),
                         ("memory_bomb_in_a_function", "memory"),
                         ("segfault_in_a_function", "crashed"),
                         ("os_exit_in_a_function", "crashed")]:
        line = next(line for line in out.splitlines() if line.startswith("  ! %s:" % name))
        assert reason in line, line
        html = (batch["course"] / "feedback" / name / ASSIGNMENT / "relu.html").read_text()
        assert reason in html


def test_nothing_escaped_the_sandbox(batch):
    course = batch["course"]
    assert not batch["connected"], "a submission reached a server on the grading machine"
    for path in (course / "ESCAPED", REPO / "ESCAPED"):
        assert not path.exists()
    rows = sqlite3.connect(course / "gradebook.db").execute(
        "select count(*) from submitted_assignment").fetchone()[0]
    students = len(batch["attacks"]) + len(batch["bad"]) + len(HONEST) + 2
    assert rows == students
    grades = read_csv(course / "grades.csv")
    assert len(grades) == students and {r["max_score"] for r in grades} == {"16.0"}


def test_hidden_tests_never_reach_students(batch):
    lines = hidden_lines(ASSIGNMENT, NOTEBOOK)
    assert lines
    for path in list((batch["course"] / "feedback").rglob("*.html")) + \
            list((batch["course"] / "autograded").rglob("*.ipynb")):
        text = path.read_text()
        leaked = [line for line in lines if line in text]
        assert not leaked, (path, leaked[:3])
