"""The generated student notebooks in exercises/ are current, answer-free and fail when empty."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from solutions.checking import split_hidden

REPO = Path(__file__).resolve().parents[1]
SOURCES = sorted(REPO.glob("solutions/*/*.ipynb"))
IDS = [str(p.relative_to(REPO / "solutions")) for p in SOURCES]


def _released(source):
    return REPO / "exercises" / source.parent.name / source.name


def _comparable(path):
    nb = json.loads(Path(path).read_text())
    return [(c["cell_type"], "".join(c["source"]), c.get("metadata", {}).get("nbgrader"))
            for c in nb["cells"]]


def secret_lines(source):
    """Lines of answers and hidden tests: none of them may reach a learner."""
    nb = nbformat.read(source, as_version=4)
    secret, public = set(), set()
    for cell in nb.cells:
        for code, hidden in split_hidden(cell.source):
            inside = False
            for line in code.splitlines():
                marker = line.strip()
                if marker in ("### BEGIN SOLUTION", "### END SOLUTION"):
                    inside = marker == "### BEGIN SOLUTION"
                    continue
                (secret if inside or hidden else public).add(marker)
    # Short or shared lines (imports, "return x", blank) are not evidence of a leak.
    return {line for line in secret - public if len(line) >= 20 and not line.startswith("#")}


def test_every_assignment_has_a_student_version():
    assert len(SOURCES) >= 7
    for source in SOURCES:
        assert _released(source).exists(), "run `make release` for %s" % source


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_student_version_is_what_nbgrader_generates_now(source, tmp_path):
    assignment = source.parent.name
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", assignment,
         "--force", "--log-level=WARN",
         "--CourseDirectory.release_directory=%s" % (tmp_path / "release"),
         "--CourseDirectory.db_url=sqlite:///%s" % (tmp_path / "gradebook.db")],
        cwd=REPO, capture_output=True, text=True,
        env={"PATH": "%s:/usr/bin:/bin" % Path(sys.executable).parent, "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    fresh = tmp_path / "release" / assignment / source.name
    assert _comparable(fresh) == _comparable(_released(source)), \
        "exercises/%s is stale: run `make release` and commit the result" % assignment


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_student_version_contains_no_answer_or_hidden_test(source):
    secrets = secret_lines(source)
    assert secrets, "no answers found in %s" % source
    text = _released(source).read_text()
    released = {line.strip() for cell in json.loads(text)["cells"]
                for line in "".join(cell["source"]).splitlines()}
    assert not secrets & released


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_built_book_contains_no_answer_or_hidden_test(source):
    html = REPO / "_build" / "html"
    if not html.exists():
        pytest.fail("the book is not built; `make test` builds it before running the tests")
    pages = "\n".join(p.read_text(errors="replace") for p in html.rglob("*.html"))
    leaked = [line for line in secret_lines(source) if line in pages]
    assert not leaked, leaked[:5]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_student_version_fails_its_tests_while_answers_are_missing(source, tmp_path):
    nb = nbformat.read(_released(source), as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    tests = [c for c in nb.cells if c.cell_type == "code"
             and c.metadata.get("nbgrader", {}).get("grade")]
    assert tests
    for cell in tests:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors, "test cell %s passed without an answer" % cell.metadata.nbgrader.grade_id
