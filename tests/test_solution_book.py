"""``make solution-book``: every assignment, executed, with answers and hidden tests; never public."""

import html
import re
import subprocess

import nbformat

from tests.grading.notebooks import REPO

SOURCES = sorted((REPO / "solutions").glob("*/*.ipynb"))


def page_text(path):
    """The visible text of an HTML page: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def make_solution_book(*args):
    return subprocess.run(["make", "-s", "-C", str(REPO), "solution-book", "ARGS=" + " ".join(args)],
                          capture_output=True, text=True, timeout=900)


def test_every_assignment_rendered_with_answers_hidden_tests_and_passing_outputs(tmp_path):
    out = tmp_path / "book"
    proc = make_solution_book("--out", str(out))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "[%d/%d]" % (len(SOURCES), len(SOURCES)) in proc.stdout  # progress per notebook
    assert (out / "_static" / "mathjax" / "tex-mml-chtml.js").is_file()
    index = (out / "index.html").read_text()
    for source in SOURCES:
        assignment = source.parent.name
        assert 'href="%s/%s.html"' % (assignment, source.stem) in index
        page = (out / assignment / (source.stem + ".html")).read_text(encoding="utf-8")
        text = page_text(out / assignment / (source.stem + ".html"))
        assert "Instructor copy" in text and "Do not publish" in text
        # executed: outputs present, and no error or stderr output anywhere
        assert "passed: " in text
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page
        assert "CheckFailed" not in text
        assert "Points by kind of work" in text and "Estimated learner time" in text
        # formulas typeset offline by the book's MathJax, copied beside the pages
        assert "../_static/course-mathjax.js" in page
        assert not re.findall(r"""(?:src|href)=["']https?://""", page), "an outside resource"
        nb = nbformat.read(source, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") or meta.get("grade"):
                assert "nbgrader %s" % meta["grade_id"] in text, (source, meta["grade_id"])
                for line in cell.source.splitlines():
                    if line.strip() and cell.cell_type == "code":
                        assert line.strip() in text, (source.name, line)


def test_refuses_to_write_into_the_public_book():
    proc = make_solution_book("--no-execute", "--out", str(REPO / "_build" / "html" / "answers"))
    assert proc.returncode != 0
    assert "must not go inside the public book" in proc.stderr
    assert not (REPO / "_build" / "html" / "answers").exists()
