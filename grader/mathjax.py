"""The book's offline MathJax for the solution book.

``make book`` copies MathJax 3 from npm (pinned in package-lock.json) into ``_vendor/mathjax``.
:func:`install` copies it beside a set of pages, with a small loader that configures ``$...$``
as inline math, so the pages render formulas without any network request.
"""

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = (REPO / "_vendor" / "mathjax", REPO / "node_modules" / "mathjax" / "es5")
LOADER = "course-mathjax.js"
LOADER_JS = r"""// Configure MathJax 3 as the book does ($...$ inline), then load it from beside this file.
window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\(', '\\)']], processEscapes: true},
                  options: {ignoreHtmlClass: 'tex2jax_ignore'}};
(function () {
  var here = document.currentScript.src.replace(/[^\/]*$/, '');
  var script = document.createElement('script');
  script.src = here + 'mathjax/tex-mml-chtml.js';
  script.async = true;
  document.head.appendChild(script);
})();
"""


def source():
    """The MathJax folder to copy from, or None before ``make book`` has fetched it."""
    return next((s for s in SOURCES if (s / "tex-mml-chtml.js").is_file()), None)


def install(static_dir):
    """Put MathJax and its loader in ``static_dir``; return False if MathJax is not available.

    Pages then load ``<relative path to static_dir>/course-mathjax.js``.
    """
    src = source()
    if src is None:
        return False
    static_dir = Path(static_dir)
    target = static_dir / "mathjax"
    if not (target / "tex-mml-chtml.js").is_file():
        static_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(src, target, dirs_exist_ok=True)
    (static_dir / LOADER).write_text(LOADER_JS)
    return True
