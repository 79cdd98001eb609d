"""Instructor-made pages read well offline: feedback with tables and typeset formulas."""

import functools
import http.server
import threading

import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from grader import feedback
from tests.browser.tabs import Tab, _QuietHandler, watch

MARKDOWN = ("Compare the two:\n\n| z | relu(z) |\n|---|---|\n| -1 | 0 |\n| 2 | 2 |\n\n"
            "The sigmoid is $\\sigma(z) = 1/(1 + e^{-z})$, and\n\n$$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z)).$$\n")


@pytest.fixture
def served_feedback(tmp_path):
    """The feedback page alone in a folder, as nbgrader's exchange hands it to the learner."""
    nb = new_notebook(cells=[new_markdown_cell(MARKDOWN)])
    nb.metadata[feedback.META] = {"student": "ada", "assignment": "02-saturation",
                                  "notebook": "saturation", "parts": []}
    (tmp_path / "saturation.html").write_text(feedback.feedback_page(nb, {}, 0.0))
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d/" % server.server_address[1]
    server.shutdown()
    server.server_close()


def test_feedback_page_shows_tables_and_typeset_math_on_its_own(browser_context, served_feedback):
    tab = Tab(browser_context.new_page(), served_feedback)
    watch(tab)
    requests = []
    tab.page.on("request", lambda request: requests.append(request.url))
    try:
        tab.goto("saturation.html")
        assert tab.page.locator("main table").count() == 2  # the parts table and the learner's
        # the browser lays the MathML out: two formulas, each with a real height
        sizes = tab.page.eval_on_selector_all(
            "math", "els => els.map(e => e.getBoundingClientRect().height)")
        assert len(sizes) == 2 and all(height > 5 for height in sizes), sizes
        text = tab.page.inner_text("main")
        assert "\\sigma" not in text and "|---|" not in text
        assert "σ" in tab.page.text_content("math")
        assert requests == [served_feedback + "saturation.html"], requests  # nothing else to load
        assert not tab.outside_requests and not tab.errors and not tab.failed_requests
    finally:
        tab.page.close()
