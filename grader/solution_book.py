"""``make solution-book``: an instructor-only HTML copy of every assignment, answers included.

nbgrader has no such output (jupyter/nbgrader#1311). For each source notebook
``solutions/<assignment>/<notebook>.ipynb`` this executes the notebook (so every visible and
hidden check shows that the reference answers pass) and renders it to
``_solution_book/<assignment>/<notebook>.html``, with a banner saying it must not be
published and, above each graded cell, a note of its grade id, points and kind. An index
page lists the assignments with their points.

The output directory is ``_solution_book/`` at the repository root: git-ignored and never
inside ``_build/html``, which is the public book.
"""

import argparse
import html
import sys
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "_solution_book"
PUBLIC_BOOK = REPO / "_build" / "html"
BANNER = ("**Instructor copy: answers, marking guides and hidden tests.** Do not publish this "
          "page or share it with learners; the student version is `exercises/{assignment}/{name}`.")


def source_notebooks():
    """``[(assignment, path), ...]`` in course order."""
    return [(p.parent.name, p) for p in sorted((REPO / "solutions").glob("*/*.ipynb"))]


KINDS = ("implement", "derive", "experiment", "debug", "explain")


def part_kinds(nb):
    """``[(grade_id, kind, points, minutes), ...]`` of every graded cell.

    Each graded cell says what kind of work it asks for in its metadata:
    ``{"course": {"kind": "experiment", "minutes": 40}}`` (kinds: implement, derive,
    experiment, debug, explain). A missing or unknown kind is an error naming the cell.
    """
    parts = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade"):
            continue
        course = cell.metadata.get("course", {})
        kind, minutes = course.get("kind"), course.get("minutes")
        if kind not in KINDS or not isinstance(minutes, (int, float)) or minutes <= 0:
            raise ValueError("graded cell %r needs metadata course.kind (one of %s) and "
                             "course.minutes (the learner's estimated time), got %r"
                             % (meta.get("grade_id"), ", ".join(KINDS), course))
        parts.append((meta["grade_id"], kind, float(meta.get("points", 0)), float(minutes)))
    return parts


def kinds_table(parts):
    """Markdown: points by kind of work, their share, and the learner's estimated time."""
    total = sum(p for _, _, p, _ in parts) or 1.0
    rows = ["| kind of work | parts | points | share |", "| --- | --- | --- | --- |"]
    for kind in KINDS:
        mine = [p for p in parts if p[1] == kind]
        if mine:
            points = sum(p for _, _, p, _ in mine)
            rows.append("| %s | %d | %g | %.0f%% |" % (kind, len(mine), points, 100 * points / total))
    minutes = sum(m for _, _, _, m in parts)
    rows.append("")
    rows.append("Estimated learner time: **%.1f h** (%d min over %d graded parts)."
                % (minutes / 60, minutes, len(parts)))
    return "\n".join(rows)


def graded_note(meta):
    """The line shown above a graded or answer cell, from its nbgrader metadata."""
    if meta.get("grade") and meta.get("solution"):
        kind = "written answer, graded by hand"
    elif meta.get("grade"):
        kind = "autograded test (visible part, then hidden part)"
    elif meta.get("task"):
        kind = "task, graded by hand"
    else:
        kind = "learner's answer cell (the reference answer is shown)"
    points = " · %g point%s" % (meta["points"], "" if meta["points"] == 1 else "s") \
        if "points" in meta else ""
    return "<small>nbgrader <code>%s</code> · %s%s</small>" % (
        html.escape(meta["grade_id"]), kind, points)


def annotate(nb, assignment, name):
    """A copy of ``nb`` with the banner and a note above each nbgrader answer or graded cell."""
    cells = [nbformat.v4.new_markdown_cell(BANNER.format(assignment=assignment, name=name)),
             nbformat.v4.new_markdown_cell("### Points by kind of work\n\n" +
                                           kinds_table(part_kinds(nb)))]
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") or meta.get("solution") or meta.get("task"):
            cells.append(nbformat.v4.new_markdown_cell(graded_note(meta)))
        cells.append(cell)
    annotated = nbformat.from_dict(dict(nb))
    annotated.cells = cells
    return annotated


def total_points(nb):
    return sum(c.metadata.get("nbgrader", {}).get("points", 0) for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade") or
               c.metadata.get("nbgrader", {}).get("task"))


def render(path, assignment, execute=True, timeout=600, mathjax_url=None):
    """HTML of one source notebook (executed in its own folder unless ``execute`` is false)."""
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter
    nb = nbformat.read(path, as_version=4)
    if execute:
        # ipykernel 7 warns on every start that its localhost TCP sockets are unencrypted.
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       extra_arguments=["--IPKernelApp.log_level=ERROR"],
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [c for c in nb.cells if c.cell_type == "code" and
              any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    if errors:
        raise RuntimeError("%s: a cell raised while executing the reference answers; fix the "
                           "source notebook (make test runs it too)" % path.relative_to(REPO))
    exporter = HTMLExporter(template_name="solution_book",
                            extra_template_basedirs=[str(Path(__file__).parent / "templates")],
                            **({"mathjax_url": mathjax_url} if mathjax_url else {}))
    body, _ = exporter.from_notebook_node(
        annotate(nb, assignment, path.name),
        resources={"metadata": {"name": "%s/%s (instructor copy)" % (assignment, path.stem)}})
    return body, total_points(nb)


def index_page(rows):
    items = "\n".join('<li><a href="%s/%s.html">%s: %s</a> (%g points)</li>' % (
        html.escape(a), html.escape(p.stem), html.escape(a), html.escape(p.name), pts)
        for a, p, pts in rows)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Solution book (instructors only)</title></head><body>\n"
            "<h1>Solution book: instructors only</h1>\n<p>Every assignment with its reference "
            "answers, marking guides and hidden tests, executed. Do not publish.</p>\n"
            "<ul>\n%s\n</ul>\n</body></html>\n" % items)


def build(out=OUT, execute=True, log=sys.stdout):
    out = Path(out).resolve()
    if out == PUBLIC_BOOK or PUBLIC_BOOK in out.parents:
        raise SystemExit("error: the solution book must not go inside the public book "
                         "(%s); choose another --out" % PUBLIC_BOOK)
    notebooks = source_notebooks()
    rows = []
    # Formulas render offline with the book's MathJax, copied beside the pages.
    from grader import mathjax
    mathjax_url = "../_static/" + mathjax.LOADER if mathjax.install(out / "_static") else None
    if mathjax_url is None:
        print("note: MathJax is not fetched yet (run `make book` once); formulas stay as TeX",
              file=log)
    for i, (assignment, path) in enumerate(notebooks, 1):
        start = time.monotonic()
        print("[%d/%d] %s/%s ..." % (i, len(notebooks), assignment, path.name), end=" ",
              file=log, flush=True)
        body, points = render(path, assignment, execute, mathjax_url=mathjax_url)
        target = out / assignment / (path.stem + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        rows.append((assignment, path, points))
        print("%.1f s" % (time.monotonic() - start), file=log, flush=True)
    (out / "index.html").write_text(index_page(rows), encoding="utf-8")
    print("wrote %s (instructors only: not part of the public book)" % (out / "index.html"),
          file=log)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make solution-book", description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(OUT), help="output folder (default: %(default)s)")
    parser.add_argument("--no-execute", action="store_true",
                        help="render the notebooks as stored, without running them")
    args = parser.parse_args(argv)
    build(args.out, execute=not args.no_execute)


if __name__ == "__main__":
    main()
