"""The built book as files: where it is, which pages it has, and what their HTML links to.

The browser tests read `BOOK_HTML` (default: _build/html, as `make book` writes it) and `BOOK_SOURCE`
(default: the repository, for _config.yml and the notebooks), so they can also check a scratch book.
"""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("BOOK_HTML", REPO / "_build" / "html")).resolve()
BOOK_SOURCE = Path(os.environ.get("BOOK_SOURCE", REPO)).resolve()
ARTIFACTS = REPO / "test-artifacts" / "browser"
EXTERNAL_LINKS = Path(__file__).with_name("external_links.txt")

# Pages the theme writes that are not chapters: the index and the search page.
SPECIAL_PAGES = {"genindex.html", "search.html"}
# lite/ is the in-browser JupyterLite site (lite/build.py): JupyterLab's pages, tested by test_lite.py.
_NOT_PAGES = ("_static/", "_sources/", "_images/", "lite/")


def html_pages() -> list[str]:
    """Every HTML page of the book, as a path relative to BOOK_HTML (redirect stubs left out)."""
    if not BOOK_HTML.is_dir():
        return []
    pages = []
    for path in sorted(BOOK_HTML.rglob("*.html")):
        rel = path.relative_to(BOOK_HTML).as_posix()
        if rel.startswith(_NOT_PAGES) or is_redirect(rel):
            continue
        pages.append(rel)
    return pages


def chapter_pages() -> list[str]:
    """The pages a reader reaches through the table of contents (intro, chapters, references)."""
    return [page for page in html_pages() if page not in SPECIAL_PAGES]


def read(page: str) -> str:
    return (BOOK_HTML / page).read_text(encoding="utf-8")


def is_redirect(page: str) -> bool:
    return re.search(r'<meta\s+http-equiv="refresh"', read(page)[:500], re.IGNORECASE) is not None


def has_math(page: str) -> bool:
    return 'class="math notranslate' in read(page)


def has_widget_views(page: str) -> bool:
    return 'type="application/vnd.jupyter.widget-view+json"' in read(page)


def notebook_source(page: str) -> str | None:
    """The notebook a page was built from (e.g. chapters/04_relu.ipynb), or None for Markdown."""
    source = Path(page).with_suffix(".ipynb").as_posix()
    return source if (BOOK_HTML / "_sources" / source).is_file() else None


class _Links(HTMLParser):
    """(tag, attribute, value) for every attribute that makes the browser fetch or link to a URL."""

    URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in self.URL_ATTRIBUTES and value:
                self.found.append((tag, name, value.strip()))


def links(page: str) -> list[tuple[str, str, str]]:
    parser = _Links()
    parser.feed(read(page))
    return parser.found


def is_external(url: str) -> bool:
    return re.match(r"(https?:)?//", url, re.IGNORECASE) is not None


def anchors(page: str) -> list[str]:
    """Every link target (<a href>) on a page."""
    return [value for tag, name, value in links(page) if tag == "a" and name == "href"]


def listed_external_links() -> set[str]:
    lines = EXTERNAL_LINKS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}
