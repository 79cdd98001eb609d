"""Driving a notebook in JupyterLab's page as a reader does: shared by the browser tests of the course's
own JupyterLab (test_jupyterlab.py) and of the in-browser JupyterLite site (test_lite.py).

Every helper reads the page (the notebook's prompts, execution indicator and outputs), so it works the
same in both: wait for the kernel, run all cells from the Run menu, find a widget and use its controls.
"""

import math
import re
import time
from dataclasses import dataclass

import pytest


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


class Budget:
    """The time left for one chapter, handed out to each wait in milliseconds."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def ms(self, at_most_s=None):
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the {self.seconds} s for this notebook are used up")
        return min(left, at_most_s or left) * 1000


# The indicator says "idle" before the kernel exists (the toolbar then says "No Kernel"), and Run All
# Cells would then ask which kernel to start: wait for the notebook's kernel, connected and idle.
KERNEL_READY = """() => {
  const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
  const name = panel && panel.querySelector(".jp-Toolbar-kernelName")?.textContent.trim();
  const indicator = panel && panel.querySelector(".jp-Notebook-ExecutionIndicator");
  return !!name && name !== "No Kernel" && indicator?.dataset.status === "idle";
}"""


# "done" once every code cell has an execution count and the kernel is idle; "error" when a cell
# raised (Run All stops there); otherwise false.
RUN_STATE = """() => {
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

NOTEBOOK_STATE = """() => ({
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

TRACEBACKS = """() => [...document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
  .map(o => o.textContent).filter(t => t.includes("Traceback")).map(t => t.slice(-1500))"""

# The widget's figure and printed line: what its inner output area shows now.
WIDGET_OUTPUT = """(widget) => {
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
CHANGED = """([widget, before]) => {
  const output = widget.querySelector(".widget-output");
  const img = output && output.querySelector("img");
  if (!img || !img.complete || !img.naturalWidth || img.getAttribute("src") === before.img) return false;
  if (before.text === null) return true;
  const text = output.querySelector('[data-mime-type="application/vnd.jupyter.stdout"]');
  return !!text && text.textContent.trim() !== "" && text.textContent.trim() !== before.text;
}"""


def printed_value(case, text, where):
    match = re.search(case.printed, text or "", re.MULTILINE)
    assert match, f"{case.notebook}: {where}, the widget printed {text!r}, not a line matching {case.printed!r}"
    return float(match.group(1))


def use_widget(case, tab, widget, budget, redraw_timeout_s=30):
    """Do each of ``case.steps`` to the widget and check that the kernel redrew it to match."""
    page = tab.page
    before = first = widget.evaluate(WIDGET_OUTPUT)
    assert before["img"], f"{case.notebook}: the widget shows no figure before any change"
    if case.printed:
        value = printed_value(case, before["text"], "before any change")
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
            page.wait_for_function(CHANGED, arg=[widget.element_handle(), before],
                                   timeout=budget.ms(redraw_timeout_s))
        except Exception as error:
            now = widget.evaluate(WIDGET_OUTPUT)
            pytest.fail(f"{case.notebook}: {where}, the figure{' and the printed line' if case.printed else ''} "
                        f"did not change, so the kernel did not redraw ({type(error).__name__}); "
                        f"readouts {before['readouts']} -> {now['readouts']}, printed {now['text']!r}; "
                        f"errors: {tab.errors}")
        after = widget.evaluate(WIDGET_OUTPUT)
        if step.action == "key":
            assert after["readouts"][step.control] != before["readouts"][step.control], (
                f"{case.notebook}: {where}, the slider's readout stayed {after['readouts'][step.control]!r}")
            if case.printed:
                printed = printed_value(case, after["text"], where)
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


def run_all_cells(page, budget, notebook, context=lambda: ""):
    """Run every cell from the Run menu, as a reader would; fail, saying where, unless all ran."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click(timeout=budget.ms())
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click(timeout=budget.ms())
    try:
        state = page.wait_for_function(RUN_STATE, timeout=budget.ms()).json_value()
    except Exception as error:
        pytest.fail(f"{notebook}: the cells did not all run ({type(error).__name__}); "
                    f"now: {page.evaluate(NOTEBOOK_STATE)}{context()}")
    assert state == "done", (f"{notebook}: a cell raised while running all cells:\n"
                             + "\n".join(page.evaluate(TRACEBACKS)))


def find_widget(page, budget, notebook, label):
    """The one interactive widget whose first control is labelled ``label``, once it shows a figure."""
    widget = page.locator(".jp-OutputArea .widget-interact").filter(
        has=page.locator(".widget-label", has_text=label))
    widget.locator(".widget-output img").first.wait_for(timeout=budget.ms())
    assert widget.count() == 1, f"{notebook}: {widget.count()} widgets labelled {label!r}"
    widget.scroll_into_view_if_needed(timeout=budget.ms())
    controls = widget.locator(".widget-slider, .widget-dropdown").count()
    assert controls >= 1, f"{notebook}: the widget shows no control"
    return widget
