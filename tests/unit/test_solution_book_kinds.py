"""Every graded cell says what kind of work it asks for; the solution book tabulates it."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from grader import solution_book

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted((REPO / "solutions").glob("*/*.ipynb")), ids=lambda p: p.parent.name)
def test_every_graded_cell_has_a_kind_and_a_time(path):
    parts = solution_book.part_kinds(nbformat.read(path, as_version=4))
    assert parts and all(kind in solution_book.KINDS and minutes > 0 for _, kind, _, minutes in parts)


def test_the_table_adds_points_by_kind_and_time():
    cells = [new_code_cell("", metadata={"nbgrader": {"grade": True, "grade_id": g, "points": p},
                                         "course": {"kind": k, "minutes": m}})
             for g, p, k, m in [("a", 2, "implement", 10), ("b", 1, "implement", 5), ("c", 3, "experiment", 45)]]
    table = solution_book.kinds_table(solution_book.part_kinds(new_notebook(cells=cells)))
    assert "| implement | 2 | 3 | 50% |" in table and "| experiment | 1 | 3 | 50% |" in table
    assert "**1.0 h** (60 min over 3 graded parts)" in table


def test_a_graded_cell_without_a_kind_is_named():
    cell = new_code_cell("", metadata={"nbgrader": {"grade": True, "grade_id": "mystery", "points": 1}})
    with pytest.raises(ValueError, match="'mystery' needs metadata course.kind"):
        solution_book.part_kinds(new_notebook(cells=[cell]))


ASSIGNMENTS = sorted((REPO / "solutions").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", ASSIGNMENTS, ids=lambda p: p.parent.name)
def test_typing_in_a_formula_is_at_most_a_quarter_of_the_points(path):
    parts = solution_book.part_kinds(nbformat.read(path, as_version=4))
    total = sum(points for _, _, points, _ in parts)
    implement = sum(points for _, kind, points, _ in parts if kind == "implement")
    assert implement <= 0.25 * total, "%s: implement %g of %g points" % (path.parent.name, implement, total)


@pytest.mark.parametrize("path", ASSIGNMENTS, ids=lambda p: p.parent.name)
def test_every_assignment_asks_to_discover_derive_debug_and_interpret(path):
    kinds = {kind for _, kind, _, _ in solution_book.part_kinds(nbformat.read(path, as_version=4))}
    wanted = {"experiment", "derive", "debug", "explain"}
    assert wanted <= kinds, "%s lacks %s" % (path.parent.name, sorted(wanted - kinds))
