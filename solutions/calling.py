"""Call a learner's function once, on a check's inputs: the one call path.

:func:`call` is used in two places and nowhere else:

* by :func:`solutions.checking.check` in the learner's own notebook (a visible check), and
* by the grading harness inside the sandbox (``grader/harness.py``), for every check.

It decodes the inputs exactly as the check encoded them (:mod:`solutions.plainvalues`), calls
the function with NumPy's floating-point errors raised and a time limit, detects an input
changed in place, converts what came back to a plain value and classifies what happened as
an :class:`Outcome` with a :class:`Status`; it also notes a returned array that is (a view of)
an input array. Outcomes cross the sandbox boundary as JSON
(:meth:`Outcome.to_json`), so the notebook and the grader decide on the same facts.

Standard library and NumPy only: the sandbox mounts this package's ``plainvalues`` and
``calling`` modules and nothing else of the course.
"""

import copy
import enum
import signal
from dataclasses import dataclass

import numpy as np

from solutions import plainvalues

# Graded calls stop after this long, in the notebook and in the grader alike.
SECONDS_PER_CALL = 10.0
MAX_MESSAGE = 500


class Status(enum.Enum):
    """What happened when a learner's function was called."""

    RETURNED = "returned"
    NOT_IMPLEMENTED = "not implemented"    # raise NotImplementedError(), the released stub
    FLOATING_POINT = "floating-point error"  # overflow, division by zero, invalid operation
    RAISED = "raised"                      # any other exception
    TIMEOUT = "timeout"
    OUT_OF_MEMORY = "out of memory"
    MISSING = "missing"                    # no function of that name was defined
    CRASHED = "crashed"                    # the sandbox process died during the call
    NOT_RUN = "not run"                    # the sandbox stopped before the call


@dataclass(frozen=True)
class Outcome:
    """One call's result: a status, the plain value returned, or the exception's type."""

    status: Status
    value: object = None  # the plain value, when status is RETURNED
    error_type: str = ""
    message: str = ""
    mutated: bool = False  # the function changed one of its input arrays in place
    aliased: bool = False  # it returned one of its input arrays (or a view of one), not a new one

    def to_json(self):
        return {"status": self.status.value, "value": self.value, "error_type": self.error_type,
                "message": self.message, "mutated": self.mutated, "aliased": self.aliased}

    @classmethod
    def from_json(cls, data):
        """Rebuild an outcome reported by the sandbox; raise ValueError if malformed."""
        if not isinstance(data, dict):
            raise ValueError("malformed outcome")
        return cls(Status(data.get("status")), data.get("value"),
                   str(data.get("error_type") or "")[:100],
                   str(data.get("message") or "")[:MAX_MESSAGE], bool(data.get("mutated")),
                   bool(data.get("aliased")))

    def explain(self):
        """The outcome in plain words, for a call that did not return normally."""
        if self.status is Status.NOT_IMPLEMENTED:
            return "is not implemented yet: replace `raise NotImplementedError()` with your code"
        if self.status is Status.FLOATING_POINT:
            return ("raised FloatingPointError (%s): a computation overflowed, divided by zero "
                    "or produced NaN; use a numerically stable form" % self.message)
        if self.status is Status.TIMEOUT:
            return "ran longer than the time limit of %g s per call" % SECONDS_PER_CALL
        if self.status is Status.OUT_OF_MEMORY:
            return "ran out of memory"
        if self.status is Status.MISSING:
            return ("is not defined; did the cell that defines it run without errors, and is "
                    "the function named as the assignment says?")
        if self.status in (Status.CRASHED, Status.NOT_RUN):
            return self.message
        return "raised %s" % (self.error_type + (": " + self.message if self.message else ""))


class CallTimeout(BaseException):
    """Raised inside the learner's code when a call runs past its time limit."""


def _on_alarm(signum, frame):
    raise CallTimeout()


class time_limit:
    """SIGALRM-based limit; a no-op where signals are unavailable (threads, the browser)."""

    def __init__(self, seconds):
        self.seconds, self.previous = seconds, None

    def __enter__(self):
        if self.seconds:
            try:
                self.previous = signal.signal(signal.SIGALRM, _on_alarm)
                signal.setitimer(signal.ITIMER_REAL, self.seconds)
            except (ValueError, AttributeError, OSError):  # not the main thread, or no timers
                self.previous = None
        return self

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def _snapshot(values):
    try:
        return copy.deepcopy(values)
    except BaseException:  # an argument that cannot be copied cannot be compared either
        return None


def _same(before, after):
    try:
        if isinstance(before, np.ndarray):
            return isinstance(after, np.ndarray) and before.shape == after.shape and \
                before.dtype == after.dtype and bool(np.array_equal(before, after, equal_nan=True))
        if isinstance(before, (list, tuple)):
            return type(before) is type(after) and len(before) == len(after) and \
                all(_same(b, a) for b, a in zip(before, after))
        if isinstance(before, dict):
            return before.keys() == after.keys() and all(_same(before[k], after[k]) for k in before)
        return True
    except BaseException:
        return False


def _arrays(values, depth=2):
    """The NumPy arrays among ``values`` and inside their lists, tuples and dicts.

    Exact ``np.ndarray`` only: a subclass could take over ``np.may_share_memory`` through
    ``__array_function__``.
    """
    if type(values) is np.ndarray:
        return [values]
    if depth and isinstance(values, (list, tuple)):
        return [a for v in values for a in _arrays(v, depth - 1)]
    if depth and isinstance(values, dict):
        return [a for v in values.values() for a in _arrays(v, depth - 1)]
    return []


def _shares_an_input(returned, inputs):
    """True if a returned array is one of the input arrays or shares its memory."""
    try:
        return any(np.may_share_memory(out, arg)
                   for out in _arrays(returned) for arg in _arrays(inputs))
    except BaseException:
        return False


def exception_message(exc):
    try:
        return str(exc)[:MAX_MESSAGE]
    except BaseException:  # a learner's exception whose __str__ misbehaves
        return "(message unavailable)"


def outcome_of(exc):
    """The outcome of learner code that raised ``exc`` (a graded call or a whole cell)."""
    if isinstance(exc, NotImplementedError):
        return Outcome(Status.NOT_IMPLEMENTED)
    if isinstance(exc, CallTimeout):
        return Outcome(Status.TIMEOUT)
    if isinstance(exc, MemoryError):
        return Outcome(Status.OUT_OF_MEMORY, error_type="MemoryError")
    return Outcome(Status.RAISED, error_type=type(exc).__name__, message=exception_message(exc))


def call(fn, args, kwargs, seconds=SECONDS_PER_CALL, catch_interrupts=True):
    """Call ``fn`` on encoded ``args``/``kwargs``; return an :class:`Outcome`. Never raises.

    ``args`` and ``kwargs`` are encoded with :func:`plainvalues.encode_argument`; each call
    decodes them anew, so a function that changes its input cannot affect the next call.
    In a notebook, ``catch_interrupts=False`` lets the learner interrupt a long call.
    """
    if not callable(fn):
        return Outcome(Status.MISSING)
    args = [plainvalues.decode_argument(a) for a in args]
    kwargs = {k: plainvalues.decode_argument(v) for k, v in kwargs.items()}
    before = _snapshot((args, kwargs))
    try:
        with time_limit(seconds), np.errstate(**plainvalues.NUMPY_ERRORS):
            returned = fn(*args, **kwargs)
            value = plainvalues.to_plain(returned)
    except FloatingPointError as exc:
        return Outcome(Status.FLOATING_POINT, error_type="FloatingPointError", message=exception_message(exc))
    except KeyboardInterrupt:
        if not catch_interrupts:
            raise
        return Outcome(Status.RAISED, error_type="KeyboardInterrupt")
    except BaseException as exc:  # SystemExit included: the learner's code ends only its call
        return outcome_of(exc)
    mutated = before is not None and not _same(before, (args, kwargs))
    return Outcome(Status.RETURNED, value, mutated=mutated,
                   aliased=_shares_an_input(returned, (args, kwargs)))
