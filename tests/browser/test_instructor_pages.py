"""Instructor-made pages read well offline: feedback with tables and typeset formulas."""

import functools
import http.server
import threading

import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from grader import feedback, mathjax
from grader.autograde import FEEDBACK_MATHJAX
from tests.browser.tabs import Tab, _QuietHandler, watch

MARKDOWN = ("Compare the two:\n\n| z | relu(z) |\n|---|---|\n| -1 | 0 |\n| 2 | 2 |\n\n"
            "The sigmoid is $\\sigma(z) = 1/(1 + e^{-z})$, and\n\n$$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z)).$$\n")


@pytest.fixture
def served_feedback(tmp_path):
    assert mathjax.install(tmp_path / "feedback" / "_static"), "run `make book` first (MathJax)"
    nb = new_notebook(cells=[new_markdown_cell(MARKDOWN)])
    nb.metadata[feedback.META] = {"student": "ada", "assignment": "02-saturation",
                                  "notebook": "saturation", "parts": []}
    page = tmp_path / "feedback" / "ada" / "02-saturation" / "saturation.html"
    page.parent.mkdir(parents=True)
    page.write_text(feedback.feedback_page(nb, {}, 0.0, FEEDBACK_MATHJAX))
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d/" % server.server_address[1]
    server.shutdown()
    server.server_close()


def test_feedback_page_shows_tables_and_typeset_math_offline(browser_context, served_feedback):
    tab = Tab(browser_context.new_page(), served_feedback)
    watch(tab)
    try:
        tab.goto("feedback/ada/02-saturation/saturation.html")
        tab.page.wait_for_selector("mjx-container", state="attached")
        tab.page.wait_for_function("document.querySelectorAll('mjx-container').length >= 2")
        assert tab.page.locator("main table").count() == 2  # the parts table and the learner's
        text = tab.page.inner_text("main")
        assert "\\sigma" not in text and "|---|" not in text
        assert not tab.outside_requests and not tab.errors and not tab.failed_requests
    finally:
        tab.page.close()
