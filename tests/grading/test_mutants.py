"""Mutation tests: the grading catches plausible wrong answers, through ``make autograde``.

For every assignment, ``tests/mutants/aNN_*.py`` lists wrong implementations per graded part.
All of them, the instructor's reference answers and the untouched student version are graded
in one batch; each mutant must lose exactly the points of its part (parts that call the
mutated function may lose theirs too, but no part may gain), the reference must earn full
automatic marks and the empty student version zero.
"""

import pytest

from tests.grading.notebooks import (REPO, gradebook_scores, make_autograde, source_answers,
                                     student_notebook, write_submission)

pytestmark = pytest.mark.xdist_group("grading")
from tests.mutants import modules

MODULES = modules()
CASES = [(m, part, name) for m in MODULES for part, mutants in m.MUTANTS.items()
         for name in mutants]


def _student(part, name):
    return ("m-%s-%s" % (part, name))[:120]


def _auto_parts(module):
    from grader.grading import load_spec
    spec = load_spec(REPO / "solutions" / module.ASSIGNMENT / module.NOTEBOOK, module.ASSIGNMENT)
    return {p.grade_id: p.points for p in spec.parts if p.kind == "auto"}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("mutant-class")
    for module in MODULES:
        answers = source_answers(module.ASSIGNMENT, module.NOTEBOOK)
        write_submission(course, "reference", module.ASSIGNMENT, module.NOTEBOOK,
                         student_notebook(module.ASSIGNMENT, module.NOTEBOOK, answers))
        write_submission(course, "empty", module.ASSIGNMENT, module.NOTEBOOK,
                         student_notebook(module.ASSIGNMENT, module.NOTEBOOK))
        for part, mutants in module.MUTANTS.items():
            for name, replacement in mutants.items():
                nb = student_notebook(module.ASSIGNMENT, module.NOTEBOOK,
                                      dict(answers, **replacement))
                write_submission(course, _student(part, name), module.ASSIGNMENT,
                                 module.NOTEBOOK, nb)
    make_autograde(course, "--time-limit", "30")
    return {m.ASSIGNMENT: gradebook_scores(course, m.ASSIGNMENT) for m in MODULES}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ASSIGNMENT)
def test_every_autograded_part_has_five_mutants(module):
    parts = _auto_parts(module)
    assert set(module.MUTANTS) == set(parts)
    for part, mutants in module.MUTANTS.items():
        assert len(mutants) >= 5, part


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ASSIGNMENT)
def test_reference_answers_earn_full_marks(graded, module):
    scores = graded[module.ASSIGNMENT]["reference"]
    assert {g: scores[g] for g in _auto_parts(module)} == _auto_parts(module)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ASSIGNMENT)
def test_the_empty_student_version_earns_zero(graded, module):
    scores = graded[module.ASSIGNMENT]["empty"]
    assert all(scores[g] == 0.0 for g in _auto_parts(module)), scores


@pytest.mark.parametrize("module,part,name", CASES,
                         ids=["%s:%s:%s" % (m.ASSIGNMENT, p, n) for m, p, n in CASES])
def test_mutant_loses_the_points_of_its_part(graded, module, part, name):
    scores = graded[module.ASSIGNMENT][_student(part, name)]
    reference = graded[module.ASSIGNMENT]["reference"]
    assert scores[part] == 0.0, scores
    assert all(scores[g] <= reference[g] for g in _auto_parts(module))
