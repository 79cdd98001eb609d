"""The program that runs inside the grading sandbox, one process per submission.

It executes a learner's code cells in order, then calls the graded functions on the
inputs the grader chose, each through :func:`solutions.calling.call` (the same call path as
``check()`` in the learner's notebook), and reports what happened, one JSON line per event on
file descriptor 3::

    {"e": "cell", "i": 3, "phase": "start"}
    {"e": "cell", "i": 3, "phase": "end", "outcome": null}
    {"e": "call", "key": "relu_values/1/0", "phase": "start"}
    {"e": "call", "key": "relu_values/1/0", "phase": "end", "outcome": {"status": "returned", ...}}
    {"e": "done"}

Timing events (``{"e": "time", "phase": "start", "t": ..., "cpu": ...}``, then ``imports``,
``cells`` and ``calls``) carry ``time.monotonic()`` at the end of each phase, for
``make autograde ARGS=--timings``; they never count towards a grade. ``cpu`` is the CPU time
the process had used when the harness's first line ran: the interpreter's start-up.

Nothing here decides a grade: the grader compares the reported values with the reference
outside the sandbox. A "start" without its "end" tells the grader which cell or call
killed the process, so it can run the submission again without it.

Usage (inside the sandbox): ``python -I -S harness.py JOB.json LIB SITE_PACKAGES``, where LIB
holds ``solutions/{__init__,plainvalues,calling}.py`` and nothing else of the course.
Standard library and NumPy only.
"""

import time

_STARTED, _STARTUP_CPU = time.monotonic(), time.process_time()

import json  # noqa: E402  (the two clocks above are read first)
import os  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402

EVENTS_FD = 3
_write = os.write
_dumps = json.dumps
_MAGIC = re.compile(r"^(\s*)([%!].*)$")


def _emit(**event):
    try:
        _write(EVENTS_FD, (_dumps(event) + "\n").encode())
    except OSError:
        pass  # the learner's code closed the channel; the grader sees no result


def _mark(phase, **extra):
    _emit(e="time", phase=phase, t=time.monotonic(), **extra)


def strip_magics(source):
    """Comment out IPython magics and shell escapes, which need a Jupyter kernel."""
    return "\n".join(_MAGIC.sub(r"\1pass  # not run by the grader: \2", line)
                     for line in source.splitlines())


def run_cells(cells, namespace, seconds, calling):
    Outcome, Status = calling.Outcome, calling.Status
    for cell in cells:
        _emit(e="cell", i=cell["index"], phase="start")
        outcome = None
        try:
            code = compile(strip_magics(cell["source"]), "<cell %d>" % cell["index"], "exec")
            with calling.time_limit(seconds):
                exec(code, namespace)
        except MemoryError:
            # What the cell allocated may still be held by its variables and starve every
            # later check; end this run so the grader re-runs the submission without it.
            _emit(e="abort", outcome=Outcome(Status.OUT_OF_MEMORY, error_type="MemoryError").to_json())
            os._exit(3)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt included
            outcome = calling.outcome_of(exc)
        _emit(e="cell", i=cell["index"], phase="end",
              outcome=outcome.to_json() if outcome else None)


def run_calls(calls, namespace, seconds, calling):
    """Call each graded function; after a timeout, skip the rest of that part's calls.

    Keys are ``<part>/<check>/<call>``: a function that hangs once costs its part one time
    limit, not one per call.
    """
    timed_out = set()
    for call in calls:
        part = call["key"].split("/", 1)[0]
        if part in timed_out:
            outcome = calling.Outcome(calling.Status.TIMEOUT, message="skipped: an earlier call "
                                      "of this part ran past the time limit")
            _emit(e="call", key=call["key"], phase="end", outcome=outcome.to_json())
            continue
        _emit(e="call", key=call["key"], phase="start")
        fn = namespace.get(call["function"])
        outcome = calling.call(fn, call["args"], call["kwargs"], seconds=seconds)
        if outcome.status is calling.Status.TIMEOUT:
            timed_out.add(part)
        _emit(e="call", key=call["key"], phase="end", outcome=outcome.to_json())


def limit_processes(count):
    """Cap the processes and threads the learner's code may start at ``count``.

    Run as the sandbox's first act, when the process already is the sandbox's own user: as
    root, a user id of its own per parallel slot; otherwise, in a user namespace of its own,
    where the kernel counts only this namespace's processes (Linux 5.14 and later). Either way
    the grader's and the instructor's other processes do not count.
    """
    resource.setrlimit(resource.RLIMIT_NPROC, (count, count))


def main(job_path, lib, site_packages):
    with open(job_path) as f:
        job = json.load(f)
    limit_processes(job["processes"])
    sys.path[:0] = [lib, site_packages]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversized output raises, not kills
    # Imported before any learner code runs: replacing sys.modules entries later cannot
    # change the call path the harness already holds.
    _emit(e="time", phase="start", t=_STARTED, cpu=_STARTUP_CPU)
    from solutions import calling
    _mark("imports")

    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    run_cells(job["cells"], namespace, job["seconds_per_cell"], calling)
    _mark("cells")
    run_calls(job["calls"], namespace, job["seconds_per_call"], calling)
    _mark("calls")
    _emit(e="done")
    try:
        sys.stdout.flush()
    except BaseException:
        pass
    os._exit(0)  # skip any exit handlers the learner's code registered


if __name__ == "__main__":
    main(*sys.argv[1:4])
