"""A learner's visible test cells and the grader agree on the visible checks.

For every assignment: the reference answers and the first two mutants (from different parts)
are executed as a learner would, top to bottom in a real Jupyter kernel, and graded in the
real sandbox. A test cell that runs without an error in the notebook must be a part whose
visible checks all pass in the grader, and the other way round.
"""

import nbformat
import pytest

from grader import grading
from tests.grading.notebooks import REPO, cell_errors, run_in_kernel, source_answers, student_notebook
from tests.mutants import modules

MODULES = modules()

CASES = []
for module in MODULES:
    CASES.append((module, "reference", {}))
    for part, mutants in list(module.MUTANTS.items())[:2]:
        name, replacement = next(iter(mutants.items()))
        CASES.append((module, "%s/%s" % (part, name), replacement))


def notebook_verdicts(nb, cwd):
    """``{grade_id: ran without error}`` for each test cell, executed in a real kernel."""
    return {grade_id: not error for grade_id, error in cell_errors(run_in_kernel(nb, cwd)).items()}


@pytest.mark.parametrize("module, variant, replacement", CASES,
                         ids=["%s:%s" % (m.ASSIGNMENT, v) for m, v, _ in CASES])
def test_notebook_and_grader_agree_on_visible_checks(module, variant, replacement, tmp_path):
    answers = dict(source_answers(module.ASSIGNMENT, module.NOTEBOOK), **replacement)
    path = tmp_path / module.NOTEBOOK
    nbformat.write(student_notebook(module.ASSIGNMENT, module.NOTEBOOK, answers), str(path))
    spec = grading.load_spec(REPO / "solutions" / module.ASSIGNMENT / module.NOTEBOOK,
                             module.ASSIGNMENT)
    graded = {p.grade_id: p.visible_passed for p in grading.grade(path, spec, "learner").parts
              if p.kind == "auto"}
    in_notebook = notebook_verdicts(nbformat.read(str(path), as_version=4), tmp_path)
    assert set(in_notebook) == set(graded)
    assert in_notebook == graded, "(notebook, grader) per part that differs: %s" % {
        k: (in_notebook[k], graded[k]) for k in graded if in_notebook[k] != graded[k]}
    if variant == "reference":
        assert all(graded.values())
    print("visible verdicts:", graded)
