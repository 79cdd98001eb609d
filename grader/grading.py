"""Grade one submitted notebook: read it, run it in the sandbox, decide each part.

What counts is decided by the *instructor's* notebook in ``solutions/``: its test cells
(grade id, points, checks recorded by :func:`solutions.checking.record_checks`) and its
written-answer cells. The submitted notebook contributes only its code, which runs in the
sandbox (:mod:`grader.sandbox`), and its written answers. Test cells in the
submission, edited or not, are never run and never trusted.

When the sandbox process dies (a timeout the code ignored, ``os._exit``, a crash, the
memory limit) the harness's last "start" event names the cell or call responsible; the
submission is run again without it, so one bad cell or function costs only its own parts.
"""

import dataclasses
import enum
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grader import sandbox
from grader.nbgrader_rules import hidden_test_delimiters
from solutions import checking
from solutions.calling import Outcome, Status

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
    delimiters: tuple = (checking.HIDDEN_BEGIN, checking.HIDDEN_END)

    @property
    def max_score(self):
        return sum(p.points for p in self.parts)


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def load_spec(path, assignment):
    """Read an instructor notebook and record the checks of every test cell.

    Hidden tests are delimited as nbgrader is configured to delimit them.
    """
    path = Path(path)
    begin, end = hidden_test_delimiters()
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
            checks = checking.record_checks(cell.source, "%s:%s" % (path.name, grade_id),
                                            begin, end)
            if not checks:
                raise ValueError("%s: test cell %r records no checks; test cells must call "
                                 "solutions.checking.check()" % (path, grade_id))
            parts.append(Part(grade_id, points, "auto", cell.source, checks))
            test_sources.add(cell.source.strip())
    return NotebookSpec(assignment, path.stem, path, parts, answer_ids, test_sources,
                        hashlib.sha256(raw).hexdigest(), nb, (begin, end))


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


class Reason(enum.Enum):
    """Why a part scored what it did: the words of the console, the CSV and the feedback."""

    CORRECT = "correct"
    WRONG_ANSWER = "wrong answer"
    ERROR = "error"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    CRASHED = "crashed"
    NOT_ATTEMPTED = "not attempted"
    WRITTEN = "written"          # a written answer, graded by hand
    MISSING = "missing"          # the answer cell is not in the notebook
    UNREADABLE = "unreadable"    # the notebook could not be graded at all

    @property
    def is_problem(self):
        """Worth an instructor's look: the code did not run as written."""
        return self in (Reason.ERROR, Reason.TIMEOUT, Reason.MEMORY, Reason.CRASHED,
                        Reason.MISSING, Reason.UNREADABLE)


_REASON_OF_STATUS = {
    Status.RETURNED: Reason.WRONG_ANSWER,
    Status.NOT_IMPLEMENTED: Reason.NOT_ATTEMPTED,
    Status.FLOATING_POINT: Reason.ERROR,
    Status.RAISED: Reason.ERROR,
    Status.MISSING: Reason.ERROR,
    Status.NOT_RUN: Reason.ERROR,
    Status.TIMEOUT: Reason.TIMEOUT,
    Status.OUT_OF_MEMORY: Reason.MEMORY,
    Status.CRASHED: Reason.CRASHED,
}


def part_reason(verdicts):
    """The reason for a part from its call verdicts: the first failure decides."""
    for v in verdicts:
        if not v.ok:
            return _REASON_OF_STATUS[v.status]
    return Reason.CORRECT


@dataclass
class PartResult:
    grade_id: str
    points: float
    max_points: float
    kind: str
    passed_checks: int
    total_checks: int
    messages: list
    reason: Reason
    visible_passed: bool = False  # did every visible check (those a learner sees) pass?
    detail: str = ""  # e.g. the exception type, for reason ERROR


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

    def problems(self):
        """What went wrong beyond wrong answers, in words, for the console summary."""
        if self.error:
            return [self.error]
        return sorted({p.reason.value + (" (%s)" % p.detail if p.detail else "")
                       for p in self.parts if p.reason.is_problem})


# The sandbox's end of a run, as the status of the call it interrupted.
_STATUS_OF_RUN = {"timeout": Status.TIMEOUT, "out of memory": Status.OUT_OF_MEMORY,
                  "crashed": Status.CRASHED, "exited": Status.CRASHED}


def _outcome(data):
    try:
        return Outcome.from_json(data)
    except (ValueError, TypeError):
        return Outcome(Status.CRASHED, message="the harness reported something unreadable")


def _cell_error_text(outcome):
    if outcome.status is Status.RAISED:
        return "%s: %s" % (outcome.error_type, outcome.message) if outcome.message else outcome.error_type
    return outcome.explain()


def run_with_restarts(cells, calls, slot, limits, timings=None, run_sandbox=sandbox.run):
    """Run cells and calls, restarting without whatever killed the process.

    Returns ``(outcomes, cell_errors, output, runs)`` where ``outcomes`` maps each call key
    to its :class:`~solutions.calling.Outcome` and ``cell_errors`` each failed cell's index
    to a sentence. All runs together stay within ``limits.wall_seconds``: a re-run gets only
    the time that is left, so a notebook never holds its worker longer than its limit.
    ``timings``, a dict, if given, gets each run's seconds per phase added. ``run_sandbox``:
    :func:`grader.sandbox.run` (a new sandbox per run) or a
    :meth:`grader.sandbox.WarmSandbox.run`.
    """
    outcomes, cell_errors, skipped, output = {}, {}, set(), ""
    runs, why = 0, Outcome(Status.NOT_RUN, message="no result was reported")
    deadline = time.monotonic() + limits.wall_seconds
    while runs < MAX_RUNS:
        left = deadline - time.monotonic()
        if left < 0.5:
            why = Outcome(Status.TIMEOUT, message="the notebook's time limit of %g s ran out"
                          % limits.wall_seconds)
            break
        pending = [c for c in calls if c["key"] not in outcomes]
        pending_keys = {c["key"] for c in pending}
        job = {"cells": [c for c in cells if c["index"] not in skipped], "calls": pending}
        runs += 1
        run = run_sandbox(job, slot, dataclasses.replace(limits, wall_seconds=left))
        if timings is not None:
            for phase, seconds in run.timings.items():
                timings[phase] = timings.get(phase, 0.0) + seconds
        output = output or run.output
        open_item = None
        for event in run.events:
            if event.get("e") == "cell":
                index = event.get("i")
                if event.get("phase") == "start":
                    open_item = ("cell", index)
                else:
                    open_item = None
                    if event.get("outcome"):
                        cell_errors[index] = _cell_error_text(_outcome(event["outcome"]))[:600]
            elif event.get("e") == "call" and event.get("key") in pending_keys:
                if event.get("phase") == "start":
                    open_item = ("call", event["key"])
                else:
                    open_item = None
                    outcomes[event["key"]] = _outcome(event.get("outcome"))
        if run.status == "ok":
            break
        aborts = [_outcome(e.get("outcome")) for e in run.events if e.get("e") == "abort"]
        if aborts:
            why = aborts[0]
        else:
            why = Outcome(_STATUS_OF_RUN.get(run.status, Status.CRASHED),
                          message="%s: %s" % (run.status, run.detail))
        if open_item and open_item[0] == "cell":
            skipped.add(open_item[1])
            cell_errors[open_item[1]] = "%s (this cell was skipped when re-running)" % (
                why.message or why.explain())
        elif open_item:
            # The part is lost with this call; do not spend a run on each of its other calls.
            part = open_item[1].split("/", 1)[0] + "/"
            for c in pending:
                if c["key"].startswith(part) and c["key"] not in outcomes:
                    outcomes[c["key"]] = why
        else:
            break
    for c in calls:
        outcomes.setdefault(c["key"], Outcome(
            Status.TIMEOUT if why.status is Status.TIMEOUT else Status.NOT_RUN, message=(
                "was not run: the sandbox stopped before this check (%s)" % (why.message or why.explain()))))
    return outcomes, cell_errors, output, runs


def plan_calls(spec):
    """Every call the sandbox must make for ``spec``: keys, function names, encoded inputs."""
    calls = []
    for part in spec.parts:
        for ci, chk in enumerate(part.checks):
            for k, c in enumerate(chk.calls):
                args, kwargs = c.encoded()
                calls.append({"key": "%s/%d/%d" % (part.grade_id, ci, k),
                              "function": chk.function, "args": args, "kwargs": kwargs})
    return calls


def untouched_answers(nb, spec):
    """Grade ids of answer cells the learner left exactly as released (nbgrader's checksum)."""
    from nbgrader.utils import compute_checksum
    same = set()
    for cell in nb.cells:
        meta = _nbgrader(cell) if isinstance(cell.get("metadata"), dict) else {}
        if meta.get("grade_id") in spec.answer_ids and meta.get("checksum"):
            try:
                if compute_checksum(cell) == meta["checksum"]:
                    same.add(meta["grade_id"])
            except (KeyError, TypeError, ValueError):  # metadata edited by hand
                continue
    return same


def decide(spec, answers, outcomes, untouched=frozenset()):
    """Each part's result from the call outcomes: the grade, without any sandbox.

    A written answer left as released is *not attempted* and scores 0, as nbgrader scores it.
    """
    parts = []
    for part in spec.parts:
        if part.kind == "manual":
            reason = Reason.WRITTEN if part.grade_id in answers else Reason.MISSING
            if part.grade_id in untouched:
                reason = Reason.NOT_ATTEMPTED
            parts.append(PartResult(part.grade_id, 0.0, part.points, "manual", 0, 0, [], reason))
            continue
        messages, passed, visible_passed, all_verdicts = [], 0, True, []
        for ci, chk in enumerate(part.checks):
            got = [outcomes["%s/%d/%d" % (part.grade_id, ci, k)] for k in range(len(chk.calls))]
            verdicts = checking.verdict(chk, got)
            ok = all(v.ok for v in verdicts)
            passed += ok
            visible_passed &= ok or chk.hidden
            messages += checking.failure_summary(chk, verdicts)
            all_verdicts += verdicts
        reason = part_reason(all_verdicts)
        detail = ""
        if reason is Reason.ERROR:
            first = next(o for o in (outcomes["%s/%d/%d" % (part.grade_id, ci, k)]
                                     for ci, chk in enumerate(part.checks)
                                     for k in range(len(chk.calls)))
                         if o.status is not Status.RETURNED)
            detail = first.error_type or ("function not defined" if first.status is Status.MISSING
                                          else first.status.value)
        parts.append(PartResult(part.grade_id, part.points if passed == len(part.checks) else 0.0,
                                part.points, "auto", passed, len(part.checks), messages, reason,
                                visible_passed, detail))
    return parts


def grade(path, spec, student, slot=None, limits=sandbox.Limits()):
    """Grade one submitted file against ``spec``; never raises for a bad submission."""
    start = time.monotonic()
    try:
        nb = read_submission(path)
    except SubmissionError as exc:
        return unreadable(spec, student, str(exc), time.monotonic() - start)
    return grade_notebook(nb, spec, student, slot, limits, start)


def unreadable(spec, student, error, seconds=0.0):
    """The result for a submission that cannot be graded at all: zero, with the reason."""
    parts = [PartResult(p.grade_id, 0.0, p.points, p.kind, 0, len(p.checks), [],
                        Reason.UNREADABLE) for p in spec.parts]
    return SubmissionResult(student, spec.assignment, spec.name, parts, {}, {}, [], error, "",
                            seconds, 0)


def grade_notebook(nb, spec, student, slot=None, limits=sandbox.Limits(), start=None):
    """Grade a parsed submission in one go (nbgrader's Autograde step and the tests come here;
    ``make autograde`` runs the same steps split by :mod:`grader.execution`).

    Without a ``slot``, one is claimed machine-wide (:func:`sandbox.claim_slot`), as
    ``make autograde`` does, so a formgrader click never shares a sandbox user with a batch.
    """
    start = time.monotonic() if start is None else start
    try:
        cells, answers, warnings = plan(nb, spec)
    except SubmissionError as exc:
        return unreadable(spec, student, str(exc), time.monotonic() - start)
    calls = plan_calls(spec)
    if not calls:
        outcomes, cell_errors, output, runs = {}, {}, "", 0
    elif slot is None:
        with sandbox.claim_slot() as claimed:
            outcomes, cell_errors, output, runs = run_with_restarts(cells, calls, claimed, limits)
    else:
        outcomes, cell_errors, output, runs = run_with_restarts(cells, calls, slot, limits)
    parts = decide(spec, answers, outcomes, untouched_answers(nb, spec))
    return SubmissionResult(student, spec.assignment, spec.name, parts,
                            cell_errors, answers, warnings, "", output,
                            time.monotonic() - start, runs, nb)
