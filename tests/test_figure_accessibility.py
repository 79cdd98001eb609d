"""The figure-accessibility rule (tests/figure_accessibility.py) on tiny synthetic figures,
and its hook into a real kernel (tests/figure_accessibility_kernel.py) on a tiny notebook."""

import os
import re
import subprocess
import sys

import nbformat
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from tests.figure_accessibility import check_figure
from tests.figure_accessibility_kernel import REPO, nbval_options

X = np.linspace(0, 1, 20)


@pytest.fixture
def ax():
    return Figure().subplots()       # no pyplot: no backend, nothing to close


def test_two_solid_lines_that_differ_only_in_colour_fail(ax):
    ax.plot(X, X, color="tab:blue", label="sigmoid")
    ax.plot(X, X**2, color="tab:orange", label="tanh")
    ax.set(title="activations", xlabel="input $z$", ylabel="output")
    ax.legend()
    problems = check_figure(ax.figure)
    assert len(problems) == 1, problems          # the axes and its legend: reported once
    message = problems[0]
    for part in ("'activations'", "x: 'input $z$'", "y: 'output'", "'sigmoid' (#1f77b4)",
                 "'tanh' (#ff7f0e)", "solid line, no marker"):
        assert part in message, message


def test_labelled_lines_fail_even_without_a_legend(ax):
    ax.plot(X, X, label="a")
    ax.plot(X, X**2, label="b")
    assert len(check_figure(ax.figure)) == 1


def test_three_look_alikes_are_one_problem_naming_all_three(ax):
    for k in range(3):
        ax.plot(X, X**k, "--", label=f"power {k}")
    ax.plot(X, -X, ":", label="other")
    [problem] = check_figure(ax.figure)
    assert "'power 0'" in problem and "'power 1'" in problem and "'power 2'" in problem
    assert "'other'" not in problem and "dashed line" in problem


@pytest.mark.parametrize("second", [dict(ls="--"), dict(marker="o"), dict(dashes=(5, 1, 1, 1)),
                                    dict(ls="", marker="s"), dict(marker="o", mfc="none")])
def test_lines_that_differ_in_style_or_marker_pass(ax, second):
    ax.plot(X, X, label="first")
    ax.plot(X, X**2, label="second", **second)
    ax.legend()
    assert check_figure(ax.figure) == []


def test_same_custom_dashes_fail_different_ones_pass(ax):
    ax.plot(X, X, dashes=(5, 1, 1, 1), label="a")
    ax.plot(X, X**2, dashes=(5, 1, 1, 1), label="b")
    ax.plot(X, X**3, dashes=(2, 2, 6, 2), label="c")
    [problem] = check_figure(ax.figure)
    assert "'a'" in problem and "'b'" in problem and "'c'" not in problem


def test_filled_versus_hollow_markers_differ(ax):
    ax.plot([0], [0], "o", color="black", label="used")
    ax.plot([0], [1], "o", color="black", markerfacecolor="white", label="not used")  # open dot
    ax.plot([1], [0], "o", color="red", label="filled red")                           # like 'used'
    [problem] = check_figure(ax.figure)
    assert "'used'" in problem and "'filled red'" in problem and "'not used'" not in problem


def test_a_single_series_and_unlabelled_lines_pass(ax):
    ax.plot(X, X, label="only series")
    ax.axhline(0.5, color="0.7")
    ax.plot(X, X**2, color="red")
    ax.plot(X, X**3, color="green", label="_hidden")
    assert check_figure(ax.figure) == []


def test_series_labelled_directly_on_the_plot_pass(ax):
    ax.plot(X, X, label="linear")
    ax.plot(X, X**2, label="square")
    ax.text(1, 1, "linear")
    ax.annotate("square", (0.5, 0.25))
    assert check_figure(ax.figure) == []


def test_scatters_need_different_markers(ax):
    ax.scatter(X, X, label="class 0")
    ax.scatter(X, X**2, label="class 1")
    ax.legend()
    [problem] = check_figure(ax.figure)
    assert "no line, marker 'o'" in problem
    ax.collections[1].remove()
    ax.scatter(X, X**2, marker="x", label="class 1")
    ax.legend()
    assert check_figure(ax.figure) == []


def test_scatter_and_line_with_the_same_marker_look_alike(ax):
    ax.scatter(X, X, marker="s", label="points")
    ax.plot(X, X**2, "s", label="samples")
    assert len(check_figure(ax.figure)) == 1


def test_error_bars_stems_and_vlines_are_series_too(ax):
    ax.errorbar(X, X, yerr=0.1, fmt="o-", label="model A")
    ax.errorbar(X, X**2, yerr=0.1, fmt="o-", label="model B")
    ax.errorbar(X, X**3, yerr=0.1, fmt="s--", label="model C")
    ax.stem(X, X, label="stems")
    ax.vlines([0.2, 0.4], 0, 1, colors="red", label="events")
    ax.vlines([0.6, 0.8], 0, 1, colors="blue", label="other events")
    ax.legend()
    events, models = sorted(check_figure(ax.figure))    # and the legend adds nothing new
    assert "'model A'" in models and "'model B'" in models and "'model C'" not in models
    assert "'events'" in events and "'other events'" in events and "'stems'" not in events


def test_colour_coded_scatter_needs_a_colorbar(ax):
    points = ax.scatter(X, X, c=X > 0.5, cmap="coolwarm")
    [problem] = check_figure(ax.figure)
    assert "colour bar" in problem and "'coolwarm'" in problem
    ax.figure.colorbar(points, ax=ax)
    assert check_figure(ax.figure) == []


def test_scatter_with_a_list_of_colours_fails(ax):
    ax.scatter(X, X, c=["red" if x > 0.5 else "blue" for x in X])
    [problem] = check_figure(ax.figure)
    assert "2 different colours" in problem


def test_images_and_filled_contours_pass(ax):
    grid = np.outer(X, X)
    ax.imshow(grid, cmap="viridis")
    ax.contourf(grid, levels=5)
    ax.contour(grid, levels=5, cmap="plasma")
    assert check_figure(ax.figure) == []


def test_bars_and_histograms_need_hatches(ax):
    ax.bar([0, 1], [1, 2], width=0.4, label="before")
    ax.bar([0.4, 1.4], [2, 1], width=0.4, label="after")
    ax.hist([X, X**2], label=["x", "x squared"])
    ax.legend()
    [problem] = check_figure(ax.figure)
    assert "filled area, no hatch" in problem
    assert all(f"'{name}'" in problem for name in ("before", "after", "x", "x squared"))


def test_hatched_bars_and_a_line_over_bars_pass(ax):
    ax.bar([0, 1], [1, 2], width=0.4, label="before")
    ax.bar([0.4, 1.4], [2, 1], width=0.4, hatch="//", label="after")
    ax.plot([0, 1], [1, 1], label="mean")
    ax.fill_between(X, X, alpha=0.3, hatch="..", label="band")
    ax.legend()
    assert check_figure(ax.figure) == []


def test_figure_legend_with_proxy_handles_is_checked(ax):
    ax.scatter(X, X, color="red")
    ax.scatter(X, X**2, color="blue")
    fig = ax.figure
    fig.legend(handles=[Line2D([], [], marker="o", ls="", color="red", label="label 0"),
                        Line2D([], [], marker="o", ls="", color="blue", label="label 1")])
    [problem] = check_figure(fig)
    assert problem.startswith("figure legend 1") and "'label 0'" in problem
    fig.legends.clear()
    fig.legend(handles=[Line2D([], [], marker="o", ls="", color="red", label="label 0"),
                        Line2D([], [], marker="X", ls="", color="blue", label="label 1"),
                        Patch(facecolor="0.8", hatch="//", label="region"),
                        Line2D([], [], color="k", label="boundary")])
    assert check_figure(fig) == []


def test_every_axes_is_checked_and_named():
    fig = Figure()
    left, right = fig.subplots(1, 2)
    left.plot(X, X, "o-", label="a")
    left.plot(X, X**2, "s--", label="b")
    right.plot(X, X, label="a")
    right.plot(X, X**2, label="b")
    [problem] = check_figure(fig)
    assert problem.startswith("axes #2 of 2"), problem


# The hook: a tiny notebook run by nbval exactly as the chapters are, in the checking kernel.
CELLS = {
    "setup": "%matplotlib inline\nimport matplotlib.pyplot as plt\nimport ipywidgets as widgets",
    "fine": "plt.plot([0, 1], '-', label='a'); plt.plot([1, 0], '--', label='b'); plt.legend()",
    "shown": ("fig, ax = plt.subplots(); ax.set_title('shown by plt.show')\n"
              "ax.plot([0, 1], label='a'); ax.plot([1, 0], label='b'); ax.legend()\nplt.show()"),
    "implicit": ("fig, ax = plt.subplots(); ax.set_title('shown at the end of the cell')\n"
                 "ax.plot([0, 1], label='a'); ax.plot([1, 0], label='b')"),
    "widget": ("def draw(k=1):\n    fig, ax = plt.subplots(); ax.set_title('drawn by a widget')\n"
               "    ax.plot([0, k], label='a'); ax.plot([k, 0], label='b')\n    plt.show()\n"
               "widgets.interactive(draw, k=(1, 3))"),
    "after": "print('the kernel carries on')",
}


def test_the_kernel_hook_fails_each_cell_that_shows_a_colour_only_figure(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS.values()]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = tmp_path / "figures.ipynb"
    nbformat.write(nb, path)
    args, env = nbval_options(tmp_path / "kernel")
    proc = subprocess.run(
        # -rN: no short summary, whose length depends on the terminal width and on whether a
        # CI variable is set (pytest prints the full messages there, so they would count twice).
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", "-rN",
         *args, "--rootdir", str(tmp_path), str(path)],
        cwd=REPO, capture_output=True, text=True, timeout=300, env={**os.environ, **env})
    out = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout)      # IPython colours the traceback
    assert proc.returncode == 1, out[-4000:] + proc.stderr[-2000:]
    assert "3 failed, 3 passed" in out, out[-4000:]
    for title in ("shown by plt.show", "shown at the end of the cell", "drawn by a widget"):
        assert f"axes '{title}': 'a' (#1f77b4) and 'b' (#ff7f0e) are told apart only by colour" \
            in out, out[-6000:]
    assert out.count("FigureAccessibilityError: figure 1 tells series apart only by colour") == 3
