"""The learner edition, end to end: from a fresh clone, it builds, runs, and holds nothing of ours.

The fixture clones this repository at HEAD (commit first: uncommitted changes are not in the
clone, as they would not be in a release), runs ``make learner-edition`` there, then the
edition's own ``make book`` (strict) and ``make test`` (every chapter with nbval, every exercise
notebook, the library's tests). It reuses this environment and this repository's npm packages
(``VENV=``, ``NODE_MODULES=``), so nothing is installed, and this repository's execution cache
for the book (the chapters are the same files), so the chapters run once, in ``make test``.

Then every file of the edition, its built book and executed notebooks included, is searched for
every line of every model answer and hidden test of every assignment. Lines that public material
shows anyway are not evidence of a leak and are left out: lines of the released exercises, the
chapters and the course library (all three published as they are), import statements, and lines
with fewer than 20 characters of words. Text is compared as its words (letters and digits,
lower-cased), so a line is found in rendered HTML, under Markdown emphasis or syntax
highlighting, and in JSON alike. Files that are npm's, copied as they are, are not searched.
"""

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader.nbgrader_rules import hidden_test_delimiters, solution_lines
from solutions.checking import split_hidden

REPO = Path(__file__).resolve().parents[1]
VENV = Path(sys.executable).absolute().parents[1]  # this environment, used as it is
NODE_MODULES = REPO / "node_modules"
LEARNER_URL = "https://github.com/example-org/activations-learner"
MIN_CHARS = 20
IMPORT = re.compile(r"^\s*(from\s+\S+\s+)?import\s")
BASE64_RUN = re.compile(r"[A-Za-z0-9+/=]{200,}")  # embedded images: no line of ours in them
# npm's files that the book copies as they are (package-lock.json pins them).
NPM_COPIED = ["mathjax/es5", "@jupyter-widgets/html-manager/dist"]

pytestmark = pytest.mark.xdist_group("edition")


def run(args, cwd, timeout=900):
    # A make started by `make test` must not pass that make's flags and variables on.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def words(text):
    """``text`` as its words, lower-cased, space-separated and space-padded."""
    return " %s " % " ".join(re.findall(r"[0-9a-z]+", text.lower()))


def notebook_text(path):
    return "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)


def secret_lines(course):
    """``{words: line}`` of every model answer and hidden test line in ``course`` that public
    material does not show anyway (see the module docstring)."""
    begin, end = hidden_test_delimiters(course)
    secret = set()
    for source in sorted(course.glob("solutions/*/*.ipynb")):
        for cell in nbformat.read(source, as_version=4).cells:
            answer = solution_lines(cell.source, course)
            if cell.metadata.get("nbgrader", {}).get("solution") and not answer:
                answer = cell.source.splitlines()  # no markers: nbgrader replaces the whole cell
            secret.update(answer)
            secret.update(line for code, hidden in split_hidden(cell.source, begin, end) if hidden
                          for line in code.splitlines())
    public = "".join(
        [words(notebook_text(p)) for p in sorted(course.glob("exercises/*/*.ipynb"))] +
        [words(notebook_text(p)) for p in sorted(course.glob("chapters/*.ipynb"))] +
        [words(p.read_text(encoding="utf-8")) for p in sorted(course.glob("solutions/*.py"))])
    return {words(line): line for line in secret
            if len(words(line).strip()) >= MIN_CHARS and not IMPORT.match(line)
            and words(line) not in public}


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def file_words(path):
    """The words of a file: its text, its text with HTML tags dropped, and its JSON strings."""
    text = BASE64_RUN.sub(" ", path.read_bytes().decode("utf-8", errors="replace"))
    views = [text]
    if path.suffix in (".ipynb", ".json"):
        try:
            views.append(BASE64_RUN.sub(" ", "\n".join(json_strings(json.loads(text)))))
        except ValueError:
            pass
    views += [html.unescape(re.sub(r"<[^>]+>", " ", view)) for view in views if "<" in view]
    return "".join(words(view) for view in views)


def npm_copies():
    """sha256 of every npm file the book copies as it is."""
    return {hashlib.sha256(p.read_bytes()).hexdigest() for folder in NPM_COPIED
            for p in (NODE_MODULES / folder).rglob("*") if p.is_file()}


def leaks(folder, secrets, skip=frozenset()):
    """``{path: [line, ...]}`` of the secret lines found in the files under ``folder``."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if skip and hashlib.sha256(path.read_bytes()).hexdigest() in skip:
            continue
        text = file_words(path)
        hits = [line for key, line in secrets.items() if key in text]
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """``{clone, out, head, made, book, test}``: the edition of a fresh clone, built and run."""
    if not (NODE_MODULES / ".package-lock.json").exists():
        pytest.fail("node_modules/ is missing: `make test` runs `make book`, which installs it, "
                    "before the tests")
    root = tmp_path_factory.mktemp("edition")
    clone, out = root / "instructor", root / "learner"
    head = run(["git", "rev-parse", "HEAD"], REPO).stdout.strip()
    for args in (["git", "clone", "--quiet", "--no-checkout", str(REPO), str(clone)],
                 ["git", "-C", str(clone), "checkout", "--quiet", "--detach", head]):
        proc = run(args, root)
        assert proc.returncode == 0, proc.stderr
    # -o: this environment is ready; the clone's newer pyproject.toml must not reinstall into it.
    made = run(["make", "-s", "learner-edition", "OUT=%s" % out, "URL=%s" % LEARNER_URL,
                "VENV=%s" % VENV, "-o", "%s/.installed" % VENV], clone)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    assert ">> installing" not in made.stdout, "make learner-edition installed into %s" % VENV
    # The chapters are ours as they are, so this repository's execution cache (if `make book` made
    # one) serves the edition's book too; `make test` below executes every notebook afresh.
    if (REPO / "_build" / ".jupyter_cache").is_dir():
        shutil.copytree(REPO / "_build" / ".jupyter_cache", out / "_build" / ".jupyter_cache")
    # The hash-pinned wheels of the in-browser site, as `make book` here downloaded them.
    if (REPO / "_build" / "lite-wheels" / ".downloaded").is_file():
        shutil.copytree(REPO / "_build" / "lite-wheels", out / "_build" / "lite-wheels")
    book = run(["make", "book", "VENV=%s" % VENV, "NODE_MODULES=%s" % NODE_MODULES], out)
    test = run(["make", "test", "VENV=%s" % VENV, "JOBS=2", "ARGS=-v"], out)
    return {"clone": clone, "out": out, "head": head, "made": made, "book": book, "test": test}


def test_make_learner_edition_says_what_it_wrote(edition):
    out = edition["out"]
    assert "wrote the learner edition of %s" % edition["head"][:12] in edition["made"].stdout
    assert str(out) in edition["made"].stdout and LEARNER_URL in edition["made"].stdout
    manifest = json.loads((out / ".learner-edition.json").read_text())
    assert manifest["source_commit"] == edition["head"] and manifest["url"] == LEARNER_URL
    assert manifest["files"] and all((out / path).is_file() for path in manifest["files"])


def test_the_edition_builds_its_book_strictly(edition):
    book, out = edition["book"], edition["out"]
    assert book.returncode == 0, book.stdout[-4000:] + book.stderr[-4000:]
    assert "jupyter-book build . -W -n --keep-going" in book.stdout
    chapters = sorted(p.stem for p in (out / "chapters").glob("*.ipynb"))
    assert len(chapters) >= 8
    for chapter in chapters:
        assert (out / "_build" / "html" / "chapters" / (chapter + ".html")).exists(), chapter


def test_the_edition_runs_its_chapters_exercises_and_library_tests(edition):
    test, out = edition["test"], edition["out"]
    assert test.returncode == 0, test.stdout[-6000:] + test.stderr[-2000:]
    summary = test.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"=+ \d+ passed in .*", summary), summary  # nothing failed or skipped
    for chapter in sorted(out.glob("chapters/*.ipynb")):  # nbval's ids: chapters/04_relu::ipynb::Cell 0
        assert re.search(r"PASSED chapters/%s\W.*::Cell 0 " % re.escape(chapter.stem), test.stdout), chapter
    for notebook in sorted(out.glob("exercises/*/*.ipynb")):
        assert "PASSED tests/test_exercises.py::test_exercise_runs_and_every_test_cell_waits_for_" \
               "an_answer[%s/%s]" % (notebook.parent.name, notebook.name) in test.stdout, notebook
    assert "PASSED tests/library/" in test.stdout


def test_the_book_points_at_the_learner_repository(edition):
    out = edition["out"]
    org_repo = LEARNER_URL.removeprefix("https://github.com/")
    config = (edition["clone"] / "_config.yml").read_text()
    instructor = re.search(r"^  url: (\S+)", config, re.M).group(1)
    page = (out / "_build" / "html" / "chapters" / "04_relu.html").read_text(encoding="utf-8")
    assert 'href="%s"' % LEARNER_URL in page  # the repository button
    assert "https://mybinder.org/v2/gh/%s/main?urlpath=lab/tree/chapters/04_relu.ipynb" % org_repo in page
    assert "https://colab.research.google.com/github/%s/blob/main/chapters/04_relu.ipynb" % org_repo in page
    private = re.compile(re.escape(instructor) + r"(?![\w-])")
    named = [str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()
             and private.search(p.read_bytes().decode("utf-8", errors="replace"))]
    assert not named, named


def test_nothing_of_the_instructors_by_path(edition):
    out = edition["out"]
    assert not (out / "grader").exists()
    assert not [p.name for p in (out / "solutions").iterdir() if p.is_dir()]
    assert not list(out.rglob("nbgrader_config.py")) and not list(out.rglob("gradebook.db*"))
    for folder in ("submitted", "autograded", "feedback", "tests/grading", "tests/mutants",
                   "_solution_book"):
        assert not (out / folder).exists(), folder
    setting = [str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()
               and b"source_directory" in p.read_bytes()]
    assert not setting, setting
    imports = [str(p.relative_to(out)) for p in out.rglob("*.py")
               if re.search(r"^\s*(from|import) (grader|nbgrader)\b", p.read_text(), re.M)]
    assert not imports, imports


def test_no_line_of_an_answer_or_hidden_test_anywhere_in_the_edition(edition):
    secrets = secret_lines(edition["clone"])
    assert len(secrets) > 100, "too few answer and hidden-test lines found: %d" % len(secrets)
    assert (edition["out"] / "_build" / "html" / "index.html").exists()
    found = leaks(edition["out"], secrets, skip=npm_copies())
    assert not found, found


def test_the_leak_search_finds_an_instructor_notebook_and_its_rendered_answers(tmp_path):
    """The search itself can fail: an instructor notebook, raw or rendered, is found."""
    secrets = secret_lines(REPO)
    source = REPO / "solutions" / "01-activations" / "activations.ipynb"
    (tmp_path / "copied.ipynb").write_bytes(source.read_bytes())
    answer = next(c for c in nbformat.read(source, as_version=4).cells
                  if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution"))
    rendered = "<p>" + html.escape(answer.source).replace("*", "<em>", 1) + "</p>"
    (tmp_path / "page.html").write_text(rendered, encoding="utf-8")
    found = leaks(tmp_path, secrets)
    assert set(found) == {"copied.ipynb", "page.html"}
    assert len(found["copied.ipynb"]) > 10
