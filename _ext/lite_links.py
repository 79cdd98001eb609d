"""The book's links into its in-browser copy, the JupyterLite site that lite/build.py writes to lite/.

1. "Run in your browser" in every chapter's launch menu, next to Binder, Colab and JupyterHub.
   sphinx-book-theme draws the entry from ``launch_buttons.jupyterlite_url`` (its JupyterLite
   button); this extension gives it a name a learner understands and makes its link relative to
   the page, so it works wherever the book is served from, a USB stick included.
2. The ``exercises-in-browser`` directive: a list of the released exercises (exercises/NN-name/),
   each named by its notebook's first heading, with a link that opens it in the browser.
"""

import json
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

LITE_APP = "lite/lab/index.html"  # JupyterLab in the site; `?path=` opens a notebook
LAUNCH_TEXT = "Run in your browser"
LAUNCH_TOOLTIP = "Run this notebook in your browser: no install, no account, works offline"


def lite_link(base: str, notebook: str) -> str:
    """The link from the page at ``base`` (a path in the built book) that opens ``notebook``."""
    return relative_uri(base, LITE_APP) + "?path=" + quote(notebook, safe="/")


def rename_launch_entry(app, pagename, templatename, context, doctree):
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        for button in group.get("buttons", []):
            if button.get("icon", "").endswith("logo_jupyterlite.svg"):
                notebook = button["url"].split("?path=", 1)[1]
                button["url"] = lite_link(app.builder.get_target_uri(pagename), notebook)
                button["text"] = LAUNCH_TEXT
                button["tooltip"] = LAUNCH_TOOLTIP


def _title(notebook: Path) -> str:
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


class ExercisesInBrowser(SphinxDirective):
    """A bullet list: each released exercise, linked to its in-browser copy."""

    def run(self):
        root = Path(self.env.srcdir)
        base = self.env.app.builder.get_target_uri(self.env.docname)
        items = nodes.bullet_list()
        for notebook in sorted(root.glob("exercises/*/*.ipynb")):
            self.env.note_dependency(str(notebook))
            relpath = notebook.relative_to(root).as_posix()
            paragraph = nodes.paragraph()
            paragraph += nodes.reference("", _title(notebook), refuri=lite_link(base, relpath))
            paragraph += nodes.Text(f" ({relpath})")
            items += nodes.list_item("", paragraph)
        if not len(items):
            raise self.error("no released exercise in exercises/*/*.ipynb")
        return [items]


def setup(app):
    # After sphinx-book-theme's add_launch_buttons (priority 501).
    app.connect("html-page-context", rename_launch_entry, priority=600)
    app.add_directive("exercises-in-browser", ExercisesInBrowser)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
