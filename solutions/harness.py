"""The program that runs inside the grading sandbox, one process per submission.

It executes a learner's code cells in order, then calls the graded functions on the
inputs the grader chose and reports what they returned, as plain values (see
:mod:`plainvalues`), one JSON line per event on file descriptor 3::

    {"e": "cell", "i": 3, "phase": "start"}
    {"e": "cell", "i": 3, "phase": "end", "error": "ZeroDivisionError: division by zero"}
    {"e": "call", "key": "relu_values/1/0", "phase": "start"}
    {"e": "call", "key": "relu_values/1/0", "phase": "end", "result": {...}, "error": null,
     "mutated": false}
    {"e": "done"}

Nothing here decides a grade: the grader compares the reported values with the reference
outside the sandbox. A "start" without its "end" tells the grader which cell or call
killed the process, so it can run the submission again without it.

Usage (inside the sandbox): ``python -I -S harness.py JOB.json SITE_PACKAGES``.
Standard library and NumPy only; ``plainvalues.py`` is mounted beside this file.
"""

import copy
import json
import os
import re
import resource
import signal
import sys

EVENTS_FD = 3
_write = os.write
_dumps = json.dumps
_MAGIC = re.compile(r"^(\s*)([%!].*)$")


class GraderTimeout(BaseException):
    """Raised in the learner's code when a cell or call runs past its time limit."""


def _emit(**event):
    try:
        _write(EVENTS_FD, (_dumps(event) + "\n").encode())
    except OSError:
        pass  # the learner's code closed the channel; the grader sees no result


def _on_alarm(signum, frame):
    raise GraderTimeout("time limit exceeded")


def _limited(seconds, fn, *args, **kwargs):
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _error_text(exc):
    if isinstance(exc, GraderTimeout):
        return "timeout: ran longer than the time limit"
    if isinstance(exc, MemoryError):
        return "out of memory: MemoryError"
    name = type(exc).__name__
    try:
        message = str(exc)[:500]
    except BaseException:  # a learner's exception whose __str__ misbehaves
        message = "(message unavailable)"
    return "%s: %s" % (name, message) if message else name


def strip_magics(source):
    """Comment out IPython magics and shell escapes, which need a Jupyter kernel."""
    return "\n".join(_MAGIC.sub(r"\1pass  # not run by the grader: \2", line)
                     for line in source.splitlines())


def run_cells(cells, namespace, seconds):
    for cell in cells:
        _emit(e="cell", i=cell["index"], phase="start")
        error = None
        try:
            code = compile(strip_magics(cell["source"]), "<cell %d>" % cell["index"], "exec")
            _limited(seconds, exec, code, namespace)
        except MemoryError:
            # What the cell allocated may still be held by its variables and starve every
            # later check; end this run so the grader re-runs the submission without it.
            _emit(e="abort", reason="out of memory: MemoryError")
            os._exit(3)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt included
            error = _error_text(exc)
        _emit(e="cell", i=cell["index"], phase="end", error=error)


def _snapshot(values):
    try:
        return copy.deepcopy(values)
    except BaseException:
        return None


def _same(before, after, np):
    try:
        if isinstance(before, np.ndarray):
            return isinstance(after, np.ndarray) and before.shape == after.shape and \
                bool(np.array_equal(before, after, equal_nan=True))
        if isinstance(before, (list, tuple)):
            return len(before) == len(after) and all(_same(b, a, np) for b, a in zip(before, after))
        if isinstance(before, dict):
            return before.keys() == after.keys() and all(_same(before[k], after[k], np) for k in before)
        return True
    except BaseException:
        return False


def run_calls(calls, namespace, seconds, plainvalues, np):
    for call in calls:
        _emit(e="call", key=call["key"], phase="start")
        result = error = None
        mutated = False
        try:
            fn = namespace.get(call["function"])
            if not callable(fn):
                raise NameError("no function named %r is defined; did the cell that defines "
                                "it run without errors?" % call["function"])
            args = [plainvalues.as_argument(a) for a in call["args"]]
            kwargs = {k: plainvalues.as_argument(v) for k, v in call["kwargs"].items()}
            before = _snapshot((args, kwargs))
            with np.errstate(**plainvalues.NUMPY_ERRORS):
                result = _limited(seconds, lambda: plainvalues.to_plain(fn(*args, **kwargs)))
            mutated = before is not None and not _same(before, (args, kwargs), np)
        except BaseException as exc:
            result, error = None, _error_text(exc)
        _emit(e="call", key=call["key"], phase="end", result=result, error=error,
              mutated=mutated)


def limit_processes(count):
    """Cap the processes and threads the learner's code may start at ``count``.

    Run as the sandbox's first act, when the process already is the sandbox's own user: as
    root, a user id of its own per parallel slot; otherwise, in a user namespace of its own,
    where the kernel counts only this namespace's processes (Linux 5.14 and later). Either way
    the grader's and the instructor's other processes do not count.
    """
    resource.setrlimit(resource.RLIMIT_NPROC, (count, count))


def main(job_path, site_packages):
    with open(job_path) as f:
        job = json.load(f)
    limit_processes(job["processes"])
    sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)), site_packages]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversized output raises, not kills
    import numpy as np
    import plainvalues

    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    run_cells(job["cells"], namespace, job["seconds_per_cell"])
    run_calls(job["calls"], namespace, job["seconds_per_call"], plainvalues, np)
    _emit(e="done")
    try:
        sys.stdout.flush()
    except BaseException:
        pass
    os._exit(0)  # skip any exit handlers the learner's code registered


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
