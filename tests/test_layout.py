"""The file layout shows what runs where: library and check API | grader | book | tests."""

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHECK_API = {"checking.py", "calling.py", "measures.py", "plainvalues.py"}


def imports(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_the_library_never_imports_the_grader():
    for path in (REPO / "solutions").glob("*.py"):
        assert not [m for m in imports(path) if m.split(".")[0] == "grader"], path.name


def test_the_grader_is_not_in_the_learners_library():
    grader_modules = {p.name for p in (REPO / "grader").glob("*.py")} - {"__init__.py"}
    library = {p.name for p in (REPO / "solutions").glob("*.py")}
    assert not grader_modules & library
    assert CHECK_API <= library


def test_a_learners_pip_install_brings_the_library_not_the_grader(tmp_path):
    # Build from a copy of what the wheel is made of, so no build/ folder lands in the tree.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "solutions", source / "solutions")
    shutil.copytree(REPO / "grader", source / "grader")  # present, as in a clone; must stay out
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(tmp_path), str(source)], check=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "solutions/checking.py" in names and "solutions/digits.npz" in names
    assert not [n for n in names if n.startswith("grader/")]
    assert not [n for n in names if n.endswith(".ipynb")], "instructor notebooks in the wheel"


def test_bytecode_never_becomes_a_phantom_assignment(tmp_path):
    # solutions/__pycache__ is a committed empty file, so Python cannot create the folder
    # nbgrader's formgrader would list as an assignment (Python then skips writing bytecode).
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import solutions.activations, solutions.checking"],
                   cwd=REPO, env=env, check=True)
    assert (REPO / "solutions" / "__pycache__").is_file()
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from grader.nbgrader_rules import nbgrader_config
    api = NbGraderAPI(CourseDirectory(config=nbgrader_config(), root=str(REPO)),
                      config=nbgrader_config())
    folders = {p.name for p in (REPO / "solutions").iterdir() if p.is_dir()}
    assert api.get_source_assignments() == folders
    assert all(name[:2].isdigit() for name in folders), folders
