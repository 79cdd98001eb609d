"""Browser-test helpers shared by the fixtures and the tests: a watched tab, a quiet server.

A :class:`Tab` records what went wrong while it was open; :func:`watch` blocks every request
that leaves localhost and records errors and failed requests.
"""

import http.server
from dataclasses import dataclass, field
from urllib.parse import urlsplit


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass



@dataclass
class Tab:
    """A browser tab on the local book that records what went wrong while it was open."""

    page: object
    base_url: str
    errors: list = field(default_factory=list)  # console errors and uncaught exceptions
    failed_requests: list = field(default_factory=list)
    outside_requests: list = field(default_factory=list)  # attempted, and blocked

    def goto(self, path):
        response = self.page.goto(self.base_url + path, wait_until="load")
        if response is None or response.status != 200:
            self.failed_requests.append(f"{path}: HTTP {response.status if response else '?'}")

    def path(self):
        return self.page.url.removeprefix(self.base_url).split("#")[0].split("?")[0]


def watch(tab, skip=()):
    """Block and record every request of ``tab`` that leaves localhost; record its errors and
    failed requests.

    skip: local paths (prefixes under ``tab.base_url``) answered with an empty 204 instead.
    """
    def route(route):
        url = route.request.url
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost") and not url.startswith(("data:", "blob:")):
            tab.outside_requests.append(url)
            route.abort("blockedbyclient")
        elif url.startswith(tuple(tab.base_url + prefix for prefix in skip)):
            route.fulfill(status=204)
        else:
            route.continue_()

    def on_console(message):
        if message.type == "error":
            where = message.location.get("url", "")
            tab.errors.append(f"console error: {message.text} ({where})")

    def on_request_failed(request):
        if request.url not in tab.outside_requests:
            tab.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response):
        if response.status >= 400:
            tab.failed_requests.append(f"{response.url}: HTTP {response.status}")

    page = tab.page
    page.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: tab.errors.append(f"uncaught: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
