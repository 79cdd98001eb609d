"""What a graded submission turns into: an autograded notebook and a feedback page.

The autograded notebook is built from the submission plus the instructor's *visible* test
code: hidden tests are cut out here, before anything is written, so no file can reveal them.
It keeps nbgrader's cell metadata, so formgrader shows it for manual grading, and carries each
part's result (points, reason, messages) in its metadata under ``course_grader``; a failed
part's test cell has an error output, so nbgrader's own SaveAutoGrades scores it the same way.

The feedback page is made from that notebook and the gradebook's scores and comments only
(:func:`feedback_page`): ``make autograde``, ``nbgrader generate_feedback`` and formgrader's
buttons all produce the same standalone HTML, manual grades included. Learner content is escaped.
"""

import copy
import functools
import html
import re
from xml.etree import ElementTree

import latex2mathml.converter
import nbformat
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from nbformat.v4 import new_markdown_cell, new_notebook
from nbformat.v4.nbbase import random_cell_id

from grader.grading import Reason
from solutions.checking import split_hidden

# MathML that a page may carry: presentation elements and their layout attributes only. TeX in
# a learner's markdown is the learner's: latex2mathml passes \text{<script>} and \href{...}
# through, so its output is rebuilt from this list, and anything else falls back to plain TeX.
_MATHML_TAGS = frozenset(
    "math mrow mi mn mo ms mtext mspace mfrac msqrt mroot msub msup msubsup munder mover "
    "munderover mtable mtr mtd mstyle mpadded mphantom menclose".split())
_MATHML_ATTRIBUTES = frozenset(
    "display mathvariant stretchy fence separator lspace rspace minsize maxsize movablelimits "
    "accent accentunder linethickness columnalign rowalign columnspacing rowspacing width height "
    "depth displaystyle scriptlevel form largeop symmetric notation".split())
_MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"


def _safe_mathml(tex, display):
    """``tex`` as MathML built only from allowed elements and attributes, or None."""
    try:
        tree = ElementTree.fromstring(latex2mathml.converter.convert(tex, display=display))
    except Exception:  # latex2mathml raises its own errors for broken TeX; XML errors too
        return None
    for element in tree.iter():
        tag = element.tag.removeprefix(_MATHML_NS)
        if tag not in _MATHML_TAGS:
            return None
        element.tag = tag
        for name in list(element.attrib):
            if name not in _MATHML_ATTRIBUTES:
                del element.attrib[name]
    tree.set("xmlns", _MATHML_NS[1:-1])
    return ElementTree.tostring(tree, encoding="unicode")


@functools.lru_cache(maxsize=4096)
def _math_html(tex, display):
    mathml = _safe_mathml(tex, "block" if display else "inline")
    if mathml is None:  # TeX the converter cannot read stays readable as TeX
        mathml = "<code>%s</code>" % html.escape(tex)
    return ("<div class='math'>%s</div>" if display else "<span class='math'>%s</span>") % mathml


def _math(content, options):
    """Formulas as MathML, which browsers typeset themselves: no script, so the page shows them
    wherever it goes (nbgrader's exchange copies the page alone)."""
    return _math_html(content, bool(options.get("display_mode")))


_markdown = MarkdownIt("commonmark", {"html": False}).enable("table").use(
    dollarmath_plugin, renderer=_math)
META = "course_grader"  # the key of the grader's results in the autograded notebook's metadata


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


def _part_meta(part):
    return {"points": part.points, "max_points": part.max_points, "kind": part.kind,
            "reason": part.reason.value, "detail": part.detail, "messages": part.messages[:12],
            "passed_checks": part.passed_checks, "total_checks": part.total_checks}


def autograded_notebook(submitted, spec, result):
    """The notebook formgrader shows: the learner's cells, the visible tests, the verdicts.

    ``submitted`` is the parsed submission, or None when it could not be read.
    """
    parts = {p.grade_id: p for p in spec.parts}
    results = {p.grade_id: p for p in result.parts}
    hidden = {p.grade_id: sum(c.hidden for c in p.checks) for p in spec.parts}
    source_nb = spec.notebook
    source_cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in source_nb.cells}
    if submitted is not None:
        nb = copy.deepcopy(submitted)
    else:
        nb = new_notebook(cells=[new_markdown_cell("**This submission could not be graded:** " + result.error)])
        nb.cells[0]["id"] = "not-graded"  # the same on every run, as every other cell's id
    seen = set()
    for index, cell in enumerate(nb.cells):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
        if grade_id in parts and parts[grade_id].kind == "auto" and grade_id not in seen:
            nb.cells[index] = _test_cell(source_cells[grade_id], hidden[grade_id], results[grade_id],
                                         spec.delimiters, cell.get("id") or random_cell_id())
        elif grade_id in results and grade_id not in seen:
            cell.setdefault("metadata", {})[META] = _part_meta(results[grade_id])
        if cell.get("cell_type") == "code" and index in result.cell_errors:
            cell["outputs"] = [_stream("stdout", "Grader: " + result.cell_errors[index] + "\n")]
        seen.add(grade_id)
    taken = {cell.get("id") for cell in nb.cells}
    for grade_id, part in parts.items():  # restore test cells the learner deleted
        if part.kind == "auto" and grade_id not in seen:
            nb.cells.append(_test_cell(source_cells[grade_id], hidden[grade_id], results[grade_id],
                                       spec.delimiters, _restored_id(source_cells[grade_id], taken)))
    nb.metadata.setdefault("kernelspec", source_nb.metadata.get("kernelspec", {}))
    nb.metadata[META] = {"student": result.student, "assignment": spec.assignment,
                         "notebook": spec.name, "error": result.error,
                         "warnings": result.warnings, "runs": result.runs,
                         "parts": [p.grade_id for p in result.parts]}
    return nb


def _stream(name, text):
    # Built as plain data: nbformat's new_output/new_code_cell validate every cell against
    # the JSON schema, which cost more than the rest of a submission's feedback together.
    return nbformat.from_dict({"output_type": "stream", "name": name, "text": text})


def _restored_id(source_cell, taken):
    """The released cell's own id, so a re-run gives the same notebook; another if the learner took it."""
    grade_id = source_cell.metadata.get("nbgrader", {}).get("grade_id", "")
    for candidate in (source_cell.get("id"), "restored-" + re.sub(r"[^A-Za-z0-9_-]", "-", grade_id)[:50]):
        if candidate and candidate not in taken:
            taken.add(candidate)
            return candidate
    return random_cell_id()


def _test_cell(source_cell, hidden_count, part_result, delimiters, cell_id):
    metadata = copy.deepcopy(source_cell.metadata)
    metadata[META] = _part_meta(part_result)
    report = _part_report(part_result)
    if part_result.points < part_result.max_points:
        # nbgrader scores a test cell with an error output 0 (utils.determine_grade).
        outputs = [nbformat.from_dict({"output_type": "error", "ename": "Not passed",
                                       "evalue": part_result.reason.value,
                                       "traceback": report.splitlines()})]
    else:
        outputs = [_stream("stdout", report + "\n")]
    return nbformat.from_dict({
        "cell_type": "code", "id": cell_id, "execution_count": None,
        "metadata": metadata, "source": visible_source(source_cell.source, hidden_count, delimiters),
        "outputs": outputs})


# --- the feedback page --------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; line-height: 1.5; }
pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
.verdict { border-left: .35rem solid #555; padding-left: .8rem; }
.pass { border-color: #1a7f37; } .fail { border-color: #b3261e; }
.comment { background: #eef4ff; border-left: .35rem solid #3056a8; padding: .4rem .8rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #aaa; padding: .25rem .6rem; }
"""


def scores_from_cells(nb):
    """``{grade_id: (score, max_score, comment)}`` from the metadata nbgrader's GetGrades writes."""
    scores = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id") and ("score" in meta or "comment" in meta):
            scores[meta["grade_id"]] = (meta.get("score"), meta.get("points"), meta.get("comment"))
    return scores


def feedback_page(nb, scores, late_penalty=0.0):
    """A self-contained HTML page for the learner (no scripts, no hidden tests).

    ``nb`` is an autograded notebook (:func:`autograded_notebook`); ``scores`` maps each
    grade id to ``(score, max_score, comment)`` from the gradebook, manual grades included.
    """
    e = html.escape
    info = nb.metadata.get(META, {})
    title = "%s / %s" % (info.get("assignment", "?"), info.get("notebook", "?"))
    parts = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {})
        grade_id = meta.get("nbgrader", {}).get("grade_id")
        if grade_id and META in meta and grade_id not in parts:
            parts[grade_id] = meta[META]
    rows, total, maximum, pending = [], 0.0, 0.0, 0
    for grade_id in info.get("parts", list(parts)):
        part = parts.get(grade_id, {})
        score, max_score, comment = scores.get(grade_id, (None, part.get("max_points"), None))
        max_score = float(max_score if max_score is not None else part.get("max_points", 0))
        maximum += max_score
        if score is None:
            pending += 1
            shown, result = "not graded yet", part.get("reason", "")
        else:
            total += float(score)
            shown = "%g / %g" % (float(score), max_score)
            result = "correct" if float(score) == max_score and part.get("kind") == "auto" \
                else part.get("reason", "")
            if part.get("kind") == "manual" and part.get("reason") == "written":
                result = "written, graded by hand"
        rows.append((grade_id, shown, result, comment))
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
           "<title>Feedback: %s</title><style>%s</style></head><body><main>" % (e(title), _STYLE),
           "<h1>Feedback on %s</h1>" % e(title),
           "<p>Student: <strong>%s</strong>. Score: <strong>%g of %g</strong>%s%s.</p>" % (
               e(str(info.get("student", ""))), total - late_penalty, maximum,
               " (after a late penalty of %g)" % late_penalty if late_penalty else "",
               "; %d part%s not graded yet" % (pending, "" if pending == 1 else "s") if pending else "")]
    if info.get("error"):
        out.append("<p class='verdict fail'><strong>Your notebook could not be graded:</strong> "
                   "%s</p>" % e(info["error"]))
    for warning in info.get("warnings", []):
        out.append("<p class='verdict fail'>Note: %s</p>" % e(warning))
    out.append("<h2>Parts</h2><table><thead><tr><th scope='col'>part</th><th scope='col'>points"
               "</th><th scope='col'>result</th><th scope='col'>grader's comment</th></tr></thead><tbody>")
    for grade_id, shown, result, comment in rows:
        out.append("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
            e(grade_id), e(shown), e(result), e(comment or "")))
    out.append("</tbody></table><h2>Your notebook</h2>")
    for cell in nb.cells:
        source = cell.get("source", "")
        meta = cell.get("metadata", {})
        grade_id = meta.get("nbgrader", {}).get("grade_id")
        if cell.get("cell_type") == "markdown":
            out.append("<div>%s</div>" % _render_markdown(source))
        elif cell.get("cell_type") == "code":
            out.append("<pre><code>%s</code></pre>" % e(source))
            part = meta.get(META, {})
            passed = part.get("points") == part.get("max_points") and part.get("kind") == "auto"
            for output in cell.get("outputs", []):
                text = output.get("text") or "\n".join(output.get("traceback", []))
                out.append("<pre class='verdict %s'>%s</pre>" % (
                    "pass" if passed else "fail", e(text)))
        comment = scores.get(grade_id, (None, None, None))[2] if grade_id else None
        if comment:
            out.append("<p class='comment'><strong>Grader's comment:</strong> %s</p>" % e(comment))
    out.append("</main></body></html>")
    return "\n".join(out)
