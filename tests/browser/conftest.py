"""Serve the built book on localhost and read it with Debian's Chromium through Playwright.

Nothing here downloads a browser: Playwright drives /usr/bin/chromium. Every request that leaves
127.0.0.1 is blocked and recorded, so a page that needs the network fails its offline test.
Each page is loaded once per session (`visit`); the tests then check what that visit recorded.
"""

import functools
import http.server
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import book
from tests.browser.tabs import Tab, _QuietHandler, watch

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = book.REPO / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 20_000

# Anything that looks like TeX left for the reader: $$, \( \[ \begin{..}, or $...\command...$.
RAW_TEX = r"\$\$|\\\(|\\\[|\\begin\{|\$[^$\n]*\\[A-Za-z]+[^$\n]*\$"


def pytest_generate_tests(metafunc):
    # A missing book still yields one test per kind, which fails and says how to build it.
    missing = ["<book not built>"]
    selections = {
        "page": book.html_pages,
        "chapter": book.chapter_pages,
        "math_page": lambda: [p for p in book.html_pages() if book.has_math(p)],
        "widget_page": lambda: [p for p in book.html_pages() if book.has_widget_views(p)],
        "notebook_page": lambda: [p for p in book.chapter_pages() if book.notebook_source(p)],
    }
    for name, select in selections.items():
        if name in metafunc.fixturenames:
            pages = select() if book.BOOK_HTML.is_dir() else missing
            metafunc.parametrize(name, pages)


@pytest.fixture(scope="session", autouse=True)
def built_book():
    if not (book.BOOK_HTML / "intro.html").is_file() and not (book.BOOK_HTML / "index.html").is_file():
        pytest.fail(f"no built book in {book.BOOK_HTML}: run `make book` (or set BOOK_HTML)")
    return book.BOOK_HTML


@pytest.fixture(scope="session")
def base_url(built_book):
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (installs Debian's chromium)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"),  # a fresh user-data-dir
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()


@pytest.fixture(scope="session")
def open_tab(browser_context, base_url):
    """open_tab() -> a Tab whose every request outside localhost is blocked and recorded."""
    tabs = []

    def open_(skip=()):
        """skip: local paths (prefixes) not worth loading for a test, e.g. MathJax for navigation."""
        tab = Tab(browser_context.new_page(), base_url)
        watch(tab, skip)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        if not tab.page.is_closed():
            tab.page.close()


@dataclass
class Visit:
    """What one page showed after it loaded, typeset its math and rendered its widgets."""

    path: str
    errors: list
    failed_requests: list
    outside_requests: list
    images: list
    math: dict
    widgets: list
    headings: list
    axe_violations: list  # each with mode "light" or "dark"
    screenshot: Path


_MATH_STATE = f"""() => {{
  const skip = "pre, code, script, style, textarea, mjx-container, .highlight";
  const raw = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !parent.getClientRects().length) continue;
    const match = node.textContent.match(/{RAW_TEX}/);
    if (match) raw.push(match[0] + "  in: " + node.textContent.trim().slice(0, 120));
  }}
  const formulas = [...document.querySelectorAll(".math")];
  return {{
    formulas: formulas.length,
    untypeset: formulas.filter(e => !e.querySelector("mjx-container"))
                       .map(e => e.textContent.trim().slice(0, 120)),
    // TeX errors, and undefined macros (MathJax writes their name as text, starting with a backslash)
    errors: [...document.querySelectorAll("mjx-merror")]
              .map(e => e.getAttribute("data-mjx-error") || e.textContent)
              .concat([...document.querySelectorAll("mjx-mtext")]
                .filter(e => e.querySelector("mjx-c")?.classList.contains("mjx-c5C"))
                .map(e => "undefined macro in: "
                          + (e.closest("mjx-container").querySelector("mjx-assistive-mml")?.textContent || "?"))),
    raw,
  }};
}}"""

_WIDGETS = """() => [...document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]')].map(view => {
  const area = view.previousElementSibling;
  const widget = area && area.matches(".widget-subarea") ? area.querySelector(".jupyter-widgets") : null;
  return {
    model: JSON.parse(view.textContent).model_id,
    rendered: !!widget && widget.getClientRects().length > 0,
    classes: widget ? widget.className : "",
    controls: area ? area.querySelectorAll(".widget-slider, .widget-dropdown, .widget-toggle-buttons, "
                                          + ".widget-button, .widget-checkbox, .widget-text").length : 0,
  };
})"""

_IMAGES = """() => [...document.images].map(img => ({
  src: img.getAttribute("src"),
  alt: img.getAttribute("alt"),
  loaded: img.complete && img.naturalWidth > 0,
  // where a reader finds it: the section's heading, and whether a saved widget drew it
  section: img.closest("section")?.querySelector("h1, h2, h3, h4, h5, h6")?.textContent.replace(/#$/, "").trim(),
  in_widget: !!img.closest(".widget-subarea"),
}))"""

_HEADINGS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter(h => h.getClientRects().length > 0)
  .map(h => [Number(h.tagName[1]), h.textContent.replace(/[#¶]\\s*$/, "").trim().slice(0, 80)])"""

# The theme fades some colours (CSS transitions) when the mode changes: let them finish before axe.
_COLOURS_SETTLED = """() => document.getAnimations()
  .every(a => a.playState !== "running" || a.effect.getTiming().iterations === Infinity)"""

# All of axe's default rules, or only the given ones (the dark-mode pass needs only the colour rules).
_AXE = """async (rules) => {
  const options = {resultTypes: ["violations"]};
  if (rules) options.runOnly = {type: "rule", values: rules};
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + "  " + n.html.slice(0, 160)),
  }));
}"""


# MathJax 3 resolves startup.promise after its last typeset; give up after 15 s.
_MATHJAX_DONE = """() => Promise.race([
  MathJax.startup.promise.then(() => true),
  new Promise(resolve => setTimeout(() => resolve(false), 15000)),
])"""


def _settle(tab, path):
    """Wait until MathJax has typeset and the saved widgets have rendered (or time is up)."""
    page = tab.page
    if page.evaluate("() => !!document.querySelector('.math')"):
        try:
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise"
                                   " && MathJax.typesetPromise")
            if not page.evaluate(_MATHJAX_DONE):
                tab.errors.append(f"MathJax did not finish typesetting {path}")
        except Exception as error:  # recorded: the math checks then show what is missing
            tab.errors.append(f"MathJax did not start on {path}: {error}")
    views = page.evaluate(
        "() => document.querySelectorAll('script[type=\"application/vnd.jupyter.widget-view+json\"]').length")
    if views:
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.widget-subarea > .jupyter-widgets').length >= n", arg=views)
        except Exception:
            pass  # the widget test reports which views did not render
        if page.evaluate("() => !!(window.MathJax && MathJax.startup)"):
            page.evaluate(_MATHJAX_DONE)  # widget labels are typeset after the page
    page.wait_for_load_state("networkidle")


@pytest.fixture(scope="session")
def visit(open_tab):
    """visit(page) -> Visit, loading each page once per session."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make book` (it installs the npm packages)")
    axe_source = AXE.read_text(encoding="utf-8")
    cache = {}

    def load(path):
        tab = open_tab()
        page = tab.page
        tab.goto(path)
        _settle(tab, path)
        screenshot = book.ARTIFACTS / "screenshots" / (re.sub(r"[/\\]", "__", path)[:-5] + ".png")
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
        math, widgets = page.evaluate(_MATH_STATE), page.evaluate(_WIDGETS)
        images, headings = page.evaluate(_IMAGES), page.evaluate(_HEADINGS)
        page.add_script_tag(content=axe_source)
        violations = [dict(v, mode="light") for v in page.evaluate(_AXE, None)]
        # The theme follows the reader's light/dark setting: check the contrast of the dark colours too.
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
        page.wait_for_function(_COLOURS_SETTLED)
        violations += [dict(v, mode="dark") for v in page.evaluate(_AXE, ["color-contrast"])]
        page.close()
        return Visit(path, tab.errors, tab.failed_requests, tab.outside_requests,
                     images, math, widgets, [tuple(h) for h in headings], violations, screenshot)

    def get(path):
        if path not in cache:
            try:
                cache[path] = load(path)
            except Exception as error:
                cache[path] = error
        if isinstance(cache[path], Exception):
            raise cache[path]
        return cache[path]

    return get
