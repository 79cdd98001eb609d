"""nbval executes every chapter and every instructor notebook in a real Jupyter kernel.

Each notebook runs as one test (a nested ``pytest --nbval-lax`` run) so that ``make test``
can spread notebooks over cores while every notebook keeps its cells in one kernel. Lax
mode fails on any error in any cell; outputs are not compared (the committed notebooks
have none). Instructor notebooks must pass their own tests, hidden ones included.

Chapters run in a kernel that also checks every figure as it is shown: a figure whose series
differ only in colour fails its cell (the book's accessibility promise; the rule is in
tests/figure_accessibility.py, the hook in tests/figure_accessibility_kernel.py). The check
rides along with this one execution; nothing runs twice.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.figure_accessibility_kernel import nbval_options

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(REPO.glob("chapters/*.ipynb")) + sorted(REPO.glob("solutions/*/*.ipynb"))


def test_every_chapter_and_assignment_is_covered():
    assert len(list(REPO.glob("chapters/*.ipynb"))) >= 8
    assert len(list(REPO.glob("solutions/*/*.ipynb"))) >= 7


@pytest.fixture(scope="session")
def figure_checking_kernel(tmp_path_factory):
    """nbval options and environment for a kernel that checks every figure it shows."""
    return nbval_options(tmp_path_factory.mktemp("figure-checking-kernel"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_notebook_runs_top_to_bottom_with_nbval(notebook, figure_checking_kernel):
    options, env = figure_checking_kernel if notebook.parent.name == "chapters" else ([], {})
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
         "--nbval-cell-timeout=300", *options, str(notebook)],
        cwd=REPO, capture_output=True, text=True, timeout=900, env={**os.environ, **env})
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]


COMMITTED = NOTEBOOKS + sorted(REPO.glob("exercises/*/*.ipynb"))


@pytest.mark.parametrize("notebook", COMMITTED, ids=lambda p: str(p.relative_to(REPO)))
def test_committed_notebook_has_no_outputs(notebook):
    """Notebooks are committed stripped, so diffs review like prose; the book build executes them."""
    import nbformat
    nb = nbformat.read(notebook, as_version=4)
    dirty = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, "cells %s carry outputs or execution counts; clear them before committing" % dirty
