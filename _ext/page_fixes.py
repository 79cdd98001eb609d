"""Small fixes to the pages the book writes, so that each loads without a console error and passes axe.

1. Sphinx 7.4 (the newest that jupyter-book 1 allows) writes an inline script registered with
   ``app.add_js_file(None, body=...)`` twice; sphinx-thebe's ``const THEBE_JS_URL = ...`` then
   throws "Identifier 'THEBE_JS_URL' has already been declared" on every page. Sphinx 8.2 fixed
   this (sphinx-doc/sphinx#13402); until then, drop the repeated script from each page.
2. On pages with saved widgets: ipywidgets 8 typesets widget labels with the MathJax 2 call
   ``MathJax.Hub.Queue``, but the book loads MathJax 3, so every widget raised a TypeError; forward
   that call to MathJax 3. And give each slider handle (role="slider") its widget's label as its
   accessible name, which ipywidgets leaves out (axe: aria-input-field-name). Images a widget draws
   (a plot in an ``interact`` output) get their alt text from the cell's metadata, as static figures
   do: ``{"mystnb": {"image": {"alt": "..."}}}``.
3. docutils marks a citation list role="list" but its entries role="doc-biblioentry", a role that a
   list may not contain (axe: aria-required-children; DPUB-ARIA 1.1 deprecates doc-biblioentry).
4. myst-nb's collapsed cell outputs (tag ``hide-output``) name their ``<summary>`` "Toggle hidden
   content" while it reads "Show code cell output" (axe: label-content-name-mismatch).
"""

import html

from docutils import nodes

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW_TAG = '<script type="application/vnd.jupyter.widget-view+json">'

WIDGET_FIXES = """
document.addEventListener("DOMContentLoaded", () => {
  const mathjax = window.MathJax;
  if (mathjax && mathjax.startup && !mathjax.Hub) {
    mathjax.Hub = {
      Queue: (...calls) => {
        for (const call of calls) {
          if (Array.isArray(call) && call[0] === "Typeset" && call[2]) {
            mathjax.startup.promise.then(() => mathjax.typesetPromise([call[2]]));
          }
        }
      },
    };
  }
  let count = 0;
  const fixWidgets = () => {
    for (const handle of document.querySelectorAll('.jupyter-widgets [role="slider"]:not([aria-labelledby])')) {
      const label = handle.closest(".widget-slider")?.querySelector(".widget-label");
      if (!label) continue;
      label.id ||= `widget-label-${++count}`;
      handle.setAttribute("aria-labelledby", label.id);
    }
    for (const view of document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"][data-alt]')) {
      const area = view.previousElementSibling;
      if (!area || !area.matches(".widget-subarea")) continue;
      for (const img of area.querySelectorAll("img:not([alt])")) img.alt = view.dataset.alt;
    }
  };
  new MutationObserver(fixWidgets).observe(document.body, {childList: true, subtree: true});
});
""".strip()


def widget_alt_text(app, doctree):
    """Copy a code cell's image alt text onto its saved widget views (as data-alt)."""
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code":
            continue
        alt = cell.get("cell_metadata", {}).get("mystnb", {}).get("image", {}).get("alt")
        if not alt:
            continue
        for raw in list(cell.findall(nodes.raw)):
            text = raw.astext()
            if text.startswith(WIDGET_VIEW_TAG):
                tagged = WIDGET_VIEW_TAG[:-1] + f' data-alt="{html.escape(alt)}">' + text[len(WIDGET_VIEW_TAG):]
                raw.replace_self(nodes.raw(text=tagged, format="html"))


def _script_key(script):
    return (script.filename or "", script.priority, tuple(sorted(script.attributes.items())))


def fix_page(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files", [])
    seen, unique = set(), []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique
    if any(script.attributes.get("type") == WIDGET_STATE for script in scripts):
        app.add_js_file(None, body=WIDGET_FIXES, priority=900)
    if "body" in context:
        body = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
        # myst-nb's collapsed outputs (tag hide-output) label their <summary> "Toggle hidden
        # content" while it shows "Show code cell output": the visible text must be part of the
        # accessible name (axe: label-content-name-mismatch), so let the text name it.
        context["body"] = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")


def setup(app):
    # Late priority: run after myst-nb has added the page's widget scripts.
    app.connect("html-page-context", fix_page, priority=900)
    app.connect("doctree-read", widget_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
