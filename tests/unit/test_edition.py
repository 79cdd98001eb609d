"""The learner edition's rules, without building a book: what goes in, what is refused, where it may go."""

import json
import subprocess
import sys

import pytest
import tomllib
import yaml

from grader import edition
from grader.edition import EditionError

REPO = edition.REPO
URL = "https://github.com/example-org/activations-learner"


@pytest.fixture(scope="module")
def files():
    return edition.assemble(URL)


def test_patterns_match_whole_components():
    assert edition.matches("solutions/checking.py", "solutions/*.py")
    assert not edition.matches("solutions/04-relu/relu.ipynb", "solutions/*.py")
    assert not edition.matches("solutions/04-relu/helper.py", "solutions/*.py")
    assert edition.matches("solutions/04-relu/relu.ipynb", "solutions/*/")
    assert not edition.matches("solutions/checking.py", "solutions/*/")
    assert edition.matches("chapters/04_relu.ipynb", "chapters/")
    assert not edition.matches("chapters", "chapters/")


def test_only_the_allow_list_and_the_editions_own_files_go_in(files):
    own = set(edition.OWN.values()) | set(edition.REWRITE)
    assert all(edition.allowed(p) or p in own for p in files)
    assert not [p for p in files if p.startswith(("grader/", "benchmarks/", "tests/grading/",
                                                   "tests/mutants/", "tests/browser/"))]
    assert not [p for p in files if p.startswith("solutions/") and p.count("/") > 1]
    assert "nbgrader_config.py" not in files
    for expected in ("solutions/checking.py", "solutions/digits.npz", "exercises/04-relu/relu.ipynb",
                     "chapters/04_relu.ipynb", "README.md", "Makefile", ".gitignore",
                     "tests/test_exercises.py", ".binder/postBuild"):
        assert expected in files, expected
    assert files[".binder/postBuild"][1] & 0o111, "postBuild must stay executable"


def test_the_config_points_at_the_learner_repository_and_keeps_only_excludes_that_apply(files):
    ours = yaml.safe_load((REPO / "_config.yml").read_text())
    theirs = yaml.safe_load(files["_config.yml"][0])
    assert theirs["repository"] == {**ours["repository"], "url": URL, "branch": "main"}
    assert "benchmarks" in ours["exclude_patterns"] and "benchmarks" not in theirs["exclude_patterns"]
    assert {"solutions", "exercises", "tests", "_build"} <= set(theirs["exclude_patterns"])
    assert {k: v for k, v in theirs.items() if k not in ("repository", "exclude_patterns")} == \
        {k: v for k, v in ours.items() if k not in ("repository", "exclude_patterns")}


def test_the_learner_installs_no_instructor_tool(files):
    extras = tomllib.loads(files["pyproject.toml"][0].decode())["project"]["optional-dependencies"]
    assert not [p for p in extras["course"] + extras["test"] if p.startswith(("nbgrader", "playwright"))]
    assert "jupyter-book~=1.0" in extras["course"] and "nbval" in extras["test"]


def test_links_to_the_instructor_repository_point_at_the_learners(files):
    ours = yaml.safe_load((REPO / "_config.yml").read_text())["repository"]["url"]
    assert ours in (REPO / "intro.md").read_text()
    assert "intro.md" in files.relinked
    assert "git+%s`" % URL in files["intro.md"][0].decode()
    assert not [p for p, (data, _) in files.items() if edition.private_url(ours).search(
        data.decode(errors="ignore"))]


def test_instructor_material_let_in_by_mistake_is_refused(monkeypatch):
    monkeypatch.setattr(edition, "ALLOW", edition.ALLOW + [("solutions/", "a mistake")])
    with pytest.raises(EditionError, match=r"instructor material .*solutions/04-relu/relu\.ipynb"):
        edition.assemble(URL)


@pytest.mark.parametrize("url, problem", [
    ("https://github.com/activation-functions-course/course", "is the instructor repository"),
    ("https://gitlab.com/example-org/activations", "must be a GitHub repository"),
    ("https://github.com/example-org", "must be a GitHub repository"),
])
def test_a_url_that_cannot_be_the_learner_repository_is_refused(url, problem):
    with pytest.raises(EditionError, match=problem):
        edition.assemble(url)


def test_where_an_edition_may_go(tmp_path):
    with pytest.raises(EditionError, match="inside the instructor repository and not git-ignored"):
        edition.check_target(REPO / "learner-copy")
    with pytest.raises(EditionError, match="holds the instructor repository"):
        edition.check_target(REPO.parent)
    assert edition.check_target(REPO / "_learner_edition") == REPO / "_learner_edition"
    (tmp_path / ".git").mkdir()
    assert edition.check_target(tmp_path) == tmp_path  # a fresh clone of an empty repository
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(EditionError, match="not empty and holds no learner edition"):
        edition.check_target(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_previous_edition_is_replaced_except_its_git_history(tmp_path, files):
    out = tmp_path / "learner"
    edition.write(files, out)
    manifest = json.loads((out / edition.MANIFEST).read_text())
    assert manifest["source_commit"] == files.commit and manifest["files"] == sorted(files)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "chapters" / "09_dropped_chapter.ipynb").write_text("{}")
    edition.write(files, out)
    assert (out / ".git" / "HEAD").exists()
    assert not (out / "chapters" / "09_dropped_chapter.ipynb").exists()
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*")
                     if p.is_file() and ".git" not in p.parts)
    assert written == sorted(list(files) + [edition.MANIFEST])


def test_the_command_explains_a_refusal():
    proc = subprocess.run([sys.executable, "-m", "grader", "learner-edition", "--out",
                           str(REPO / "chapters")], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "not git-ignored" in proc.stderr and "OUT=../course-learner" in proc.stderr


def test_excludes_of_instructor_paths_are_dropped_and_others_kept(files):
    config = (REPO / "_config.yml").read_text().replace(
        "  exclude_patterns: []", "  exclude_patterns: [solutions/*/*.ipynb, chapters/04_relu.ipynb]")
    theirs = yaml.safe_load(edition.learner_config(config, files))
    assert theirs["execute"]["exclude_patterns"] == ["chapters/04_relu.ipynb"]
    assert theirs["repository"]["url"] == URL
