"""A reader finds their way: search, the table of contents, previous/next."""

import pytest

from tests.browser import book

pytestmark = pytest.mark.xdist_group("browser")


# Navigation needs the pages' links, not their formulas, figures and widgets.
HEAVY = ("_static/mathjax/", "_static/widgets/", "_images/")


def _assert_nothing_failed(tab):
    # Leaving a page cancels its pending requests (net::ERR_ABORTED): that is no failure.
    failed = [failure for failure in tab.failed_requests if not failure.endswith("net::ERR_ABORTED")]
    assert failed == [] and tab.outside_requests == [], failed + tab.outside_requests


def _title(tab):
    return tab.page.locator("article h1").first.inner_text().strip().rstrip("#").strip()


def _open_front_page(tab):
    """Open index.html as a reader would, and follow its redirect to the book's first page."""
    tab.goto("index.html")
    tab.page.locator("nav.bd-docs-nav").wait_for()
    tab.page.wait_for_load_state("load")
    return tab.path()


def _sidebar(tab):
    """(title, href) of each table-of-contents entry in the left sidebar, in order."""
    links = tab.page.locator("nav.bd-docs-nav ul.bd-sidenav:not(.bd-sidenav__home-link) a.reference.internal")
    return [(link.inner_text().strip(), link.get_attribute("href")) for link in links.all()]


def test_search_finds_relu(open_tab):
    tab = open_tab()
    tab.goto("search.html?q=ReLU")
    results = tab.page.locator("#search-results ul.search li")
    results.first.wait_for()
    found = [link.get_attribute("href") for link in results.locator("a").all()]
    assert found, "searching for ReLU found nothing"
    assert any(href.split("#")[0].split("?")[0].endswith(".html") for href in found), found
    _assert_nothing_failed(tab)
    assert tab.errors == [], tab.errors


def test_table_of_contents_reaches_every_chapter(open_tab):
    """Clicking each sidebar entry, in turn, opens that chapter; together they cover the book."""
    tab = open_tab(skip=HEAVY)
    root = _open_front_page(tab)
    entries = _sidebar(tab)
    expected = set(book.chapter_pages()) - {root}
    listed = {href for _, href in entries}
    assert listed == expected, f"sidebar lists {sorted(listed)}, the book has {sorted(expected)}"
    for title, href in entries:
        nav = tab.page.get_by_role("navigation", name="Main")
        with tab.page.expect_navigation(wait_until="domcontentloaded"):
            nav.get_by_role("link", name=title, exact=True).click()
        assert tab.path() == href, f"the sidebar entry {title!r} opened {tab.path()}, not {href}"
        assert _title(tab), f"{href} shows no title"
    _assert_nothing_failed(tab)


def _follow(tab, link, limit):
    """Click ``link`` while the page has one; return the paths visited, starting here."""
    visited = [tab.path()]
    while tab.page.locator(link).count():
        with tab.page.expect_navigation(wait_until="domcontentloaded"):
            tab.page.locator(link).click()
        visited.append(tab.path())
        assert len(visited) <= limit, f"{link} links go round in circles: {visited}"
    return visited


def test_next_and_previous_links_walk_the_whole_book(open_tab):
    """From the first page, "next" visits every chapter in table-of-contents order; "previous" comes back."""
    tab = open_tab(skip=HEAVY)
    order = [_open_front_page(tab)] + [href for _, href in _sidebar(tab)]
    forward = _follow(tab, "a.right-next", len(order))
    assert forward == order
    backward = _follow(tab, "a.left-prev", len(order))
    assert backward == order[::-1]
    _assert_nothing_failed(tab)
