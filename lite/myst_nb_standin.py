"""A stand-in for myst_nb that exists only in the in-browser (JupyterLite) kernel.

The chapters call ``myst_nb.glue`` to hand numbers to the book's text; that needs the book build,
not a reader's kernel, and myst_nb does not run in Pyodide. Here ``glue`` shows the value as a
plain output when asked to (``display=True``, the default) and does nothing else, so a chapter
runs unchanged in the browser. lite/build.py packs this file as ``myst_nb/__init__.py`` into a
wheel that only the in-browser site ships; the course environment has the real myst_nb.
"""

__all__ = ["glue"]


def glue(name, variable, display=True):
    """Show ``variable`` if ``display`` is true; the book build, not this kernel, uses ``name``."""
    if display:
        from IPython.display import display as show

        show(variable)
