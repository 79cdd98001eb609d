"""``make learner-edition``: the public repository learners clone, written from this one.

The course lives in two repositories. This one, the instructor's, stays private: it holds the
instructor notebooks ``solutions/<assignment>/`` (model answers, marking guides, hidden tests),
the grader and nbgrader's configuration. The learner edition is public: the book, the released
exercises and the course library, with its own README and Makefile, and its launch buttons and
repository button pointing at the learner repository. It is regenerated on every release.

What goes in is an explicit allow-list, :data:`ALLOW`; everything else stays here. The files
come from git's ``HEAD`` commit, not from the work tree: an edition is a release of committed
work (uncommitted edits are reported and left out), and its manifest, ``.learner-edition.json``,
names the commit. :data:`REWRITE` adapts a few files for learners; :data:`OWN` are the edition's
own files, kept in ``grader/edition_files/``. Links to the instructor repository (its URL is
``repository.url`` in ``_config.yml``) are pointed at the learner repository. Before anything
is written, every path is checked against :data:`NEVER`, and no file may name the instructor
repository any more.

Extending it (for example for the in-browser site): add the new paths to :data:`ALLOW`, and the
learner Makefile (``grader/edition_files/Makefile``) the steps that build them.
"""

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parent.parent
OWN_FILES = "grader/edition_files/"  # at HEAD, like everything else
DEFAULT_OUT = REPO / "_learner_edition"  # git-ignored
DEFAULT_URL = "https://github.com/activation-functions-course/course-learner"
MANIFEST = ".learner-edition.json"
# Kept when an edition is regenerated in place: its git history and what its Makefile builds.
KEEP = {".git", ".venv", "node_modules", "_vendor", "_build"}

# Paths at HEAD that learners get, and why. A pattern ending in "/" takes the whole folder; any
# other pattern matches one path, component by component ("*" never crosses a "/").
ALLOW = [
    ("intro.md", "the book's first page"),
    ("chapters/", "the chapters"),
    ("_toc.yml", "the table of contents"),
    ("references.bib", "the bibliography"),
    ("_ext/", "the book's Sphinx extensions"),
    ("_templates/", "the book's theme templates"),
    ("package.json", "the pinned MathJax and widget renderer the offline book serves"),
    ("package-lock.json", "the same, locked"),
    ("constraints.txt", "the pinned Python packages"),
    (".binder/", "Binder's set-up"),
    (".ci/system-deps", "installs npm for `make book`"),
    ("exercises/", "the released exercises, as nbgrader generated them"),
    ("solutions/*.py", "the course library: reference functions and the check API"),
    ("solutions/*.npz", "the course library's bundled data"),
    ("tests/__init__.py", "the tests package"),
    ("tests/kernels.py", "notebook kernels over Unix sockets, for the tests"),
    ("tests/library/", "the course library's own tests"),
    ("lite/", "the in-browser copy of the course: its build, pinned wheels and the USB-stick server"),
    ("in_your_browser.md", "the book's page that opens each exercise in the browser"),
]
# Files at HEAD that learners get changed: path -> function(text, edition) -> text.
REWRITE = {}  # filled in below the functions
# The edition's own files: source in grader/edition_files/ -> path in the edition.
OWN = {
    "README.md": "README.md",
    "Makefile": "Makefile",
    "gitignore": ".gitignore",
    "tests/conftest.py": "tests/conftest.py",
    "tests/test_exercises.py": "tests/test_exercises.py",
}
# Never in an edition, whatever the lists above say: the instructor's material.
NEVER = [
    "solutions/*/",  # instructor notebooks: model answers and hidden tests
    "grader/",
    "nbgrader_config.py",
    "gradebook.db*",
    "submitted/", "autograded/", "feedback/", "downloaded/", ".grading/",
    "grades*.csv",
    "_solution_book/",
    "tests/grading/", "tests/mutants/",
]
# Created by the edition's own build; its _config.yml may keep excluding them.
BUILD_OUTPUTS = {"_build", ".venv", "node_modules", "_vendor", ".pytest_cache"}


class EditionError(Exception):
    """Why the edition was not written, and what to do instead."""


def matches(path, pattern):
    """Whether the posix ``path`` is ``pattern`` (a folder pattern ends in "/", see :data:`ALLOW`)."""
    parts = PurePosixPath(path).parts
    want = PurePosixPath(pattern).parts
    if pattern.endswith("/"):
        return len(parts) > len(want) and all(map(fnmatchcase, parts, want))
    return len(parts) == len(want) and all(map(fnmatchcase, parts, want))


def allowed(path):
    return any(matches(path, pattern) for pattern, _ in ALLOW)


# --- reading the instructor repository -------------------------------------------------------

def git(*args, repo=REPO, binary=False):
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True)
    if proc.returncode != 0:
        raise EditionError("git %s failed in %s: %s" % (" ".join(args), repo,
                                                         proc.stderr.decode(errors="replace").strip()))
    return proc.stdout if binary else proc.stdout.decode()


def head_files(repo=REPO):
    """``(commit, {path: (bytes, mode)})`` of every file git tracks at HEAD."""
    commit = git("rev-parse", "HEAD", repo=repo).strip()
    files = {}
    with tarfile.open(fileobj=io.BytesIO(git("archive", "--format=tar", commit, repo=repo,
                                             binary=True))) as tar:
        for member in tar:
            if member.isfile():
                files[member.name] = (tar.extractfile(member).read(), member.mode & 0o777)
            elif member.issym():
                raise EditionError("%s is a symbolic link; the edition copies files only"
                                   % member.name)
    return commit, files


def uncommitted(repo=REPO):
    """Paths the edition takes whose work-tree state differs from HEAD (so not in the edition)."""
    lines = git("status", "--porcelain", "--untracked-files=all", repo=repo).splitlines()
    return sorted(p for p in (line[3:].split(" -> ")[-1] for line in lines)
                  if allowed(p) or p in REWRITE or p.startswith(OWN_FILES))


def repository_url(config_text):
    """``repository.url`` of a Jupyter Book ``_config.yml``."""
    import yaml
    return (yaml.safe_load(config_text).get("repository") or {}).get("url", "")


# --- adapting files for learners --------------------------------------------------------------

def _replace_line(text, pattern, replacement, what):
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise EditionError("_config.yml: could not find %s; update grader/edition.py to the "
                           "config's new layout" % what)
    return new


def learner_config(text, edition):
    """``_config.yml`` with the learner repository's URL and branch and only the excludes that apply.

    Edited line by line, so the comments stay; the result is then parsed and compared with the
    original, so any other change, or a missed one, stops the build.
    """
    import yaml
    before = yaml.safe_load(text)
    after = json.loads(json.dumps(before))

    def applicable(patterns):
        """The patterns that name something in the edition or made by its build."""
        return [p for p in patterns if p.strip("/") in BUILD_OUTPUTS or any(
            matches(path, p) or matches(path, p.rstrip("/") + "/") for path in edition)]

    after["exclude_patterns"] = applicable(before.get("exclude_patterns", []))
    text = _replace_line(text, r"^exclude_patterns:.*$",
                         "exclude_patterns: [%s]" % ", ".join(after["exclude_patterns"]),
                         "a one-line `exclude_patterns: [...]`")
    execute = before.get("execute") or {}
    if execute.get("exclude_patterns"):
        after["execute"]["exclude_patterns"] = applicable(execute["exclude_patterns"])
        text = _replace_line(text, r"^(  exclude_patterns:).*$",
                             r"\1 [%s]" % ", ".join(after["execute"]["exclude_patterns"]),
                             "a one-line `execute: exclude_patterns: [...]`")
    after["repository"] = {**before.get("repository", {}), "url": edition.url, "branch": edition.branch}
    text = _replace_line(text, r"^(repository:\n(?:  .*\n)*?  url:).*$", r"\1 " + edition.url,
                         "`url:` under `repository:`")
    text = _replace_line(text, r"^(repository:\n(?:  .*\n)*?  branch:).*$", r"\1 " + edition.branch,
                         "`branch:` under `repository:`")
    if yaml.safe_load(text) != after:
        raise EditionError("_config.yml: the learner's configuration came out differently than "
                           "intended; update grader/edition.py to the config's new layout")
    header = "# Generated by `make learner-edition` in the course's instructor repository; change it there.\n"
    return header + text


def learner_pyproject(text, edition):
    """``pyproject.toml`` without the instructor's tools (nbgrader) and the browser tests' driver."""
    drop = {"course": "nbgrader", "test": "playwright"}
    before = tomllib.loads(text)
    for extra, package in drop.items():
        text, count = re.subn(r'^ *"%s[^"]*",\n' % re.escape(package), "", text, flags=re.MULTILINE)
        if count != 1:
            raise EditionError("pyproject.toml: %s is not listed once in the %r extra; update "
                               "grader/edition.py" % (package, extra))
    after = tomllib.loads(text)
    for extra, package in drop.items():
        before["project"]["optional-dependencies"][extra] = [
            p for p in before["project"]["optional-dependencies"][extra] if not p.startswith(package)]
    if after != before:
        raise EditionError("pyproject.toml: the learner's version came out differently than "
                           "intended; update grader/edition.py")
    return text


REWRITE.update({"_config.yml": learner_config, "pyproject.toml": learner_pyproject})


# --- the edition ------------------------------------------------------------------------------

class Edition(dict):
    """The files of one learner edition: ``{path: (bytes, mode)}``, plus where it points."""

    def __init__(self, url, branch, commit):
        super().__init__()
        self.url, self.branch, self.commit = url, branch, commit
        self.relinked = []


def check_url(url, instructor_url):
    url = url.rstrip("/")
    if not re.fullmatch(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", url) \
            or url.endswith(".git"):
        raise EditionError("URL must be a GitHub repository, https://github.com/<org>/<repo>, "
                           "got %r (the Binder and Colab buttons open GitHub repositories)" % url)
    if url.lower() == instructor_url.rstrip("/").lower():
        raise EditionError("URL is the instructor repository (%s, repository.url in _config.yml); "
                           "the learner edition needs its own public repository" % url)
    return url


def assemble(url=DEFAULT_URL, branch="main", repo=REPO):
    """The learner edition of ``repo``'s HEAD, in memory, checked."""
    commit, files = head_files(repo)
    if "_config.yml" not in files:
        raise EditionError("%s has no _config.yml at HEAD; is it the course repository?" % repo)
    instructor_url = repository_url(files["_config.yml"][0].decode())
    edition = Edition(check_url(url, instructor_url), branch, commit)
    for pattern, _ in ALLOW:
        if not any(matches(path, pattern) for path in files):
            raise EditionError("%s (in ALLOW) matches nothing at HEAD; fix grader/edition.py" % pattern)
    for path in sorted(files):
        if allowed(path):
            edition[path] = files[path]
    for source, path in OWN.items():
        if OWN_FILES + source not in files:
            raise EditionError("%s%s is not committed; commit it first (the edition is built "
                               "from HEAD)" % (OWN_FILES, source))
        text = files[OWN_FILES + source][0].decode()
        edition[path] = (text.replace("@LEARNER_URL@", edition.url).encode(), 0o644)
    for path, rewrite in REWRITE.items():
        if path not in files:
            raise EditionError("%s is not in HEAD; is %s the course repository?" % (path, repo))
        data, mode = files[path]
        edition[path] = (rewrite(data.decode(), edition).encode(), mode)
    edition.relinked = relink(edition, instructor_url)
    check(edition, instructor_url)
    return edition


def private_url(instructor_url):
    """The instructor repository's URL as a pattern (not a prefix of a longer repository name)."""
    return re.compile(re.escape(instructor_url.rstrip("/")) + r"(?![\w-])")


def relink(edition, instructor_url):
    """Point links to the instructor repository (e.g. a ``pip install git+...``) at the learner's."""
    if not instructor_url:
        return []
    changed = []
    for path, (data, mode) in edition.items():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        text, count = private_url(instructor_url).subn(edition.url, text)
        if count:
            edition[path] = (text.encode("utf-8"), mode)
            changed.append(path)
    return changed


def check(edition, instructor_url):
    """Refuse an edition with anything of the instructor's: a :data:`NEVER` path, the private URL."""
    banned = sorted(p for p in edition if any(matches(p, pattern) for pattern in NEVER))
    if banned:
        raise EditionError("instructor material would enter the learner edition: %s; fix ALLOW "
                           "in grader/edition.py" % ", ".join(banned))
    if instructor_url:
        named = [p for p, (data, _) in edition.items()
                 if private_url(instructor_url).search(data.decode(errors="ignore"))]
        if named:
            raise EditionError("%s name the instructor repository %s, which learners cannot open"
                               % (", ".join(named), instructor_url))


# --- writing it -------------------------------------------------------------------------------

def is_previous_edition(folder):
    try:
        return "source_commit" in json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def check_target(out, repo=REPO):
    """Where an edition may go: outside the repository or in a git-ignored folder of it; empty
    (but for ``.git``) or holding an earlier edition."""
    out = out.resolve()
    if out == repo or out in repo.parents:
        raise EditionError("%s holds the instructor repository; choose another OUT" % out)
    if repo in out.parents:
        rel = out.relative_to(repo).as_posix()
        ignored = subprocess.run(["git", "-C", str(repo), "check-ignore", "-q", rel + "/"]).returncode == 0
        if not ignored or rel.split("/")[0] == ".git":
            raise EditionError("%s is inside the instructor repository and not git-ignored: the "
                               "edition would be committed with it. Choose a folder outside it "
                               "(e.g. OUT=../course-learner) or the default, %s"
                               % (out, DEFAULT_OUT.relative_to(REPO)))
    if out.exists() and not out.is_dir():
        raise EditionError("%s is a file, not a folder" % out)
    if out.exists() and any(e.name != ".git" for e in out.iterdir()) and not is_previous_edition(out):
        raise EditionError("%s is not empty and holds no learner edition (no %s); choose a new "
                           "or empty folder, or a fresh clone of the learner repository"
                           % (out, MANIFEST))
    return out


def write(edition, out):
    """Write ``edition`` into ``out``: the edition's files replace everything but :data:`KEEP`."""
    out = check_target(Path(out))
    out.mkdir(parents=True, exist_ok=True)
    for entry in sorted(out.iterdir()):
        if entry.name not in KEEP:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for path, (data, mode) in edition.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o755 if mode & 0o111 else 0o644)
    manifest = {"generated_by": "make learner-edition (the course's instructor repository)",
                "source_commit": edition.commit, "url": edition.url, "branch": edition.branch,
                "files": sorted(edition)}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return out


def summary(edition):
    """One line per allow-list entry, rewritten file and own file: how many files it gave, and why."""
    rows = ["%-20s %3d  %s" % (pattern, sum(1 for p in edition if matches(p, pattern)), why)
            for pattern, why in ALLOW]
    rows += ["%-20s %3d  rewritten for learners" % (path, 1) for path in REWRITE]
    rows += ["%-20s %3d  the edition's own (grader/edition_files/)" % (path, 1) for path in OWN.values()]
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make learner-edition", description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(DEFAULT_OUT),
                        help="folder to write (default: %(default)s, git-ignored)")
    parser.add_argument("--url", default=DEFAULT_URL,
                        help="the learner repository, for the book's buttons (default: %(default)s)")
    parser.add_argument("--branch", default="main", help="its branch (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        edition = assemble(args.url, args.branch)
        out = write(edition, Path(args.out))
    except EditionError as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    for row in summary(edition):
        print("  " + row)
    if edition.relinked:
        print("  links to the instructor repository now point at the learner's in: %s"
              % ", ".join(edition.relinked))
    print("wrote the learner edition of %s (%d files) to %s" % (edition.commit[:12], len(edition), out))
    print("its book's repository, Binder and Colab buttons point at %s (branch %s)%s"
          % (edition.url, edition.branch,
             "; that is the default, set URL=https://github.com/<org>/<repo> for yours"
             if edition.url == DEFAULT_URL else ""))
    left_out = uncommitted()
    if left_out:
        print("note: uncommitted changes are not in it (it is built from HEAD): %s"
              % ", ".join(left_out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
