"""The grader's steps on plain data: spec, plan, decide, version. No sandbox."""

import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from grader import autograde, feedback, grading, nbgrader_rules
from grader.grading import Reason
from solutions.calling import Outcome, Status

REPO = Path(__file__).resolve().parents[2]
RELU = REPO / "solutions" / "04-relu" / "relu.ipynb"


@pytest.fixture(scope="module")
def spec():
    return grading.load_spec(RELU, "04-relu")


def all_outcomes(spec, outcome):
    return {c["key"]: outcome for c in grading.plan_calls(spec)}


def test_every_call_is_planned_with_encoded_inputs(spec):
    calls = grading.plan_calls(spec)
    assert len({c["key"] for c in calls}) == len(calls) > 10
    assert all(isinstance(c["args"], list) and c["function"] for c in calls)


@pytest.mark.parametrize("status, reason", [
    (Status.NOT_IMPLEMENTED, Reason.NOT_ATTEMPTED), (Status.TIMEOUT, Reason.TIMEOUT),
    (Status.OUT_OF_MEMORY, Reason.MEMORY), (Status.CRASHED, Reason.CRASHED),
    (Status.RAISED, Reason.ERROR), (Status.FLOATING_POINT, Reason.ERROR)])
def test_each_part_gets_a_typed_reason(spec, status, reason):
    outcome = Outcome(status, error_type="ZeroDivisionError" if status is Status.RAISED else "")
    parts = grading.decide(spec, {}, all_outcomes(spec, outcome))
    auto = [p for p in parts if p.kind == "auto"]
    assert {p.reason for p in auto} == {reason} and all(p.points == 0 for p in auto)
    if status is Status.RAISED:
        assert {p.detail for p in auto} == {"ZeroDivisionError"}
    manual = [p for p in parts if p.kind == "manual"]
    assert {p.reason for p in manual} == {Reason.MISSING}


def test_a_wrong_value_is_a_wrong_answer(spec):
    parts = grading.decide(spec, {}, all_outcomes(spec, Outcome(Status.RETURNED, {"kind": "none"})))
    assert {p.reason for p in parts if p.kind == "auto"} == {Reason.WRONG_ANSWER}


def test_submitted_test_cells_never_run(spec):
    nb = nbformat.read(REPO / "exercises" / "04-relu" / "relu.ipynb", as_version=4)
    cells, answers, warnings = grading.plan(nb, spec)
    sources = [c["source"] for c in cells]
    assert not any("check(" in s for s in sources) and answers and not warnings


def test_a_variant_hidden_marker_never_reaches_the_feedback(tmp_path):
    source = ("from solutions.checking import check\ncheck(relu, [1.0], expected=[1.0])\n"
              "# BEGIN HIDDEN TESTS ###\ncheck(relu, [-7.25], expected=[0.0])\n"
              "## END HIDDEN TESTS\n")
    visible = feedback.visible_source(source, 1, nbgrader_rules.hidden_test_delimiters())
    assert "-7.25" not in visible and "BEGIN" not in visible and "relu, [1.0]" in visible


def test_the_delimiters_come_from_nbgrader_config(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nc.ClearHiddenTests.begin_test_delimeter = 'SECRET FROM HERE'\n")
    assert nbgrader_rules.hidden_test_delimiters(tmp_path)[0] == "SECRET FROM HERE"
    assert nbgrader_rules.hidden_test_delimiters()[0] == "BEGIN HIDDEN TESTS"


def test_the_grader_version_changes_with_the_grading_code(tmp_path, spec):
    for part in ("grader", "solutions"):
        (tmp_path / part).mkdir()
        for path in (REPO / part).glob("*.py"):
            shutil.copy(path, tmp_path / part)
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    before = autograde.grader_version(tmp_path)
    assert before == autograde.grader_version(tmp_path)
    with open(tmp_path / "solutions" / "rectifiers.py", "a") as f:
        f.write("\n# a reference implementation changed\n")
    after = autograde.grader_version(tmp_path)
    assert after != before
    with open(tmp_path / "grader" / "collect.py", "a") as f:
        f.write("\n# tooling that decides no score\n")
    assert autograde.grader_version(tmp_path) == after
    submission = tmp_path / "s.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1")]), str(submission))
    assert autograde.fingerprint(submission, spec, before) != autograde.fingerprint(submission, spec, after)
