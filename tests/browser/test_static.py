"""Checks on the built HTML files themselves (no browser, no network): launch buttons, links."""

import re
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.browser import book


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load((book.BOOK_SOURCE / "_config.yml").read_text(encoding="utf-8"))


def _repo(config):
    url = config["repository"]["url"].rstrip("/")
    org, name = urlsplit(url).path.strip("/").split("/")[:2]
    return url, org, name, config["repository"].get("branch", "main")


def _button(page, host):
    hrefs = [href for href in book.anchors(page) if urlsplit(href).hostname == host]
    assert len(hrefs) == 1, f"{page}: expected one launch link to {host}, found {hrefs}"
    return hrefs[0]


def test_launch_buttons_point_at_the_notebook(config, notebook_page):
    """Binder, Colab and the JupyterHub (nbgitpuller) buttons open this page's own notebook."""
    notebook = book.notebook_source(notebook_page)
    assert (book.BOOK_SOURCE / notebook).is_file(), f"{notebook} is not in {book.BOOK_SOURCE}"
    url, org, name, branch = _repo(config)
    launch = config["launch_buttons"]
    interface = {"jupyterlab": "lab/tree", "classic": "tree"}[launch.get("notebook_interface", "classic")]

    binder = launch["binderhub_url"].rstrip("/")
    assert _button(notebook_page, urlsplit(binder).hostname) == (
        f"{binder}/v2/gh/{org}/{name}/{branch}?urlpath={interface}/{notebook}")

    colab = launch["colab_url"].rstrip("/")
    assert _button(notebook_page, urlsplit(colab).hostname) == f"{colab}/github/{org}/{name}/blob/{branch}/{notebook}"

    hub = launch["jupyterhub_url"].rstrip("/")
    assert hub, "launch_buttons.jupyterhub_url is empty: jupyter-book then shows no JupyterHub button"
    link = urlsplit(_button(notebook_page, urlsplit(hub).hostname))
    assert f"{link.scheme}://{link.netloc}{link.path}" == f"{hub}/hub/user-redirect/git-pull"
    assert parse_qs(link.query) == {"repo": [url], "urlpath": [f"{interface}/{name}/{notebook}"],
                                    "branch": [branch]}


def test_repository_button_points_at_the_source(config, chapter):
    url = config["repository"]["url"].rstrip("/")
    buttons = re.findall(r'<a href="([^"]+)"[^>]*btn-source-repository-button', book.read(chapter))
    assert buttons == [url], f"{chapter}: repository button links to {buttons}, expected {url}"


def test_every_external_link_is_listed():
    """Each outside link in the book is in tests/browser/external_links.txt, to be checked by hand."""
    found = {}
    for page in book.html_pages():
        for href in book.anchors(page):
            if book.is_external(href):
                found.setdefault(href, page)
    missing = sorted(set(found) - book.listed_external_links())
    if missing:
        pytest.fail(f"external links missing from {book.EXTERNAL_LINKS.relative_to(book.REPO)} "
                    "(check each by hand, then add it):\n" + "\n".join(f"{href}  # {found[href]}" for href in missing),
                    pytrace=False)


def test_pages_reference_no_outside_resources():
    """No script, stylesheet, image, frame or font in the HTML or CSS comes from another host."""
    outside = [f"{page}: <{tag} {name}={value}>" for page in book.html_pages()
               for tag, name, value in book.links(page) if tag != "a" and book.is_external(value)]
    for css in sorted((book.BOOK_HTML / "_static").rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8", errors="replace"), flags=re.DOTALL)
        for match in re.finditer(r"""(?:url\(|@import\s+)\s*['"]?((?:https?:)?//[^'")\s]+)""", text):
            outside.append(f"{PurePosixPath(css.relative_to(book.BOOK_HTML))}: {match.group(1)}")
    assert outside == [], "\n".join(outside)
