"""``make collect``: unpack an LMS download into nbgrader's ``submitted/`` tree.

Learning-management systems hand instructors one zip with a file per student. The course
expects each file to be named ``<student>_<notebook>.ipynb`` (folders inside the zip are
ignored), for example ``jdoe_relu.ipynb`` for the notebook ``relu.ipynb`` of ``04-relu``.
This is the naming nbgrader's own ``nbgrader zip_collect`` is configured for in
``nbgrader_config.py``; this command does the same job with stricter checks:

- a member is only ever written to ``submitted/<student>/<assignment>/<notebook>``, whatever
  path the zip claims (no ``..``, no absolute paths, no links);
- ``<notebook>`` must be a notebook of the assignment, the student id must be plain
  (letters, digits, ``.``, ``-``), and a file may hold at most ``--max-mb`` MiB;
- a submission already collected is never overwritten silently: identical files are left
  alone, different ones are reported and kept unless ``--replace`` is given;
- if a student appears twice for the same notebook, the newest file in the zip wins and the
  report says so.

Every file of the zip is accounted for in the report: collected, unchanged, kept or skipped
with the reason. Then run ``make autograde``.
"""

import argparse
import os
import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STUDENT_FILE = re.compile(r"(?P<student>[A-Za-z0-9.-]+)_(?P<notebook>[^/]+\.ipynb)")
DEFAULT_MAX_MB = 20


class CollectError(Exception):
    """The zip or the assignment cannot be used at all (nothing was written)."""


def assignment_notebooks(assignment):
    """Names of the notebooks of ``assignment`` in ``solutions/``; a clear error if unknown."""
    folder = REPO / "solutions" / assignment
    notebooks = sorted(p.name for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    if not notebooks:
        known = sorted(p.parent.name for p in (REPO / "solutions").glob("*/*.ipynb"))
        raise CollectError("unknown assignment %r; use one of: %s"
                           % (assignment, ", ".join(sorted(set(known)))))
    return notebooks


def plan(members, notebooks, max_bytes):
    """Decide what to do with each zip member.

    ``members``: ``zipfile.ZipInfo`` objects. Returns ``(chosen, skipped)`` where ``chosen``
    maps ``(student, notebook)`` to the member to collect and ``skipped`` lists
    ``(member name, reason)``.
    """
    chosen, skipped = {}, []
    for info in members:
        if info.is_dir():
            continue
        base = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
        if base.startswith(".") or info.filename.startswith("__MACOSX/"):
            skipped.append((info.filename, "hidden or system file"))
            continue
        match = STUDENT_FILE.fullmatch(base)
        if not match:
            skipped.append((info.filename, "name is not <student>_<notebook>.ipynb"))
            continue
        student, notebook = match["student"], match["notebook"]
        if notebook not in notebooks:
            skipped.append((info.filename, "%r is not a notebook of this assignment (%s)"
                            % (notebook, ", ".join(notebooks))))
            continue
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            skipped.append((info.filename, "symbolic link"))
            continue
        if info.file_size > max_bytes:
            skipped.append((info.filename, "larger than %d MiB" % (max_bytes // 2**20)))
            continue
        earlier = chosen.get((student, notebook))
        if earlier is not None:
            older, newer = sorted([earlier, info], key=lambda i: i.date_time)
            skipped.append((older.filename, "older duplicate of %s" % newer.filename))
            info = newer
        chosen[(student, notebook)] = info
    return chosen, skipped


def _read_limited(archive, info, max_bytes):
    """The member's bytes, refusing more than ``max_bytes`` whatever the header claims."""
    with archive.open(info) as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError("larger than %d MiB once unpacked" % (max_bytes // 2**20))
    return data


def collect(zip_path, assignment, course_dir=".", replace=False, max_mb=DEFAULT_MAX_MB,
            out=sys.stdout):
    """Unpack ``zip_path`` into ``course_dir/submitted``; return ``{outcome: [names]}``."""
    zip_path, course_dir = Path(zip_path), Path(course_dir).resolve()
    notebooks = assignment_notebooks(assignment)
    if not zip_path.is_file():
        raise CollectError("no such file: %s; pass the LMS download as ZIP=path/to/file.zip"
                           % zip_path)
    if not zipfile.is_zipfile(zip_path):
        raise CollectError("%s is not a zip archive; download the submissions as one .zip"
                           % zip_path)
    max_bytes = max_mb * 2**20
    report = {"collected": [], "unchanged": [], "kept": [], "skipped": []}
    with zipfile.ZipFile(zip_path) as archive:
        chosen, skipped = plan(archive.infolist(), notebooks, max_bytes)
        report["skipped"] += ["%s (%s)" % s for s in skipped]
        for (student, notebook), info in sorted(chosen.items()):
            target = course_dir / "submitted" / student / assignment / notebook
            label = "%s/%s/%s" % (student, assignment, notebook)
            try:
                data = _read_limited(archive, info, max_bytes)
            except (ValueError, zipfile.BadZipFile, OSError) as exc:
                report["skipped"].append("%s (%s)" % (info.filename, exc))
                continue
            if target.exists():
                if target.read_bytes() == data:
                    report["unchanged"].append(label)
                    continue
                if not replace:
                    report["kept"].append(label)
                    continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".collecting")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            report["collected"].append(label)
    _print_report(report, zip_path, course_dir, out)
    return report


def _print_report(report, zip_path, course_dir, out):
    print("%s -> %s" % (zip_path, course_dir / "submitted"), file=out)
    for outcome, names in report.items():
        for name in names:
            print("  %-9s %s" % (outcome, name), file=out)
    print("collected %d, unchanged %d, kept %d, skipped %d" % tuple(
        len(report[k]) for k in ("collected", "unchanged", "kept", "skipped")), file=out)
    if report["kept"]:
        print("kept: these students already had a different submission; nothing was "
              "overwritten. Re-run with --replace (make collect ... ARGS=--replace) to take "
              "the zip's version.", file=out)
    if report["collected"]:
        print("next: make autograde", file=out)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make collect", description=__doc__.split("\n")[0])
    parser.add_argument("zip", help="the LMS download: a zip of <student>_<notebook>.ipynb files")
    parser.add_argument("--assignment", required=True, help="assignment id, e.g. 04-relu")
    parser.add_argument("--course-dir", default=".", help="where submitted/ goes (default: here)")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite submissions already collected that differ")
    parser.add_argument("--max-mb", type=int, default=DEFAULT_MAX_MB,
                        help="largest notebook accepted, in MiB (default %(default)s)")
    args = parser.parse_args(argv)
    if not args.zip or not args.assignment:
        parser.error("usage: make collect ZIP=path/to/download.zip ASSIGNMENT=04-relu")
    try:
        collect(args.zip, args.assignment, args.course_dir, args.replace, args.max_mb)
    except CollectError as exc:
        parser.exit(2, "error: %s\n" % exc)


if __name__ == "__main__":
    main()
