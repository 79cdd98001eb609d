"""Mutation tests: the grading catches plausible wrong answers, through ``make autograde``.

For every assignment, ``tests/mutants/aNN_*.py`` lists wrong implementations per graded part.
All of them, the instructor's reference answers and the untouched student version are graded
in one batch (the ``graded_class`` fixture, shared with test_fair_grades.py); each mutant must
lose exactly the points of its part (parts that call the mutated function may lose theirs too,
but no part may gain), the reference must earn full automatic marks and the empty student
version zero.
"""

import pytest

from tests.grading.notebooks import assert_loses_its_part, auto_parts, student_id
from tests.mutants import modules

pytestmark = pytest.mark.xdist_group("grading")

MODULES = modules()
CASES = [(m, part, name) for m in MODULES for part, mutants in m.MUTANTS.items()
         for name in mutants]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ASSIGNMENT)
def test_every_autograded_part_has_five_mutants(module):
    parts = auto_parts(module)
    assert set(module.MUTANTS) == set(parts)
    for part, mutants in module.MUTANTS.items():
        assert len(mutants) >= 5, part


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ASSIGNMENT)
def test_reference_answers_earn_full_marks(graded_class, module):
    scores = graded_class[module.ASSIGNMENT]["reference"]
    assert {g: scores[g] for g in auto_parts(module)} == auto_parts(module)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.ASSIGNMENT)
def test_the_empty_student_version_earns_zero(graded_class, module):
    scores = graded_class[module.ASSIGNMENT]["empty"]
    assert all(scores[g] == 0.0 for g in auto_parts(module)), scores


@pytest.mark.parametrize("module,part,name", CASES,
                         ids=["%s:%s:%s" % (m.ASSIGNMENT, p, n) for m, p, n in CASES])
def test_mutant_loses_the_points_of_its_part(graded_class, module, part, name):
    assert_loses_its_part(graded_class, module, student_id("m", part, name), part)
