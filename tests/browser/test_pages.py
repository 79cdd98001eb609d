"""Every page of the built book, as a reader's browser shows it, with the network cut off."""

import re

import pytest

pytestmark = pytest.mark.xdist_group("browser")

# Alt texts that name the picture instead of describing it.
GENERIC_ALT = {"image", "img", "figure", "fig", "plot", "graph", "chart", "picture", "output", "untitled",
               "no description has been provided for this image"}


def _alt_problem(image):
    alt = (image["alt"] or "").strip()
    if image["alt"] is None:
        return "no alt attribute"
    if not alt:
        return "empty alt text"
    name = image["src"].rsplit("/", 1)[-1]
    if (alt.lower().rstrip(".") in GENERIC_ALT or alt == image["src"] or alt == name
            or re.search(r"\.(png|jpe?g|gif|svg|webp)$", alt, re.IGNORECASE)
            or re.fullmatch(r"<Figure size .*>", alt) or len(alt.split()) < 2):
        return f"alt text {alt!r} does not describe the image"
    return None


def test_page_loads_without_errors(visit, page):
    """No console error, no uncaught exception, no failed or 4xx/5xx request."""
    seen = visit(page)
    assert seen.errors == [], f"{page}: " + "\n".join(seen.errors)
    assert seen.failed_requests == [], f"{page}: " + "\n".join(seen.failed_requests)


def test_page_requests_nothing_outside_the_book(visit, page):
    """MathJax, widgets, fonts and scripts all come from the book's own folder."""
    seen = visit(page)
    assert seen.outside_requests == [], f"{page} tried to fetch: " + "\n".join(seen.outside_requests)


def test_math_is_typeset(visit, math_page):
    seen = visit(math_page)
    math = seen.math
    assert math["formulas"] > 0
    assert math["untypeset"] == [], f"{math_page}: formulas MathJax did not typeset: {math['untypeset']}"
    assert math["errors"] == [], f"{math_page}: MathJax errors: {math['errors']}"
    assert math["raw"] == [], f"{math_page}: raw TeX shown to readers: {math['raw']}"


def _where(image):
    src = image["src"] if len(image["src"]) < 80 else image["src"][:40] + "..."
    drawn = "drawn by a saved widget " if image["in_widget"] else ""
    return f"<img src={src}> {drawn}in section {image['section']!r}"


def test_images_load_and_have_alt_text(visit, page):
    """Every image loads and has an alt text that describes it (cell metadata mystnb.image.alt)."""
    seen = visit(page)
    broken = [_where(image) for image in seen.images if not image["loaded"]]
    missing = [f"{_where(image)}: {problem}" for image in seen.images if (problem := _alt_problem(image))]
    if broken or missing:
        pytest.fail(f"{page}:\n" + "\n".join([f"did not load: {b}" for b in broken] + missing), pytrace=False)


def test_saved_widgets_render(visit, widget_page):
    """Each saved widget view becomes live widget DOM (a slider, a dropdown, ...), without a kernel."""
    seen = visit(widget_page)
    assert seen.widgets, f"{widget_page}: no widget views found"
    not_rendered = [view["model"] for view in seen.widgets if not view["rendered"]]
    assert not_rendered == [], f"{widget_page}: widget views that did not render: {not_rendered}"
    assert any(view["controls"] for view in seen.widgets), f"{widget_page}: no widget control rendered"


def test_no_serious_accessibility_violations(visit, page):
    """axe-core (npm, injected locally) finds nothing serious or critical, in light and dark mode."""
    seen = visit(page)
    serious = [v for v in seen.axe_violations if v["impact"] in ("serious", "critical")]
    if serious:
        pytest.fail(f"{page}:\n" + "\n".join(
            f"[{v['impact']}, {v['mode']} mode] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
            for v in serious), pytrace=False)


def test_headings_are_in_order(visit, page):
    """One h1 first, and no heading skips a level (h2 -> h4) among the headings on screen."""
    headings = visit(page).headings
    assert headings, f"{page}: no visible heading"
    assert headings[0][0] == 1, f"{page}: the first heading is h{headings[0][0]} {headings[0][1]!r}"
    h1s = [text for level, text in headings if level == 1]
    assert len(h1s) == 1, f"{page}: {len(h1s)} h1 headings: {h1s}"
    skips = [f"h{before} -> h{level} {text!r}"
             for (before, _), (level, text) in zip(headings, headings[1:]) if level > before + 1]
    assert skips == [], f"{page}: headings skip a level: {skips}"


def test_chapter_screenshot_is_kept(visit, chapter):
    """A full-page screenshot of each chapter lands in test-artifacts/browser/screenshots/."""
    screenshot = visit(chapter).screenshot
    assert screenshot.is_file() and screenshot.stat().st_size > 10_000, screenshot
