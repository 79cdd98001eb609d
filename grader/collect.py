"""``make collect``: unpack an LMS download into nbgrader's ``submitted/`` tree.

Learning-management systems hand instructors one zip of everyone's files. This command
understands the names they use (folders inside the zip matter only where the LMS puts the
student there):

==============  ===============================================================  ==========
LMS             a member of the download                                         student
==============  ===============================================================  ==========
Canvas          ``doejohn_12345_67890_relu.ipynb``, ``doejohn_LATE_12345_...``    ``doejohn``
                (``relu-1.ipynb`` for a resubmission)
Moodle          ``John Doe_123456_assignsubmission_file_/relu.ipynb``             ``123456``
Blackboard      ``Week 4_jdoe_attempt_2026-03-01-09-30-00_relu.ipynb``            ``jdoe``
this course     ``jdoe_relu.ipynb``                                              ``jdoe``
==============  ===============================================================  ==========

``--roster roster.csv`` (columns ``lms_id,student_id``) maps LMS ids (Canvas login or user
id, Moodle participant id or full name, Blackboard user name) to the course's student ids;
a member whose id is not in a given roster is skipped and reported.

Each collected notebook gets nbgrader's ``timestamp.txt``: the submission time from the name
(Blackboard) or the zip entry's time (Canvas, Moodle, this course), read as UTC. With a due
date in the gradebook, nbgrader's late-penalty plugin then applies (``make autograde`` and
``nbgrader autograde`` alike). Checks: a member is only ever written to
``submitted/<student>/<assignment>/<notebook>``, whatever path the zip claims; ``<notebook>``
must be a notebook of the assignment; a file may hold at most ``--max-mb`` MiB and must be
notebook JSON (a truncated upload is reported as unusable now, not at grading); a submission
already collected is never overwritten silently (``--replace`` takes the zip's version); of
two uploads by one student the newest wins. Every member is reported: collected, unchanged,
kept or skipped with the reason. Then run ``make autograde``.
"""

import argparse
import csv
import json
import os
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_MAX_MB = 20
PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")
# LMS naming schemes, most specific first. Each gives the LMS id, the file name and, where
# the name carries it, the submission time.
BLACKBOARD = re.compile(r"(?P<assignment>.+)_(?P<id>[^_/]+)_attempt_"
                        r"(?P<when>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})_(?P<file>[^/]+\.ipynb)")
CANVAS = re.compile(r"(?P<id>[A-Za-z0-9]+)(?P<late>_LATE)?_(?P<user>\d+)_(?P<sub>\d+)_"
                    r"(?P<file>[^/]+?)(?:-\d+)?\.ipynb")
MOODLE_FOLDER = re.compile(r"(?P<name>.+)_(?P<id>\d+)_assignsubmission_file_?")
COURSE = re.compile(r"(?P<id>[A-Za-z0-9.-]+)_(?P<file>[^/]+\.ipynb)")


class CollectError(Exception):
    """The zip, the roster or the assignment cannot be used at all (nothing was written)."""


@dataclass(frozen=True)
class Member:
    """What the name of a zip member says: whose file, which notebook, when, from which LMS."""

    lms: str
    ids: tuple  # the LMS ids that may identify the student, most specific first
    notebook: str
    when: datetime


def recognise(info):
    """Read a zip member's name; return a :class:`Member` or a reason it is skipped."""
    path = info.filename.replace("\\", "/")
    folders, base = path.rsplit("/", 1) if "/" in path else ("", path)
    zipped = datetime(*info.date_time)
    match = BLACKBOARD.fullmatch(base)
    if match:
        when = datetime.strptime(match["when"], "%Y-%m-%d-%H-%M-%S")
        return Member("Blackboard", (match["id"],), match["file"], when)
    match = CANVAS.fullmatch(base)
    if match:
        return Member("Canvas", (match["id"], match["user"]), match["file"] + ".ipynb", zipped)
    parent = folders.rsplit("/", 1)[-1]
    match = MOODLE_FOLDER.fullmatch(parent)
    if match and base.endswith(".ipynb"):
        return Member("Moodle", (match["id"], match["name"]), base, zipped)
    match = COURSE.fullmatch(base)
    if match:
        return Member("course", (match["id"],), match["file"], zipped)
    return "name is not <student>_<notebook>.ipynb nor a Canvas, Moodle or Blackboard name"


def read_roster(path):
    """``{lms_id: student_id}`` from a CSV with columns ``lms_id`` and ``student_id``."""
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as exc:
        raise CollectError("cannot read the roster %s (%s)" % (path, exc.strerror)) from None
    if not rows or not {"lms_id", "student_id"} <= set(rows[0]):
        raise CollectError("the roster %s needs a header with the columns lms_id,student_id "
                           "(one row per student)" % path)
    roster = {}
    for number, row in enumerate(rows, 2):
        lms_id, student = (row["lms_id"] or "").strip(), (row["student_id"] or "").strip()
        if not lms_id or not PLAIN_ID.fullmatch(student):
            raise CollectError("roster %s, line %d: need an lms_id and a plain student_id "
                               "(letters, digits, '.', '-'), got %r, %r" % (path, number, lms_id, student))
        roster[lms_id] = student
    return roster


def assignment_notebooks(assignment):
    """Names of the notebooks of ``assignment`` in ``solutions/``; a clear error if unknown."""
    folder = REPO / "solutions" / assignment
    notebooks = sorted(p.name for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    if not notebooks:
        known = sorted(p.parent.name for p in (REPO / "solutions").glob("*/*.ipynb"))
        raise CollectError("unknown assignment %r; use one of: %s"
                           % (assignment, ", ".join(sorted(set(known)))))
    return notebooks


def _student(member, roster):
    if roster is not None:
        for lms_id in member.ids:
            if lms_id in roster:
                return roster[lms_id], None
        return None, "%s id %s is not in the roster" % (member.lms, " / ".join(member.ids))
    for lms_id in member.ids:
        if PLAIN_ID.fullmatch(lms_id):
            return lms_id, None
    return None, "no plain student id in the name; pass a roster (--roster)"


def plan(members, notebooks, max_bytes, roster=None):
    """Decide what to do with each zip member.

    ``members``: ``zipfile.ZipInfo`` objects. Returns ``(chosen, skipped)`` where ``chosen``
    maps ``(student, notebook)`` to ``(member, Member)`` and ``skipped`` lists
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
        member = recognise(info)
        if isinstance(member, str):
            skipped.append((info.filename, member))
            continue
        if member.notebook not in notebooks:
            skipped.append((info.filename, "%r is not a notebook of this assignment (%s)"
                            % (member.notebook, ", ".join(notebooks))))
            continue
        student, why = _student(member, roster)
        if student is None:
            skipped.append((info.filename, why))
            continue
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            skipped.append((info.filename, "symbolic link"))
            continue
        if info.file_size > max_bytes:
            skipped.append((info.filename, "larger than %d MiB" % (max_bytes // 2**20)))
            continue
        earlier = chosen.get((student, member.notebook))
        if earlier is not None:
            older, newer = sorted([earlier, (info, member)], key=lambda pair: pair[1].when)
            skipped.append((older[0].filename, "older duplicate of %s" % newer[0].filename))
            info, member = newer
        chosen[(student, member.notebook)] = (info, member)
    return chosen, skipped


def unusable(data):
    """Why ``data`` is not a notebook nbgrader can grade, or None if it is one."""
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return "unusable: not valid notebook JSON (%s); the upload may be truncated" % (
            str(exc).split(":")[0])
    if not isinstance(nb, dict) or nb.get("nbformat") != 4 or not isinstance(nb.get("cells"), list):
        return "unusable: JSON, but not a Jupyter notebook (format 4)"
    return None


def _read_limited(archive, info, max_bytes):
    """The member's bytes, refusing more than ``max_bytes`` whatever the header claims."""
    with archive.open(info) as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError("larger than %d MiB once unpacked" % (max_bytes // 2**20))
    return data


def collect(zip_path, assignment, course_dir=".", replace=False, max_mb=DEFAULT_MAX_MB,
            roster=None, out=sys.stdout):
    """Unpack ``zip_path`` into ``course_dir/submitted``; return ``{outcome: [names]}``."""
    zip_path, course_dir = Path(zip_path), Path(course_dir).resolve()
    notebooks = assignment_notebooks(assignment)
    roster = read_roster(roster) if roster else None
    if not zip_path.is_file():
        raise CollectError("no such file: %s; pass the LMS download as ZIP=path/to/file.zip"
                           % zip_path)
    if not zipfile.is_zipfile(zip_path):
        raise CollectError("%s is not a zip archive; download the submissions as one .zip"
                           % zip_path)
    max_bytes = max_mb * 2**20
    report = {"collected": [], "unchanged": [], "kept": [], "skipped": []}
    with zipfile.ZipFile(zip_path) as archive:
        chosen, skipped = plan(archive.infolist(), notebooks, max_bytes, roster)
        report["skipped"] += ["%s (%s)" % s for s in skipped]
        for (student, notebook), (info, member) in sorted(chosen.items()):
            target = course_dir / "submitted" / student / assignment / notebook
            label = "%s/%s/%s" % (student, assignment, notebook)
            try:
                data = _read_limited(archive, info, max_bytes)
            except (ValueError, zipfile.BadZipFile, OSError) as exc:
                report["skipped"].append("%s (%s)" % (info.filename, exc))
                continue
            problem = unusable(data)
            if problem:
                report["skipped"].append("%s (%s)" % (info.filename, problem))
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
            # nbgrader's timestamp format; the LMS's time, read as UTC
            (target.parent / "timestamp.txt").write_text(
                member.when.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC")
            report["collected"].append("%s (%s, submitted %s UTC)" % (
                label, member.lms, member.when.strftime("%Y-%m-%d %H:%M")))
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
    parser.add_argument("zip", help="the LMS download (Canvas, Moodle, Blackboard, or a zip of "
                        "<student>_<notebook>.ipynb files)")
    parser.add_argument("--assignment", required=True, help="assignment id, e.g. 04-relu")
    parser.add_argument("--course-dir", default=".", help="where submitted/ goes (default: here)")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite submissions already collected that differ")
    parser.add_argument("--max-mb", type=int, default=DEFAULT_MAX_MB,
                        help="largest notebook accepted, in MiB (default %(default)s)")
    parser.add_argument("--roster", help="CSV with columns lms_id,student_id")
    args = parser.parse_args(argv)
    if not args.zip or not args.assignment:
        parser.error("usage: make collect ZIP=path/to/download.zip ASSIGNMENT=04-relu")
    try:
        collect(args.zip, args.assignment, args.course_dir, args.replace, args.max_mb, args.roster)
    except CollectError as exc:
        parser.exit(2, "error: %s\n" % exc)


if __name__ == "__main__":
    main()
