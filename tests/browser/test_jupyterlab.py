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
import math
import re
import shutil
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.browser import book, lab
from tests.browser.conftest import Tab, watch

# A worker of its own under `pytest -n --dist loadgroup`: the book's tests need no kernel.
pytestmark = pytest.mark.xdist_group("jupyterlab")

CHAPTERS = book.REPO / "chapters"
ARTIFACTS = book.REPO / "test-artifacts" / "jupyterlab"
NOTEBOOK_TIMEOUT_S = 120  # opening, running every cell and using the widget, per chapter
REDRAW_TIMEOUT_S = 30  # for the kernel to redraw after one change (it takes about a second)


@dataclass
class Step:
    """One thing a reader does to a control of the widget."""

    action: str  # "key": press `value` on the slider's handle; "select": choose option `value`
    value: str
    control: str  # the control's label, as the widget shows it
    back_to_start: bool = False  # the controls are back where they started: so must the figure be


@dataclass
class Case:
    notebook: str
    label: str  # the label of the widget's first control, to find the widget on the page
    steps: list
    # The line the callback prints, with the control's value as group 1 (None: it prints nothing);
    # after each slider step that value must equal the slider's readout.
    printed: str | None = None
    default: float | None = None  # the printed value before any change


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


class Budget:
    """The time left for one chapter, handed out to each wait in milliseconds."""

    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def ms(self, at_most_s=None):
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the {NOTEBOOK_TIMEOUT_S} s for this notebook are used up")
        return min(left, at_most_s or left) * 1000


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


# The indicator says "idle" before the kernel exists (the toolbar then says "No Kernel"), and Run All
# Cells would then ask which kernel to start: wait for the notebook's kernel, connected and idle.
_KERNEL_READY = """() => {
  const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
  const name = panel && panel.querySelector(".jp-Toolbar-kernelName")?.textContent.trim();
  const indicator = panel && panel.querySelector(".jp-Notebook-ExecutionIndicator");
  return !!name && name !== "No Kernel" && indicator?.dataset.status === "idle";
}"""

# "done" once every code cell has an execution count and the kernel is idle; "error" when a cell
# raised (Run All stops there); otherwise false.
_RUN_STATE = """() => {
  const notebook = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook");
  const indicator = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator");
  if (!notebook || !indicator || indicator.dataset.status !== "idle") return false;
  const prompts = [...notebook.querySelectorAll(".jp-CodeCell .jp-InputArea-prompt")].map(p => p.textContent.trim());
  if (prompts.some(p => p === "[*]:")) return false;
  const failed = [...notebook.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .some(o => o.textContent.includes("Traceback"));
  if (failed) return "error";
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p)) ? "done" : false;
}"""

_NOTEBOOK_STATE = """() => ({
  kernel: document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator")
            ?.dataset.status,
  prompts: [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt")]
             .map(p => p.textContent.trim()).join(" "),
  stderr: [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
            .map(o => o.textContent.slice(-500)),
  dialogs: [...document.querySelectorAll(".jp-Dialog")].map(d => d.textContent.slice(0, 300)),
  outputs: [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-OutputArea-output")]
             .map(o => (o.dataset.mimeType || "?") + ": " + o.textContent.slice(0, 300)).slice(0, 5),
})"""

_TRACEBACKS = """() => [...document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
  .map(o => o.textContent).filter(t => t.includes("Traceback")).map(t => t.slice(-1500))"""

# The widget's figure and printed line: what its inner output area shows now.
_WIDGET_OUTPUT = """(widget) => {
  const output = widget.querySelector(".widget-output");
  const img = output && output.querySelector("img");
  const text = output && output.querySelector('[data-mime-type="application/vnd.jupyter.stdout"]');
  const readouts = {};
  for (const control of widget.querySelectorAll(".widget-slider")) {
    readouts[control.querySelector(".widget-label").textContent.trim()] =
      control.querySelector(".widget-readout").textContent.trim();
  }
  return {img: img && img.complete && img.naturalWidth > 0 ? img.getAttribute("src") : null,
          text: text ? text.textContent.trim() : null, readouts};
}"""

# True once the figure differs from `before` (and the printed line too, when there is one).
_CHANGED = """([widget, before]) => {
  const output = widget.querySelector(".widget-output");
  const img = output && output.querySelector("img");
  if (!img || !img.complete || !img.naturalWidth || img.getAttribute("src") === before.img) return false;
  if (before.text === null) return true;
  const text = output.querySelector('[data-mime-type="application/vnd.jupyter.stdout"]');
  return !!text && text.textContent.trim() !== "" && text.textContent.trim() !== before.text;
}"""


def _printed_value(case, text, where):
    match = re.search(case.printed, text or "", re.MULTILINE)
    assert match, f"{case.notebook}: {where}, the widget printed {text!r}, not a line matching {case.printed!r}"
    return float(match.group(1))


def _use_widget(case, tab, widget, budget):
    page = tab.page
    before = first = widget.evaluate(_WIDGET_OUTPUT)
    assert before["img"], f"{case.notebook}: the widget shows no figure before any change"
    if case.printed:
        value = _printed_value(case, before["text"], "before any change")
        assert math.isclose(value, case.default, rel_tol=1e-3), (
            f"{case.notebook}: the widget printed {before['text']!r} at first, expected the value {case.default}")
    for step in case.steps:
        where = f"after {step.action} {step.value!r} on {step.control!r}"
        if step.action == "key":
            control = widget.locator(".widget-slider", has=page.locator(".widget-label", has_text=step.control))
            handle = control.locator("[role=slider]")
            handle.focus(timeout=budget.ms())
            handle.press(step.value, timeout=budget.ms())
        else:
            control = widget.locator(".widget-dropdown", has=page.locator(".widget-label", has_text=step.control))
            control.locator("select").select_option(step.value, timeout=budget.ms())
        try:
            page.wait_for_function(_CHANGED, arg=[widget.element_handle(), before],
                                   timeout=budget.ms(REDRAW_TIMEOUT_S))
        except Exception as error:
            now = widget.evaluate(_WIDGET_OUTPUT)
            pytest.fail(f"{case.notebook}: {where}, the figure{' and the printed line' if case.printed else ''} "
                        f"did not change, so the kernel did not redraw ({type(error).__name__}); "
                        f"readouts {before['readouts']} -> {now['readouts']}, printed {now['text']!r}; "
                        f"errors: {tab.errors}")
        after = widget.evaluate(_WIDGET_OUTPUT)
        if step.action == "key":
            assert after["readouts"][step.control] != before["readouts"][step.control], (
                f"{case.notebook}: {where}, the slider's readout stayed {after['readouts'][step.control]!r}")
            if case.printed:
                printed = _printed_value(case, after["text"], where)
                readout = float(after["readouts"][step.control])
                assert math.isclose(printed, readout, rel_tol=5e-3), (
                    f"{case.notebook}: {where}, the slider reads {readout} but the callback printed "
                    f"{after['text']!r}: the kernel did not get the new value")
        else:
            assert control.locator("select").input_value() == step.value, f"{case.notebook}: {where}"
        if step.back_to_start:
            assert after["readouts"] == first["readouts"] and after["img"] == first["img"], (
                f"{case.notebook}: {where}, the controls are back at {after['readouts']} (first: "
                f"{first['readouts']}) but the figure is not the first one: the kernel drew something else")
        before = after


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
        page.wait_for_function(_KERNEL_READY, timeout=budget.ms())

        step = "running all cells from the Run menu"
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click(timeout=budget.ms())
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click(timeout=budget.ms())
        try:
            state = page.wait_for_function(_RUN_STATE, timeout=budget.ms()).json_value()
        except Exception as error:
            pytest.fail(f"{case.notebook}: the cells did not all run ({type(error).__name__}); "
                        f"now: {page.evaluate(_NOTEBOOK_STATE)}\nJupyterLab log:\n{lab_server.log_tail()}")
        assert state == "done", (f"{case.notebook}: a cell raised while running all cells:\n"
                                 + "\n".join(page.evaluate(_TRACEBACKS)))

        step = "waiting for the widget"
        widget = page.locator(".jp-OutputArea .widget-interact").filter(
            has=page.locator(".widget-label", has_text=case.label))
        widget.locator(".widget-output img").first.wait_for(timeout=budget.ms())
        assert widget.count() == 1, f"{case.notebook}: {widget.count()} widgets labelled {case.label!r}"
        widget.scroll_into_view_if_needed(timeout=budget.ms())
        controls = widget.locator(".widget-slider, .widget-dropdown").count()
        assert controls >= 1, f"{case.notebook}: the widget shows no control"

        step = "using the widget"
        _use_widget(case, tab, widget, budget)
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
