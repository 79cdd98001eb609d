"""What a graded submission turns into: an autograded notebook and a feedback page.

Both are built from the submission plus the instructor's *visible* test code: hidden
tests are cut out here, before anything is written, so neither file can reveal them.
The autograded notebook keeps nbgrader's cell metadata, so formgrader can show it for
manual grading; the feedback page is standalone HTML in which every piece of learner
content is escaped.
"""

import copy
import functools
import html

import nbformat
from markdown_it import MarkdownIt
from nbformat.v4 import new_markdown_cell, new_notebook
from nbformat.v4.nbbase import random_cell_id

from grader.grading import Reason
from solutions.checking import split_hidden

_markdown = MarkdownIt("commonmark", {"html": False})


@functools.lru_cache(maxsize=4096)
def _render_markdown(source):
    """Markdown to HTML, raw HTML escaped; cached, as every student shares the instructions."""
    return _markdown.render(source)


def visible_source(test_source, hidden_count, delimiters):
    """A test cell's code without its hidden part, with a note of how many checks it held.

    ``delimiters`` are nbgrader's configured hidden-test markers (``spec.delimiters``).
    """
    code = "\n".join(part for part, hidden in split_hidden(test_source, *delimiters) if not hidden)
    if hidden_count:
        code += "\n# %d hidden check%s ran here in the grader." % (
            hidden_count, "" if hidden_count == 1 else "s")
    return code


def _part_report(part):
    head = "%s: %g of %g point%s" % (part.grade_id, part.points, part.max_points,
                                     "" if part.max_points == 1 else "s")
    if part.kind == "manual":
        return head.replace(": 0 of", ": graded by hand, out of")
    lines = [head, "  %d of %d checks passed" % (part.passed_checks, part.total_checks)]
    if part.reason is not Reason.CORRECT:
        lines.append("  result: %s%s" % (part.reason.value, " (%s)" % part.detail if part.detail else ""))
    lines += ["  - " + m for m in part.messages[:12]]
    return "\n".join(lines)


def autograded_notebook(submitted, spec, result):
    """The notebook formgrader shows: the learner's cells, the visible tests, the verdicts.

    ``submitted`` is the parsed submission, or None when it could not be read.
    """
    parts = {p.grade_id: p for p in spec.parts}
    results = {p.grade_id: p for p in result.parts}
    hidden = {p.grade_id: sum(c.hidden for c in p.checks) for p in spec.parts}
    source_nb = spec.notebook
    source_cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in source_nb.cells}
    nb = copy.deepcopy(submitted) if submitted is not None else new_notebook(cells=[
        new_markdown_cell("**This submission could not be graded:** " + result.error)])
    seen = set()
    for index, cell in enumerate(nb.cells):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
        if grade_id in parts and parts[grade_id].kind == "auto" and grade_id not in seen:
            nb.cells[index] = _test_cell(source_cells[grade_id], hidden[grade_id], results[grade_id],
                                         spec.delimiters)
        elif cell.get("cell_type") == "code" and index in result.cell_errors:
            cell["outputs"] = [_stream("stderr", "Grader: " + result.cell_errors[index] + "\n")]
        seen.add(grade_id)
    for grade_id, part in parts.items():  # restore test cells the learner deleted
        if part.kind == "auto" and grade_id not in seen:
            nb.cells.append(_test_cell(source_cells[grade_id], hidden[grade_id], results[grade_id],
                                       spec.delimiters))
    nb.metadata.setdefault("kernelspec", source_nb.metadata.get("kernelspec", {}))
    return nb


def _stream(name, text):
    # Built as plain data: nbformat's new_output/new_code_cell validate every cell against
    # the JSON schema, which cost more than the rest of a submission's feedback together.
    return nbformat.from_dict({"output_type": "stream", "name": name, "text": text})


def _test_cell(source_cell, hidden_count, part_result, delimiters):
    return nbformat.from_dict({
        "cell_type": "code", "id": random_cell_id(), "execution_count": None,
        "metadata": copy.deepcopy(source_cell.metadata),
        "source": visible_source(source_cell.source, hidden_count, delimiters),
        "outputs": [_stream("stdout", _part_report(part_result) + "\n")]})


# --- the feedback page --------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; line-height: 1.5; }
pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
.verdict { border-left: .35rem solid #555; padding-left: .8rem; }
.pass { border-color: #1a7f37; } .fail { border-color: #b3261e; }
table { border-collapse: collapse; } td, th { border: 1px solid #aaa; padding: .25rem .6rem; }
"""


def feedback_html(nb, spec, result):
    """A self-contained HTML page for the learner (no scripts, no hidden tests)."""
    e = html.escape
    auto_max = sum(p.max_points for p in result.parts if p.kind == "auto")
    manual_max = sum(p.max_points for p in result.parts if p.kind == "manual")
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
           "<title>Feedback: %s/%s</title><style>%s</style></head><body><main>" % (
               e(spec.assignment), e(spec.name), _STYLE),
           "<h1>Feedback on %s / %s</h1>" % (e(spec.assignment), e(spec.name)),
           "<p>Student: <strong>%s</strong>. Automatic score: <strong>%g of %g</strong>." % (
               e(result.student), result.score, auto_max)]
    if manual_max:
        out.append(" Written answers (%g points) are graded by hand." % manual_max)
    out.append("</p>")
    if result.error:
        out.append("<p class='verdict fail'><strong>Your notebook could not be graded:</strong> "
                   "%s</p>" % e(result.error))
    for warning in result.warnings:
        out.append("<p class='verdict fail'>Note: %s</p>" % e(warning))
    out.append("<h2>Parts</h2><table><thead><tr><th scope='col'>part</th><th scope='col'>points"
               "</th><th scope='col'>result</th></tr></thead><tbody>")
    for p in result.parts:
        status = ("graded by hand" if p.kind == "manual" else
                  "passed" if p.points == p.max_points else p.reason.value)
        out.append("<tr><td>%s</td><td>%g / %g</td><td>%s</td></tr>" % (
            e(p.grade_id), p.points, p.max_points, e(status)))
    out.append("</tbody></table><h2>Your notebook</h2>")
    parts = {p.grade_id: p for p in result.parts}
    for cell in nb.cells:
        source = cell.get("source", "")
        if cell.get("cell_type") == "markdown":
            out.append("<div>%s</div>" % _render_markdown(source))
        elif cell.get("cell_type") == "code":
            out.append("<pre><code>%s</code></pre>" % e(source))
            part = parts.get(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id"))
            passed = part is not None and part.points == part.max_points
            for output in cell.get("outputs", []):
                out.append("<pre class='verdict %s'>%s</pre>" % (
                    "pass" if passed else "fail", e(output.get("text", ""))))
    out.append("</main></body></html>")
    return "\n".join(out)
