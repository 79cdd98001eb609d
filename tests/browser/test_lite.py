"""The in-browser copy of the course: JupyterLite with the Pyodide kernel, in lite/ of the built book.

Files, no browser: every Pyodide file is an official one (sha256 as in npm pyodide's lock file, the
runtime byte for byte npm's), the site holds every chapter and released exercise unchanged and no
instructor notebook, its configuration names nothing outside its folder, and the book links each
chapter and exercise into it.

In Chromium, the site served by lite/serve.py (the learner's command) on 127.0.0.1, every request that
leaves it blocked: exercise 04-relu gives, cell for cell, the same output as a local kernel for the
released stub (not implemented), a correct `relu` and a wrong one that the test types into the
notebook; the learner's edit is there when the notebook is opened again, and comes back in the .ipynb that the file browser's Download saves. Chapter 2 runs
from the Run menu with its figures, and its widget redraws when the slider moves. The time from
opening the exercise to a ready kernel is written to test-artifacts/lite/cold-start.json.
"""

import contextlib
import hashlib
import importlib.util
import json
import re
import threading
import time
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urljoin, urlsplit

import nbformat
import pytest
from nbclient import NotebookClient

from tests.browser import book
from tests.browser.tabs import Tab, watch
from tests.browser.notebook_ui import KERNEL_READY, Budget, Case, Step, find_widget, run_all_cells, use_widget

# One worker for the module under `pytest -n --dist loadgroup`: one server, one kernel at a time.
pytestmark = pytest.mark.xdist_group("lite")

LITE = book.BOOK_HTML / "lite"
PYODIDE = LITE / "static" / "pyodide"
NPM_PYODIDE = book.REPO / "node_modules" / "pyodide"
ARTIFACTS = book.REPO / "test-artifacts" / "lite"
APP = "lite/lab/index.html"
# The wheels lite/build.py makes or adds beside the official Pyodide packages.
OWN_PACKAGES = {"activations-course", "myst-nb-lite-standin", "comm", "ipywidgets"}
RUNTIME = {"pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "package.json"}

EXERCISE = "exercises/04-relu/relu.ipynb"
ANSWER, TEST = "relu_answer", "relu_vectorised_elementwise"
CORRECT = "def relu(x):\n    return np.maximum(x, 0.0)"
WRONG = "def relu(x):\n    return np.abs(x)"
CHAPTER = Case("02_saturation.ipynb", "weight scale", [Step("key", "End", "weight scale")],
               printed=r"^weight scale s = ([0-9.]+):", default=0.1)
TEST_TIMEOUT_S = 300  # per browser test: cold start (about 10 s), cells, reloads
REDRAW_TIMEOUT_S = 30
# JupyterLab turns the file paths in a traceback into links and asks the contents API about them; the
# course library's files live in the kernel (/lib/python3.12/site-packages/solutions/...), not in the
# site, which answers 404 inside its own folder. Nothing else may fail.
TRACEBACK_PATH_LOOKUP = re.compile(r"/lite/api/contents/lib/python3\.\d+/")
# Chromium's own guess at an icon, at the server's root, while a page shows none (JupyterLab swaps its
# icon as the kernel gets busy): not a request of the site's.
BROWSER_ICON_GUESS = re.compile(r"^http://127\.0\.0\.1:\d+/favicon\.ico$")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _serve_module():
    """lite/serve.py, the learner's server (a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("lite_serve", book.REPO / "lite" / "serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    return serve


@pytest.fixture(scope="module")
def lite_url():
    """lite/serve.py's server for the built book, on 127.0.0.1 and a free port."""
    if not (LITE / "lab" / "index.html").is_file():
        pytest.fail(f"no in-browser site in {LITE}: run `make book`")
    server = _serve_module().make_server(book.BOOK_HTML, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# --- the files --------------------------------------------------------------------------------


def test_pyodide_files_are_the_official_ones():
    """Each package file has the official lock's sha256; the runtime is npm's, byte for byte."""
    official = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    site = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert site["info"] == official["info"]
    listed = {"pyodide-lock.json"}
    for name, entry in site["packages"].items():
        path = PYODIDE / entry["file_name"]
        listed.add(entry["file_name"])
        assert _sha256(path) == entry["sha256"], f"{path.name} does not match its lock entry"
        if name in official["packages"]:
            assert entry == official["packages"][name], f"the lock entry of {name} differs from the official one"
        else:
            assert name in OWN_PACKAGES, f"{name} is neither an official Pyodide package nor one of ours"
            assert entry["file_name"].endswith("-py3-none-any.whl"), f"{name} is not a pure-Python wheel"
    for name in ("numpy", "matplotlib", "ipython"):
        assert name in site["packages"] and name in official["packages"]
    for path in sorted(PYODIDE.iterdir()):
        if path.name in listed:
            continue
        assert path.name in RUNTIME, f"{path.name} is in the site but neither in its lock nor the runtime"
        assert path.read_bytes() == (NPM_PYODIDE / path.name).read_bytes(), f"{path.name} differs from npm's"


def test_course_wheel_is_the_learner_library():
    """solutions' modules and data, no assignment folder (instructor notebooks), no grader module."""
    (wheel,) = PYODIDE.glob("activations_course-*-py3-none-any.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    library = {n for n in names if not n.startswith("activations_course-")}
    assert "solutions/checking.py" in library and "solutions/digits.npz" in library
    assert all(PurePosixPath(n).parent == PurePosixPath("solutions") for n in library), sorted(library)
    for name in library:
        assert (book.REPO / name).read_bytes() == zipfile.ZipFile(wheel).read(name), f"{name} is stale"
    grader = {"autograde", "grading", "sandbox", "harness", "feedback", "collect", "solution_book"}
    assert not {PurePosixPath(n).stem for n in library} & grader


def test_site_holds_every_chapter_and_exercise_unchanged():
    """files/ is chapters/*.ipynb and exercises/*/*.ipynb, as committed, and nothing else."""
    expected = {p.relative_to(book.REPO).as_posix(): p for p in
                sorted(book.REPO.glob("chapters/*.ipynb")) + sorted(book.REPO.glob("exercises/*/*.ipynb"))}
    files = LITE / "files"
    found = {p.relative_to(files).as_posix(): p for p in files.rglob("*") if p.is_file()}
    assert sorted(found) == sorted(expected)
    for name, path in expected.items():
        assert found[name].read_bytes() == path.read_bytes(), f"{name} in the site differs from the repository"


def test_site_configuration_stays_in_its_folder():
    config = json.loads((LITE / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"
    assert kernel["disablePyPIFallback"] is True, "piplite would fall back to pypi.org"
    assert all(url.startswith("./") for url in kernel["pipliteUrls"]), kernel["pipliteUrls"]
    assert "loadPyodideOptions" not in kernel or not any(
        book.is_external(str(v)) for v in kernel["loadPyodideOptions"].values())


def _lite_target(page: str, href: str):
    """The notebook that a link from `page` opens in the site's JupyterLab; None for other links."""
    url = urlsplit(urljoin(f"http://book/{page}", href))
    if url.hostname != "book" or url.path != f"/{APP}":
        return None
    return parse_qs(url.query)["path"][0]


def test_every_chapter_has_a_run_in_browser_entry(notebook_page):
    notebook = book.notebook_source(notebook_page)
    targets = [t for href in book.anchors(notebook_page) if (t := _lite_target(notebook_page, href))]
    assert targets == [notebook], f"{notebook_page}: links into the site: {targets}"
    assert "Run in your browser" in book.read(notebook_page)
    assert (LITE / "files" / notebook).is_file()


def test_book_lists_every_exercise_with_a_browser_link():
    page = "in_your_browser.html"
    assert page in book.chapter_pages(), f"no {page} in the book's table of contents"
    targets = {t for href in book.anchors(page) if (t := _lite_target(page, href))}
    released = {p.relative_to(book.REPO).as_posix() for p in book.REPO.glob("exercises/*/*.ipynb")}
    assert targets == released
    assert all((LITE / "files" / t).is_file() for t in targets)


def test_serve_gives_webassembly_its_type(tmp_path):
    """Browsers compile .wasm only when it comes as application/wasm; serve.py answers on 127.0.0.1."""
    serve = _serve_module()
    (tmp_path / "a.wasm").write_bytes(b"\0asm")
    (tmp_path / "b.mjs").write_text("export {}")
    server = serve.make_server(tmp_path, 0)
    assert server.server_address[0] == "127.0.0.1"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for name, kind in [("a.wasm", "application/wasm"), ("b.mjs", "text/javascript")]:
            url = f"http://127.0.0.1:{server.server_address[1]}/{name}"
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.headers.get_content_type() == kind
    finally:
        server.shutdown()
        server.server_close()


# --- in the browser -----------------------------------------------------------------------------

# Through JupyterLite's app object (jupyter-lite.json: exposeAppInBrowser): the open notebook's cells.
_CELLS = "() => jupyterapp.shell.currentWidget.content.model.cells"
_CELL_INDEX = f"""(gid) => {{
  const cells = ({_CELLS})();
  for (let i = 0; i < cells.length; i++) if ((cells.get(i).getMetadata("nbgrader") || {{}}).grade_id === gid) return i;
  return -1;
}}"""
_CELL = f"""(i) => {{
  const cell = ({_CELLS})().get(i);
  return {{source: cell.sharedModel.getSource(), count: cell.executionCount, outputs: cell.outputs.toJSON()}};
}}"""
_RAN = f"""([i, before]) => {{
  const cell = ({_CELLS})().get(i);
  const indicator = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator");
  return cell.executionCount !== null && cell.executionCount !== before && indicator?.dataset.status === "idle";
}}"""
_SAVED = "() => !jupyterapp.shell.currentWidget.context.model.dirty"


def _open(browser_context, base):
    tab = Tab(browser_context.new_page(), base)
    watch(tab)
    return tab


def _unexpected(tab):
    failed = [f for f in tab.failed_requests if not TRACEBACK_PATH_LOOKUP.search(f)]
    errors = [e for e in tab.errors if not TRACEBACK_PATH_LOOKUP.search(e)
              and not (e.startswith("console error: Failed to load resource: the server responded with a "
                                    "status of 404") and BROWSER_ICON_GUESS.match(e.rsplit(" (", 1)[-1][:-1]))]
    return failed, errors


def _plain(outputs):
    """What a learner reads from a cell's outputs: streams, errors (class and message), results."""
    plain = []
    for output in outputs:
        if output["output_type"] == "stream":
            plain.append(("stream", output["name"], output["text"]))
        elif output["output_type"] == "error":
            # The Pyodide kernel sends the class as "<class 'solutions.checking.CheckFailed'>"; its
            # traceback, which is what the learner reads, ends with "CheckFailed: ..." as locally.
            ename = re.sub(r"^<class '(?:[\w.]*\.)?(\w+)'>$", r"\1", output["ename"])
            plain.append(("error", ename, output["evalue"]))
        else:
            plain.append((output["output_type"], output.get("data", {}).get("text/plain")))
    return plain


class LocalKernel:
    """The same notebook in the course environment's own kernel (nbclient), cell by cell."""

    def __init__(self, client, nb):
        self.client, self.nb = client, nb

    def run(self, grade_id, source=None):
        index = next(i for i, c in enumerate(self.nb.cells)
                     if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
        cell = self.nb.cells[index]
        if source is not None:
            cell.source = source
        self.client.execute_cell(cell, index)
        return cell.outputs


@pytest.fixture(scope="module")
def local_kernel(tmp_path_factory):
    nb = nbformat.read(book.REPO / EXERCISE, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=60,
                            resources={"metadata": {"path": str(tmp_path_factory.mktemp("relu"))}})
    with client.setup_kernel():
        yield LocalKernel(client, nb)


# JupyterLab draws only the cells near the view (a windowed list): bring cell `i` into view, make it
# the active cell, and hand back its node.
_SHOW_CELL = """async (i) => {
  const notebook = jupyterapp.shell.currentWidget.content;
  notebook.activeCellIndex = i;
  await notebook.scrollToItem(i, "center");
  return notebook.widgets[i].node;
}"""


def _cell_node(page, index):
    return page.evaluate_handle(_SHOW_CELL, index).as_element()


def _run_cell(page, budget, index):
    """Click into the cell and press Shift+Enter, as a learner does; wait for its new result."""
    before = page.evaluate(_CELL, index)["count"]
    _cell_node(page, index).wait_for_selector(".cm-content", timeout=budget.ms()).click(timeout=budget.ms())
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(_RAN, arg=[index, before], timeout=budget.ms())
    return page.evaluate(_CELL, index)


def _type_answer(page, budget, index, code):
    _cell_node(page, index).wait_for_selector(".cm-content", timeout=budget.ms()).click(timeout=budget.ms())
    page.keyboard.press("Control+a")
    page.keyboard.type(code)
    page.keyboard.press("Escape")
    return page.evaluate(_CELL, index)["source"]


def _visible_text(page, budget, index):
    outputs = _cell_node(page, index).wait_for_selector(".jp-OutputArea", timeout=budget.ms())
    return " ".join(outputs.inner_text().split())


def _open_notebook(tab, budget, path):
    """Open `path` in the site's JupyterLab; return the seconds until its kernel was ready."""
    start = time.monotonic()
    tab.goto(f"{APP}?path={path}")
    tab.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=budget.ms())
    tab.page.wait_for_function(KERNEL_READY, timeout=budget.ms())
    return time.monotonic() - start


def _finish(tab, name, step, error=None):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(Exception):
        tab.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    if error is not None:
        pytest.fail(f"{name}: {step} failed: {error}\nblocked requests: {tab.outside_requests}\n"
                    f"failed requests: {tab.failed_requests}\nerrors: {tab.errors}")


def test_exercise_gives_the_local_verdicts_offline(browser_context, lite_url, local_kernel, tmp_path):
    budget = Budget(TEST_TIMEOUT_S)
    tab = _open(browser_context, lite_url)
    page = tab.page
    step = "opening the exercise"
    try:
        cold_start = _open_notebook(tab, budget, EXERCISE)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "cold-start.json").write_text(json.dumps(
            {"notebook": EXERCISE, "seconds_to_kernel_ready": round(cold_start, 1)}) + "\n")
        print(f"\ncold start to kernel ready: {cold_start:.1f} s")
        answer, test = page.evaluate(_CELL_INDEX, ANSWER), page.evaluate(_CELL_INDEX, TEST)
        imports = page.evaluate(_CELL_INDEX, "imports")
        assert -1 not in (answer, test, imports), f"{EXERCISE}: cells not found by grade id"

        verdicts = {}
        for label, code in [("not implemented", None), ("correct", CORRECT), ("wrong", WRONG)]:
            step = f"the {label} relu"
            source = _type_answer(page, budget, answer, code) if code else None
            if source is not None:
                assert source.replace(" ", "") == code.replace(" ", ""), f"typed {code!r}, the cell holds {source!r}"
            browser = [_run_cell(page, budget, i)["outputs"] for i in (imports, answer, test)]
            local = [local_kernel.run("imports"), local_kernel.run(ANSWER, source), local_kernel.run(TEST)]
            assert [_plain(o) for o in browser] == [_plain(o) for o in local], (
                f"{label} relu: the browser's outputs differ from the local kernel's")
            verdicts[label] = shown = _plain(local[2])
            text = _visible_text(page, budget, test)
            for kind, *rest in shown:
                message = rest[-1] if kind != "error" else f"{rest[0]}: {rest[1]}"
                assert " ".join(message.split()) in text, f"{label} relu: the page shows {text!r}"
        step = "checking the verdicts"
        assert verdicts["not implemented"][0][:2] == ("error", "CheckFailed")
        assert "is not implemented yet" in verdicts["not implemented"][0][2]
        assert verdicts["correct"] == [("stream", "stdout", verdicts["correct"][0][2])]
        assert verdicts["correct"][0][2].startswith("passed: ")
        assert verdicts["wrong"][0][:2] == ("error", "CheckFailed") and "expected" in verdicts["wrong"][0][2]

        step = "saving and downloading"
        typed = page.evaluate(_CELL, answer)["source"]
        page.keyboard.press("Control+s")
        page.wait_for_function(_SAVED, timeout=budget.ms())
        # JupyterLite's File menu has no Download; the file browser's context menu has.
        page.locator(".jp-DirListing-item", has_text="relu.ipynb").click(button="right", timeout=budget.ms())
        with page.expect_download(timeout=budget.ms()) as download:
            page.locator('.lm-Menu-item[data-command="filebrowser:download"]').click(timeout=budget.ms())
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name == "relu.ipynb"
        submitted = nbformat.read(saved, as_version=4)
        nbformat.validate(submitted)
        released = nbformat.read(book.REPO / EXERCISE, as_version=4)
        assert [c.metadata.get("nbgrader") for c in submitted.cells] == [c.metadata.get("nbgrader") for c in released.cells]
        assert submitted.cells[answer].source == typed

        step = "opening the exercise again, in a new tab"
        again = _open(browser_context, lite_url)
        try:
            again.goto(f"{APP}?path={EXERCISE}")
            again.page.wait_for_function(
                f"() => {{ try {{ return ({_CELL_INDEX})({json.dumps(ANSWER)}) === {answer}; }} catch {{ return false; }} }}",
                timeout=budget.ms())
            kept = again.page.evaluate(_CELL, answer)["source"]
        finally:
            again.page.close()
        assert kept == typed, f"the learner's edit did not survive: the notebook opened again with {kept!r}"
        tab.errors += again.errors
        tab.failed_requests += again.failed_requests
        tab.outside_requests += again.outside_requests
    except AssertionError:
        _finish(tab, "04-relu", step)
        raise
    except Exception as error:  # mostly a Playwright timeout: say which step it was
        _finish(tab, "04-relu", step, error)
    _finish(tab, "04-relu", step)
    page.close()
    _assert_clean(tab)


def _assert_clean(tab):
    """No request left the site, none failed unexpectedly, and the page logged no error."""
    failed, errors = _unexpected(tab)
    assert tab.outside_requests == [], "requests outside the site:\n" + "\n".join(tab.outside_requests)
    assert failed == [], "failed requests:\n" + "\n".join(failed)
    assert errors == [], "errors in the browser:\n" + "\n".join(errors)


def test_chapter_runs_with_figure_and_widget_offline(browser_context, lite_url):
    budget = Budget(TEST_TIMEOUT_S)
    tab = _open(browser_context, lite_url)
    page = tab.page
    notebook = f"chapters/{CHAPTER.notebook}"
    step = "opening the chapter"
    try:
        _open_notebook(tab, budget, notebook)
        step = "running all cells from the Run menu"
        run_all_cells(page, budget, notebook)
        figures = page.locator('.jp-OutputArea-output[data-mime-type="image/png"] img')
        assert figures.count() >= 2, f"{notebook}: {figures.count()} figures"
        step = "using the widget"
        widget = find_widget(page, budget, notebook, CHAPTER.label)
        use_widget(CHAPTER, tab, widget, budget, REDRAW_TIMEOUT_S)
    except AssertionError:
        _finish(tab, "02_saturation", step)
        raise
    except Exception as error:
        _finish(tab, "02_saturation", step, error)
    _finish(tab, "02_saturation", step)
    page.close()
    _assert_clean(tab)
