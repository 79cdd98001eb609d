"""Check every figure a notebook shows while nbval runs it: an IPython extension, tests only.

``nbval_options(directory)`` writes a kernelspec that is the ordinary ipykernel plus this
extension and returns the extra ``pytest --nbval-lax`` options and environment that select
it; tests/test_notebooks_execute.py uses them for the chapters. The book build never loads it.

How it hooks in. The extension registers a function for matplotlib ``Figure`` objects with the
shell's mime-bundle display formatter. Every route by which the inline backend puts a figure
into a notebook goes through the display formatter: ``plt.show()`` (also inside
``ipywidgets.interactive`` callbacks), the end-of-cell flush of open figures
(``flush_figures``, a ``post_execute`` callback), a figure as a cell's last expression,
``display(fig)`` and ``glue(name, fig)``. So the function sees each figure as it is shown,
before the inline backend closes it, and runs ``tests.figure_accessibility.check_figure``. It
returns no mime bundle, so the ordinary PNG formatter draws the figure as always. On a problem
it raises ``FigureAccessibilityError``; IPython reports an exception in a formatter as an
error output of the running cell, which fails the cell in nbval (also in lax mode), and a
``post_run_cell`` callback marks the cell's execution as failed (``execute_reply`` status
"error") even where the figure was shown by code that carries on after it.

Why not a matplotlib backend selected with ``MPLBACKEND=module://...``: every chapter starts
with ``%matplotlib inline``, which makes IPython resolve "inline" through matplotlib's backend
registry to ``matplotlib_inline.backend_inline`` and ``pyplot.switch_backend`` to it, so such
a backend would never be imported and nothing would be checked. And the inline backend's
``flush_figures`` closes the open figures in ``post_execute``, before ``post_run_cell``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KERNEL_NAME = "python3-figure-accessibility"
EXTENSION = "tests.figure_accessibility_kernel"


class FigureAccessibilityError(Exception):
    """A figure shown by a notebook tells some of its series apart only by colour."""


_errors_in_this_cell: list[FigureAccessibilityError] = []


def check_shown_figure(fig):
    """Display-formatter hook for matplotlib figures: raise if ``fig`` relies on colour alone."""
    from tests.figure_accessibility import check_figure

    problems = check_figure(fig)
    if problems:
        number = getattr(fig, "number", None)
        name = "a figure" if number is None else f"figure {number}"
        error = FigureAccessibilityError(
            f"{name} tells series apart only by colour (see tests/figure_accessibility.py):\n  - "
            + "\n  - ".join(problems))
        _errors_in_this_cell.append(error)
        raise error
    return None  # no mime bundle of our own: the inline backend's PNG formatter draws the figure


def _forget_errors(*_):
    _errors_in_this_cell.clear()


def _fail_the_cell(result):
    if _errors_in_this_cell and result is not None and result.success:
        result.error_in_exec = _errors_in_this_cell[0]
    _errors_in_this_cell.clear()


def load_ipython_extension(ip):
    ip.display_formatter.mimebundle_formatter.for_type_by_name(
        "matplotlib.figure", "Figure", check_shown_figure)
    ip.events.register("pre_run_cell", _forget_errors)
    ip.events.register("post_run_cell", _fail_the_cell)


def nbval_options(directory) -> tuple[list[str], dict[str, str]]:
    """Extra ``pytest --nbval-lax`` options and environment variables for a checking kernel.

    Writes the kernelspec into ``directory``/kernels/. The kernel gets the repository on
    PYTHONPATH: nbval starts it in the notebook's folder, where ``tests`` is not importable.
    """
    spec_dir = Path(directory) / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    pythonpath = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 f"--InteractiveShellApp.extensions={EXTENSION}"],
        "display_name": "Python 3 (ipykernel, figure accessibility check)",
        "language": "python",
        "env": {"PYTHONPATH": pythonpath},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    jupyter_path = os.pathsep.join(p for p in (str(directory), os.environ.get("JUPYTER_PATH")) if p)
    return ["--nbval-kernel-name", KERNEL_NAME], {"JUPYTER_PATH": jupyter_path}
