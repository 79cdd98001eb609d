"""Formulas in feedback pages are MathML built from an allow-list: the learner's TeX cannot inject markup."""

import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from grader import feedback


def page_for(markdown):
    nb = new_notebook(cells=[new_markdown_cell(markdown)])
    nb.metadata[feedback.META] = {"student": "ada", "assignment": "02-saturation",
                                  "notebook": "saturation", "parts": []}
    return feedback.feedback_page(nb, {}, 0.0)


def test_formulas_become_mathml_and_the_page_has_no_script():
    page = page_for("Inline $\\sigma(z) = \\frac{1}{1 + e^{-z}}$ and\n\n$$g'(0) := 0$$\n")
    assert page.count("<math ") == 2 and "<mfrac>" in page and 'display="block"' in page
    assert "<script" not in page


@pytest.mark.parametrize("tex", [
    "\\text{<script>alert(1)</script>}",
    "\\href{javascript:alert(1)}{x}",
    "\\style{background:url(x)}{x}",
    "\\text{<img src=x onerror=alert(1)>}",
    "\\mathrm{</math><script>alert(1)</script>}",
])
def test_hostile_tex_cannot_add_markup(tex):
    page = page_for("my answer: $%s$" % tex)
    for bad in ("<script", "<img", "href=", "style=\"", "javascript:"):
        assert bad not in page.split("</style>", 1)[1], (bad, page)


def test_tex_the_converter_cannot_read_stays_readable():
    page = page_for("broken: $\\frac{1}{$ and $a & b$")
    assert "<code>\\frac{1}{</code>" in page and "<code>a &amp; b</code>" in page
