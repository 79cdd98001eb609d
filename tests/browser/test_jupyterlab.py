"""The chapters' widgets run in JupyterLab: a reader moves a control and the kernel redraws the figure.

One real JupyterLab server (the course environment's, on 127.0.0.1 with a random token) serves copies
of the chapter notebooks from a scratch directory, so JupyterLab's autosave never touches the
repository. For each chapter, Chromium opens the notebook, runs all cells from the Run menu, waits for
the widget's controls, reads the figure (the <img> inside the widget's output) and the line the
callback printed, then changes a control as a reader would (keys on the slider's handle, another
option in the dropdown) and checks that the figure and the printed line change to match: proof that
the kernel-side callback ran with the new value. Every request that leaves localhost is blocked and
fails the test. No built book is needed. Screenshots: test-artifacts/jupyterlab/<chapter>.png.
"""

import contextlib
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.browser import book, lab
from tests.browser.tabs import Tab, watch
from tests.browser.notebook_ui import KERNEL_READY, Budget, Case, Step, find_widget, run_all_cells, use_widget

# A worker of its own under `pytest -n --dist loadgroup`: the book's tests need no kernel.
pytestmark = pytest.mark.xdist_group("jupyterlab")

CHAPTERS = book.REPO / "chapters"
ARTIFACTS = book.REPO / "test-artifacts" / "jupyterlab"
NOTEBOOK_TIMEOUT_S = 120  # opening, running every cell and using the widget, per chapter
REDRAW_TIMEOUT_S = 30  # for the kernel to redraw after one change (it takes about a second)


CASES = [
    Case("02_saturation.ipynb", "weight scale",
         [Step("key", "End", "weight scale")],
         printed=r"^weight scale s = ([0-9.]+):", default=0.1),
    Case("04_relu.ipynb", "number of pieces",
         [Step("key", "ArrowRight", "number of pieces")],
         printed=r"^(\d+) pieces \(one hidden layer of \d+ ReLU units\): maximum error", default=4),
    Case("05_relu_tips.ipynb", "bias init",
         [Step("key", "ArrowRight", "bias init")],
         printed=r"^bias ([0-9.]+): active fraction per layer \d+%", default=0.1),
    Case("06_variants_and_dying_relu.ipynb", "Function",
         # It prints nothing: going back to the first choices must bring back the first figure.
         [Step("select", "ELU", "Function"), Step("key", "ArrowRight", "alpha"),
          Step("select", "Leaky ReLU", "Function"), Step("key", "ArrowLeft", "alpha", back_to_start=True)]),
]


@dataclass
class LabTab(Tab):
    websockets: list = field(default_factory=list)


@pytest.fixture(scope="session")
def built_book():
    """Overrides the book tests' autouse check: JupyterLab runs the notebooks, not the built book."""
    return None


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """One JupyterLab for every chapter, serving copies of the notebooks; always shut down."""
    root = tmp_path_factory.mktemp("lab-root")
    assert not root.resolve().is_relative_to(book.REPO), f"{root} is inside the repository"
    for case in CASES:
        shutil.copy2(CHAPTERS / case.notebook, root / case.notebook)
    try:
        server = lab.start(root, tmp_path_factory.mktemp("lab-home"))
    except Exception as error:
        pytest.fail(f"JupyterLab did not start (`python -m jupyterlab` from the course environment; "
                    f"`make env` installs it): {error}")
    try:
        yield server
    finally:
        server.stop()


def _open_tab(context, server):
    tab = LabTab(context.new_page(), server.url)
    watch(tab)
    tab.page.on("websocket", lambda socket: tab.websockets.append(socket.url))
    return tab




@pytest.mark.parametrize("case", CASES, ids=[case.notebook.removesuffix(".ipynb") for case in CASES])
def test_widget_runs_in_jupyterlab(lab_server, browser_context, case):
    budget = Budget(NOTEBOOK_TIMEOUT_S)
    tab = _open_tab(browser_context, lab_server)  # conftest's Chromium: fails if missing
    page = tab.page
    screenshot = ARTIFACTS / (case.notebook.removesuffix(".ipynb") + ".png")
    step = "opening the notebook"
    try:
        # A workspace per chapter, so Lab does not reopen the chapters opened before.
        workspace = case.notebook.removesuffix(".ipynb")
        tab.goto(f"lab/workspaces/{workspace}/tree/{case.notebook}?token={lab_server.token}")
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=budget.ms())
        step = "waiting for the kernel"
        page.wait_for_function(KERNEL_READY, timeout=budget.ms())

        step = "running all cells from the Run menu"
        run_all_cells(page, budget, case.notebook,
                      context=lambda: f"\nJupyterLab log:\n{lab_server.log_tail()}")

        step = "waiting for the widget"
        widget = find_widget(page, budget, case.notebook, case.label)

        step = "using the widget"
        use_widget(case, tab, widget, budget, REDRAW_TIMEOUT_S)
        widget.scroll_into_view_if_needed(timeout=budget.ms())
    except AssertionError:
        raise
    except Exception as error:  # mostly a Playwright timeout: say which step it was
        pytest.fail(f"{case.notebook}: {step} failed: {error}\nblocked requests: {tab.outside_requests}\n"
                    f"JupyterLab log:\n{lab_server.log_tail()}")
    finally:
        # Best effort, so as not to hide why the test failed: the screenshot (also of a failure) ...
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(screenshot))
        with contextlib.suppress(Exception):
            page.close()
        # ... and freeing the kernel for the next chapter (two cores are not many).
        with contextlib.suppress(OSError, ValueError):
            for session in lab_server.api("GET", "api/sessions"):
                if session["path"] == case.notebook:
                    lab_server.api("DELETE", f"api/sessions/{session['id']}")

    outside = tab.outside_requests + [url for url in tab.websockets
                                      if urlsplit(url).hostname not in ("127.0.0.1", "localhost")]
    assert outside == [], f"{case.notebook}: JupyterLab tried to reach the network:\n" + "\n".join(outside)
    assert tab.failed_requests == [], f"{case.notebook}: failed requests:\n" + "\n".join(tab.failed_requests)
    assert tab.errors == [], f"{case.notebook}: errors in the browser:\n" + "\n".join(tab.errors)
