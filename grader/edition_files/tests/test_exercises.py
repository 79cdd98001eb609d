"""Every exercise notebook runs here as a learner first opens it: nothing is missing, nothing is answered.

Each notebook runs top to bottom in a real kernel, in its own folder. The only errors allowed are
the ones an unanswered exercise gives: ``NotImplementedError`` from an answer cell's stub and
``CheckFailed`` from a test cell saying so. Any other error (a missing module or data file, a
name the notebook never defines) means this repository lacks something the exercise needs.
"""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.kernels import IPCKernelManager

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(ROOT.glob("exercises/*/*.ipynb"))
UNANSWERED = {"NotImplementedError", "CheckFailed"}


def test_there_are_exercises():
    assert len(NOTEBOOKS) >= 7, NOTEBOOKS


def test_the_course_library_is_this_repositorys():
    import solutions
    assert Path(solutions.__file__).resolve().parent == ROOT / "solutions"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "exercises")))
def test_exercise_runs_and_every_test_cell_waits_for_an_answer(notebook):
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, km=IPCKernelManager(kernel_name="python3"), timeout=300, allow_errors=True,
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    graded = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        unexpected = [(e.ename, e.evalue) for e in errors if e.ename not in UNANSWERED]
        assert not unexpected, "cell %d: %s" % (index, unexpected)
        if cell.metadata.get("nbgrader", {}).get("grade"):
            graded += 1
            name = cell.metadata.nbgrader.grade_id
            assert [e.ename for e in errors] == ["CheckFailed"], "test cell %s passed unanswered" % name
            assert "not implemented yet" in errors[0].evalue, (name, errors[0].evalue)
    assert graded, "no test cell in %s" % notebook.name
