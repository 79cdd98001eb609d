"""A fair grade: correct code in any reasonable style earns full marks, and every pitfall the
assignment warns about loses its points *and* already fails a visible check in the learner's
own notebook, with a message that names it.

The variants live in ``tests/mutants/aNN_*.py``: ``CORRECT`` (per answer cell, at least three
correct styles) and ``PITFALLS`` (per part, wrong answers the text warns about, each with the
phrase its visible failure must contain). They are graded in the same ``make autograde``
batch as the mutants (the ``graded_class`` fixture); the visible failures are seen by
executing the student notebook top to bottom in a real Jupyter kernel.
"""

import ast

import nbformat
import pytest

from grader import grading
from grader.grading import load_spec
from tests.grading.notebooks import (assert_loses_its_part, REPO, auto_parts, cell_errors, run_in_kernel,
                                     source_answers, student_id, student_notebook)
from tests.mutants import modules

MODULES = modules()
CORRECT = [(m, answer, style) for m in MODULES for answer, styles in m.CORRECT.items()
           for style in styles]
PITFALLS = [(m, part, name) for m in MODULES for part, pitfalls in m.PITFALLS.items()
            for name in pitfalls]


def _graded_answer_cells(module):
    """The answer cells that define a function some test cell checks."""
    spec = load_spec(REPO / "solutions" / module.ASSIGNMENT / module.NOTEBOOK, module.ASSIGNMENT)
    checked = {c.function for p in spec.parts if p.kind == "auto" for c in p.checks}
    cells = set()
    for grade_id, code in source_answers(module.ASSIGNMENT, module.NOTEBOOK).items():
        try:
            tree = ast.parse(code)
        except SyntaxError:  # a written answer
            continue
        if {n.name for n in tree.body if isinstance(n, ast.FunctionDef)} & checked:
            cells.add(grade_id)
    return cells


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ASSIGNMENT)
def test_every_graded_function_has_three_correct_styles(module):
    assert set(module.CORRECT) == _graded_answer_cells(module)
    for answer, styles in module.CORRECT.items():
        assert len(styles) >= 3, answer
        reference = source_answers(module.ASSIGNMENT, module.NOTEBOOK)[answer]
        assert reference not in styles.values(), "%s repeats the reference answer" % answer


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ASSIGNMENT)
def test_pitfalls_name_real_parts(module):
    parts = auto_parts(module)
    assert module.PITFALLS and set(module.PITFALLS) <= set(parts)
    answers = source_answers(module.ASSIGNMENT, module.NOTEBOOK)
    for part, pitfalls in module.PITFALLS.items():
        for name, pitfall in pitfalls.items():
            assert set(pitfall) == {"answers", "says"}, name
            assert set(pitfall["answers"]) <= set(answers) and pitfall["says"], name


@pytest.mark.xdist_group("grading")
@pytest.mark.parametrize("module,answer,style", CORRECT,
                         ids=["%s:%s:%s" % (m.ASSIGNMENT, a, s) for m, a, s in CORRECT])
def test_correct_alternative_earns_full_marks(graded_class, module, answer, style):
    scores = graded_class[module.ASSIGNMENT][student_id("c", answer, style)]
    full = auto_parts(module)
    assert {g: scores[g] for g in full} == full


@pytest.mark.xdist_group("grading")
@pytest.mark.parametrize("module,part,name", PITFALLS,
                         ids=["%s:%s:%s" % (m.ASSIGNMENT, p, n) for m, p, n in PITFALLS])
def test_pitfall_loses_points(graded_class, module, part, name):
    assert_loses_its_part(graded_class, module, student_id("p", part, name), part)


@pytest.mark.parametrize("module,part,name", PITFALLS,
                         ids=["%s:%s:%s" % (m.ASSIGNMENT, p, n) for m, p, n in PITFALLS])
def test_pitfall_fails_a_visible_check_first(module, part, name, tmp_path):
    """The learner sees the pitfall before submitting: the released notebook, run top to
    bottom in a real kernel, fails the part's test cell (which holds only visible checks)
    with a CheckFailed whose message names the pitfall; the grader's sandbox agrees."""
    pitfall = module.PITFALLS[part][name]
    answers = dict(source_answers(module.ASSIGNMENT, module.NOTEBOOK), **pitfall["answers"])
    nb = student_notebook(module.ASSIGNMENT, module.NOTEBOOK, answers)
    path = tmp_path / module.NOTEBOOK
    nbformat.write(nb, str(path))
    error = cell_errors(run_in_kernel(nb, tmp_path))[part]
    assert error.startswith("CheckFailed: "), error or "the test cell %s passed" % part
    assert pitfall["says"] in error, error
    # the grader, in its sandbox, agrees: a visible check of this part failed, in the same words
    spec = load_spec(REPO / "solutions" / module.ASSIGNMENT / module.NOTEBOOK, module.ASSIGNMENT)
    (graded,) = [p for p in grading.grade(path, spec, "learner").parts if p.grade_id == part]
    assert not graded.visible_passed and graded.points == 0.0
    assert any(pitfall["says"] in m for m in graded.messages), graded.messages
