"""Grade one submitted notebook: read it, run it in the sandbox, decide each part.

What counts is decided by the *instructor's* notebook in ``solutions/``: its test cells
(grade id, points, checks recorded by :func:`solutions.checking.record_checks`) and its
written-answer cells. The submitted notebook contributes only its code, which runs in the
sandbox (:mod:`solutions.sandbox`), and its written answers. Test cells in the
submission, edited or not, are never run and never trusted.

When the sandbox process dies (a timeout the code ignored, ``os._exit``, a crash, the
memory limit) the harness's last "start" event names the cell or call responsible; the
submission is run again without it, so one bad cell or function costs only its own parts.
"""

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from solutions import checking, sandbox

MAX_NOTEBOOK_BYTES = 20 * 2**20
MAX_RUNS = 6


class SubmissionError(Exception):
    """The submitted file cannot be graded at all (unreadable, or the wrong notebook)."""


# --- the instructor's side ---------------------------------------------------------------

@dataclass
class Part:
    """A graded cell of the instructor's notebook."""

    grade_id: str
    points: float
    kind: str  # "auto" (a test cell) or "manual" (a written answer)
    source: str
    checks: list = field(default_factory=list)


@dataclass
class NotebookSpec:
    assignment: str
    name: str
    path: Path
    parts: list
    answer_ids: set  # grade ids of the learner's answer cells (code and written)
    test_sources: set
    digest: str
    notebook: object  # the instructor notebook itself

    @property
    def max_score(self):
        return sum(p.points for p in self.parts)


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def load_spec(path, assignment):
    """Read an instructor notebook and record the checks of every test cell."""
    path = Path(path)
    raw = path.read_bytes()
    nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
    parts, answer_ids, test_sources = [], set(), set()
    for cell in nb.cells:
        meta = _nbgrader(cell)
        grade_id = meta.get("grade_id")
        if meta.get("solution"):
            answer_ids.add(grade_id)
        if not meta.get("grade"):
            continue
        points = float(meta.get("points", 0))
        if meta.get("solution"):
            parts.append(Part(grade_id, points, "manual", cell.source))
        elif cell.cell_type == "code":
            checks = checking.record_checks(cell.source, label="%s:%s" % (path.name, grade_id))
            if not checks:
                raise ValueError("%s: test cell %r records no checks; test cells must call "
                                 "solutions.checking.check()" % (path, grade_id))
            parts.append(Part(grade_id, points, "auto", cell.source, checks))
            test_sources.add(cell.source.strip())
    return NotebookSpec(assignment, path.stem, path, parts, answer_ids, test_sources,
                        hashlib.sha256(raw).hexdigest(), nb)


# --- the learner's side -------------------------------------------------------------------

def read_submission(path):
    """Parse a submitted notebook, or raise :class:`SubmissionError` saying what is wrong."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise SubmissionError("the file is %d MB, larger than the %d MB a notebook may be; "
                              "clear large outputs and submit again" % (size // 2**20,
                                                                         MAX_NOTEBOOK_BYTES // 2**20))
    text = path.read_bytes().decode("utf-8", "replace")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SubmissionError("the file is not valid notebook JSON (%s); it may be truncated "
                              "or edited outside Jupyter. Submit the .ipynb again" % exc) from None
    # A structural check of what grading reads, instead of nbformat's full schema validation,
    # which is slow and rejects notebooks over details grading does not use.
    if not isinstance(data, dict) or data.get("nbformat") != 4 or \
            not isinstance(data.get("cells"), list) or \
            not all(isinstance(c, dict) and c.get("cell_type") in ("code", "markdown", "raw")
                    and isinstance(c.get("source", ""), (str, list)) for c in data["cells"]):
        raise SubmissionError("the file is JSON but not a Jupyter notebook in format 4 (no list "
                              "of cells with types and sources); open it in Jupyter, save it "
                              "and submit again")
    for cell in data["cells"]:
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(str(line) for line in cell["source"])
        if not isinstance(cell.get("metadata"), dict):
            cell["metadata"] = {}
    return nbformat.from_dict(data)


def plan(nb, spec):
    """Which submitted cells run, the learner's written answers, and warnings.

    Raises :class:`SubmissionError` if the notebook is not this assignment's notebook.
    """
    ids, run_cells, answers, warnings = [], [], {}, []
    for index, cell in enumerate(nb.cells):
        meta = _nbgrader(cell) if isinstance(cell.get("metadata"), dict) else {}
        grade_id = meta.get("grade_id") if isinstance(meta.get("grade_id"), str) else None
        source = cell.get("source", "")
        source = source if isinstance(source, str) else "".join(source)
        if grade_id:
            ids.append(grade_id)
        if grade_id in spec.answer_ids and grade_id not in answers:
            answers[grade_id] = source
        is_test = grade_id in {p.grade_id for p in spec.parts if p.kind == "auto"} \
            or source.strip() in spec.test_sources
        if cell.get("cell_type") == "code" and not is_test:
            run_cells.append({"index": index, "source": source})
    known = set(ids) & ({p.grade_id for p in spec.parts} | spec.answer_ids)
    if not known:
        raise SubmissionError(
            "this is not the notebook %s/%s: none of its cells carry that assignment's cell "
            "ids. Submit the notebook you downloaded for this assignment" % (
                spec.assignment, spec.name))
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        warnings.append("cells with duplicate ids %s: the first copy of each answer was "
                        "used, and every code cell was run in order" % ", ".join(duplicates))
    missing = sorted(spec.answer_ids - set(answers))
    if missing:
        warnings.append("answer cells missing from the notebook: %s (their parts score 0)"
                        % ", ".join(missing))
    return run_cells, answers, warnings


@dataclass
class PartResult:
    grade_id: str
    points: float
    max_points: float
    kind: str
    passed_checks: int
    total_checks: int
    messages: list
    reason: str  # "", "wrong answer", "error", "timeout", "out of memory", "crashed", ...
    visible_passed: bool = False  # did every visible check (those a learner sees) pass?


@dataclass
class SubmissionResult:
    student: str
    assignment: str
    notebook: str
    parts: list
    cell_errors: dict
    answers: dict
    warnings: list
    error: str
    output: str
    seconds: float
    runs: int
    submitted: object = None  # the parsed notebook, or None if it could not be read

    @property
    def score(self):
        return sum(p.points for p in self.parts)


def _reason(error):
    for word in ("timeout", "out of memory", "crashed", "exited"):
        if error.startswith(word):
            return word
    return "error"


def run_with_restarts(cells, calls, slot, limits):
    """Run cells and calls, restarting without whatever killed the process.

    Returns ``(call_results, cell_errors, output, runs)`` where ``call_results`` maps each
    call key to ``(plain, error, mutated)``.
    """
    results, cell_errors, skipped, output = {}, {}, set(), ""
    runs, why = 0, "no result was reported"
    while runs < MAX_RUNS:
        pending = [c for c in calls if c["key"] not in results]
        job = {"cells": [c for c in cells if c["index"] not in skipped], "calls": pending}
        runs += 1
        run = sandbox.run(job, slot, limits)
        output = output or run.output
        open_item = None
        for event in run.events:
            if event.get("e") == "cell":
                index = event.get("i")
                if event.get("phase") == "start":
                    open_item = ("cell", index)
                else:
                    open_item = None
                    if event.get("error"):
                        cell_errors[index] = str(event["error"])[:600]
            elif event.get("e") == "call" and event.get("key") in {c["key"] for c in pending}:
                if event.get("phase") == "start":
                    open_item = ("call", event["key"])
                else:
                    open_item = None
                    results[event["key"]] = (event.get("result"), event.get("error"),
                                             bool(event.get("mutated")))
        if run.status == "ok":
            break
        aborts = [e.get("reason") for e in run.events if e.get("e") == "abort"]
        why = str(aborts[0]) if aborts else "%s: %s" % (run.status, run.detail)
        if open_item and open_item[0] == "cell":
            skipped.add(open_item[1])
            cell_errors[open_item[1]] = why + " (this cell was skipped when re-running)"
        elif open_item:
            # The part is lost with this call; do not spend a run on each of its other calls.
            part = open_item[1].split("/", 1)[0] + "/"
            for c in pending:
                if c["key"].startswith(part) and c["key"] not in results:
                    results[c["key"]] = (None, why, False)
        else:
            break
    for c in calls:
        results.setdefault(c["key"], (None, "not run: the sandbox stopped before this check "
                                      "(%s)" % why, False))
    return results, cell_errors, output, runs


def grade(path, spec, student, slot=0, limits=sandbox.Limits()):
    """Grade one submission against ``spec``; never raises for a bad submission."""
    start = time.monotonic()
    empty = SubmissionResult(student, spec.assignment, spec.name, [], {}, {}, [], "", "", 0, 0)
    try:
        nb = read_submission(path)
        cells, answers, warnings = plan(nb, spec)
    except SubmissionError as exc:
        empty.error = str(exc)
        empty.parts = [PartResult(p.grade_id, 0.0, p.points, p.kind, 0,
                                  len(p.checks), [], "unreadable") for p in spec.parts]
        empty.seconds = time.monotonic() - start
        return empty
    calls = []
    for part in spec.parts:
        for ci, chk in enumerate(part.checks):
            for k, c in enumerate(chk.calls):
                args, kwargs = c.plain()
                calls.append({"key": "%s/%d/%d" % (part.grade_id, ci, k),
                              "function": chk.function, "args": args, "kwargs": kwargs})
    results, cell_errors, output, runs = run_with_restarts(cells, calls, slot, limits) \
        if calls else ({}, {}, "", 0)
    parts = []
    for part in spec.parts:
        if part.kind == "manual":
            parts.append(PartResult(part.grade_id, 0.0, part.points, "manual", 0, 0, [],
                                    "" if part.grade_id in answers else "missing"))
            continue
        messages, passed, visible_passed = [], 0, True
        for ci, chk in enumerate(part.checks):
            got = [results["%s/%d/%d" % (part.grade_id, ci, k)] for k in range(len(chk.calls))]
            ok, msgs = checking.verdict(chk, got)
            passed += ok
            visible_passed &= ok or chk.hidden
            messages += msgs
        reason = ""
        if passed < len(part.checks):
            errors = [r[1] for key, r in results.items()
                      if key.startswith(part.grade_id + "/") and r[1]]
            reason = _reason(errors[0]) if errors else "wrong answer"
        parts.append(PartResult(part.grade_id, part.points if passed == len(part.checks) else 0.0,
                                part.points, "auto", passed, len(part.checks), messages, reason,
                                visible_passed))
    return SubmissionResult(student, spec.assignment, spec.name, parts, cell_errors, answers,
                            warnings, "", output, time.monotonic() - start, runs, nb)
