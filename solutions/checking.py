r"""The checks that exercise test cells call.

A test cell states *what* is checked, never *how* to compare::

    '''relu is max(0, x), elementwise.'''
    from solutions.checking import check
    check(relu, [-2.0, 0.0, [1.5, -3.0]], expected=[0.0, 0.0, [1.5, 0.0]])
    ### BEGIN HIDDEN TESTS
    from solutions.checking import check, call, random_arrays
    from solutions.rectifiers import relu as reference
    check(relu, random_arrays(seed=11, shapes=[(7,), (3, 4)]), reference=reference)
    ### END HIDDEN TESTS

The same cell works in two places:

* **In a notebook** (a learner's kernel, or nbval running the instructor's notebook) the
  check calls the function through :func:`solutions.calling.call`, which also runs every
  call in the grading sandbox, and compares what came back. A failure raises :class:`CheckFailed`, whose
  message says what was checked, what was expected and what the code returned.
* **In the grader** the cell is *recorded*, not run: :func:`record_checks` executes the
  instructor's cell outside the sandbox with stand-ins for the learner's functions, and
  collects each check's function name, inputs and expected plain values. The learner's code
  then runs in the sandbox and only its returned values come back; :func:`verdict` compares
  them here. The notebook and the grader share :func:`solutions.calling.call` and
  :func:`verdict`, so they give the same verdict, in the same words, for the same check.
"""

import ast
import builtins
import contextlib
import linecache
import math
import sys
from dataclasses import dataclass, field

import numpy as np

from solutions import calling, measures, plainvalues
from solutions.calling import Outcome, Status
from solutions.plainvalues import PROBE_FUNCTIONS, SeededRng  # noqa: F401  (re-exported)

# nbgrader's default markers, matched as nbgrader matches them: a line that *contains* one
# is a marker line. The grader passes the markers configured for nbgrader instead.
HIDDEN_BEGIN = "BEGIN HIDDEN TESTS"
HIDDEN_END = "END HIDDEN TESTS"


class CheckFailed(AssertionError):
    """A check found a wrong answer; the message explains it in plain words."""

    def _render_traceback_(self):
        # IPython shows this instead of a traceback: the learner's notebook shows the message,
        # not the frames of the course's own check code.
        return ["CheckFailed: " + str(self)]


@dataclass(frozen=True)
class Call:
    """The positional and keyword arguments of one call of the checked function."""

    args: tuple
    kwargs: dict = field(default_factory=dict)

    def encoded(self):
        """``(args, kwargs)`` encoded for :func:`solutions.calling.call`, in any process."""
        return ([plainvalues.encode_argument(a) for a in self.args],
                {k: plainvalues.encode_argument(v) for k, v in self.kwargs.items()})

    def fresh(self):
        """New copies of the arguments, exactly as the learner's function receives them."""
        args, kwargs = self.encoded()
        return ([plainvalues.decode_argument(a) for a in args],
                {k: plainvalues.decode_argument(v) for k, v in kwargs.items()})

    def kind(self):
        """What kind of input this is, in words, without its values (for hidden checks)."""
        parts = [plainvalues.describe_input(a) for a in self.args]
        parts += ["%s=%s" % (k, plainvalues.describe_input(v)) for k, v in self.kwargs.items()]
        return "; ".join(parts) or "no arguments"

    def __str__(self):
        parts = [_argument_text(a) for a in self.args]
        parts += ["%s=%s" % (k, _argument_text(v)) for k, v in self.kwargs.items()]
        return ", ".join(parts)


def _argument_text(a):
    """A visible argument as the learner would type it; arrays and lists in short form."""
    if isinstance(a, np.ndarray):
        return plainvalues.describe(a)
    if isinstance(a, list):
        try:
            return plainvalues.describe(np.asarray(a))
        except ValueError:  # items of different shapes, e.g. a network's weight matrices
            return "[%s]" % ", ".join(_argument_text(item) for item in a)
    return repr(a)


def call(*args, **kwargs):
    """Arguments for one call: ``call(x, alpha=0.1)``."""
    return Call(args, kwargs)


def seeded_rng(seed):
    """An argument that becomes ``np.random.default_rng(seed)``, fresh for every call."""
    return SeededRng(seed)


def random_arrays(seed, shapes, scale=3.0):
    """Calls with one float64 argument each: normal samples of the given shapes.

    Samples avoid exact zeros, so kink conventions are tested only where a check says so.
    A shape ``()`` gives a 0-d float64 array, which reaches the learner's function as such.
    """
    rng = np.random.default_rng(seed)
    calls = []
    for shape in shapes:
        x = np.asarray(rng.normal(0.0, scale, size=shape), dtype=np.float64)
        x[np.abs(x) < 1e-3] = 0.5
        calls.append(call(x))
    return calls


@dataclass
class Check:
    """One recorded check: what the grader asks the sandbox to call, and what to expect."""

    function: str
    calls: list
    expected: list
    compare: str = "close"
    rtol: float = 1e-7
    atol: float = 1e-10
    at_least: float = 0.0
    at_most: float = math.inf
    network: dict = field(default_factory=dict)  # sizes, activation, and what to measure
    hidden: bool = False
    allow_mutation: bool = False
    label: str = ""  # what kind of input this check uses, said to the learner when it fails


@dataclass(frozen=True)
class CallVerdict:
    """The verdict on one call of a check."""

    ok: bool
    status: Status
    message: str = ""


def verdict(check, outcomes):
    """Decide each call of ``check`` from its :class:`~solutions.calling.Outcome`.

    Used by the notebook's :func:`check` and by the grader: the same outcomes give the same
    verdicts and the same words. A hidden check's message says what kind of input failed
    (``check.label``, or the input's type, shape and magnitude), never the values; a visible
    check's message shows the call and, after it, its ``label`` in brackets.
    """
    verdicts = []
    for call_, expected, outcome in zip(check.calls, check.expected, outcomes):
        if check.hidden:
            where = "a hidden check of %s on %s" % (check.function, check.label or call_.kind())
        else:
            where = "%s(%s)" % (check.function, call_)
            if check.label:
                where += " [%s]" % check.label
        if outcome.status is not Status.RETURNED:
            verdicts.append(CallVerdict(False, outcome.status, "%s %s" % (
                check.function if outcome.status is Status.NOT_IMPLEMENTED else where,
                outcome.explain())))
            continue
        if outcome.mutated and not check.allow_mutation:
            verdicts.append(CallVerdict(False, Status.RETURNED, (
                "%s changed its input array in place; work on a copy (e.g. x = x.copy()) "
                "and return a new array" % where)))
            continue
        if outcome.aliased and not check.allow_mutation:
            verdicts.append(CallVerdict(False, Status.RETURNED, (
                "%s returned its input array itself (or a view of it), not a new array; return "
                "a copy (e.g. np.array(x, dtype=np.float64)), so that changing the result cannot "
                "change the input" % where)))
            continue
        try:
            actual = plainvalues.from_plain(outcome.value)
            wanted = plainvalues.from_plain(expected)
        except ValueError as exc:
            verdicts.append(CallVerdict(False, Status.RETURNED,
                                        "%s returned something unreadable (%s)" % (where, exc)))
            continue
        ok, reason = _compare(check, wanted, actual)
        if ok:
            verdicts.append(CallVerdict(True, Status.RETURNED))
        elif check.hidden or check.compare in ("network", "ratio", "choices"):
            # These checks' "expected" values are test data or placeholders, not answers: the
            # reason says what was measured instead.
            verdicts.append(CallVerdict(False, Status.RETURNED, "%s: %s" % (where, reason)))
        else:
            verdicts.append(CallVerdict(False, Status.RETURNED, "%s: expected %s, your code "
                                        "returned %s (%s)" % (where, plainvalues.describe(wanted),
                                                             plainvalues.describe(actual), reason)))
    return verdicts


def failure_summary(check, verdicts):
    """The messages of the failed calls, one per distinct message (repeats counted)."""
    failed = [v.message for v in verdicts if not v.ok]
    if failed and all(v.status is Status.NOT_IMPLEMENTED for v in verdicts if not v.ok):
        return [failed[0]]
    return failed


def _compare(check, wanted, actual):
    reveal = not check.hidden
    if check.compare == "close":
        return plainvalues.compare(wanted, actual, check.rtol, check.atol, reveal)
    if check.compare == "spread":
        return _compare_spread(wanted, actual, check.rtol)
    if check.compare == "accuracy":
        if not isinstance(actual, np.ndarray) or actual.shape != wanted.shape:
            return False, "expected %d predicted labels" % wanted.size
        accuracy = float(np.mean(actual == wanted))
        if accuracy >= check.at_least:
            return True, ""
        return False, "accuracy %.3f is below the required %.3f" % (accuracy, check.at_least)
    if check.compare == "network":
        return measures.compare_network(check.network, wanted, actual)
    if check.compare == "ratio":
        return measures.compare_ratio(check.at_most, wanted, actual)
    if check.compare == "choices":
        return measures.compare_choices(wanted, actual)
    raise ValueError("unknown comparison %r" % check.compare)


def _compare_spread(wanted, actual, rtol):
    """Random arrays: same shape, mean near 0, same standard deviation and range (±rtol)."""
    if not isinstance(actual, np.ndarray) or actual.shape != wanted.shape:
        return plainvalues.compare(wanted, actual)
    if not np.all(np.isfinite(actual)):
        return False, "the array contains NaN or infinity"
    w_std, a_std = float(np.std(wanted)), float(np.std(actual))
    if not math.isclose(a_std, w_std, rel_tol=rtol):
        return False, "standard deviation %.4g, expected about %.4g (within %g%%)" % (
            a_std, w_std, 100 * rtol)
    if abs(float(np.mean(actual))) > 4 * w_std / math.sqrt(actual.size) + 1e-12:
        return False, "mean %.3g is too far from 0" % float(np.mean(actual))
    w_max, a_max = float(np.max(np.abs(wanted))), float(np.max(np.abs(actual)))
    if not math.isclose(a_max, w_max, rel_tol=0.25):
        return False, "largest magnitude %.4g, expected about %.4g (within 25%%)" % (a_max, w_max)
    return True, ""


# --- the public checks ------------------------------------------------------------------

_recording = None  # a list while record_checks() runs, else None
_hidden = False


def _in_hidden_block():
    """True when the calling test-cell line sits between the hidden-test markers.

    Only the instructor's notebook has such lines (nbgrader strips hidden tests from the
    student version); this makes its printed verdicts say "hidden" where they are.
    """
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == __file__:
        frame = frame.f_back
    if frame is None:
        return False
    inside = False
    for line in linecache.getlines(frame.f_code.co_filename)[:frame.f_lineno - 1]:
        if HIDDEN_BEGIN in line:
            inside = True
        elif HIDDEN_END in line:
            inside = False
    return inside


def _hidden_now():
    return _hidden if _recording is not None else _in_hidden_block()


def _as_calls(calls):
    return [c if isinstance(c, Call) else call(c) for c in calls]


def check(fn, calls, expected=None, *, reference=None, compare="close", rtol=1e-7,
          atol=1e-10, allow_mutation=False, label=""):
    """Check ``fn`` on each call against ``expected`` values or a ``reference`` function.

    ``calls`` is a list of :func:`call` objects, or of single arguments, which reach ``fn``
    with exactly their type, dtype and shape. Exactly one of ``expected`` (one value per
    call) and ``reference`` (called with the same arguments) must be given.
    ``compare="spread"`` checks random arrays by shape and statistics. ``label`` says what
    kind of input the check uses ("inputs of magnitude 1e3"); a failed check shows it (a
    hidden one instead of describing its inputs, a visible one after its call).
    """
    __tracebackhide__ = True
    calls = _as_calls(calls)
    if (expected is None) == (reference is None):
        raise TypeError("check() needs exactly one of expected= and reference=")
    if expected is not None and len(expected) != len(calls):
        raise TypeError("check() got %d calls but %d expected values" % (len(calls), len(expected)))
    for c in calls:
        c.encoded()  # a clear TypeError now for an argument no check may pass
    if reference is not None:
        expected = [_run_reference(reference, c) for c in calls]
    else:
        expected = [plainvalues.to_plain(e) for e in expected]
    spec = Check(function=_function_name(fn), calls=calls, expected=expected, compare=compare,
                 rtol=rtol, atol=atol, hidden=_hidden_now(), allow_mutation=allow_mutation,
                 label=label)
    _record_or_run(spec, fn)


def check_accuracy(fn, calls, labels, at_least, *, label=""):
    """Check that the labels ``fn`` predicts match ``labels`` on at least a fraction ``at_least``.

    The labels never leave the grader: the sandbox returns predictions, which are scored here.
    """
    __tracebackhide__ = True
    calls = _as_calls(calls)
    spec = Check(function=_function_name(fn), calls=calls,
                 expected=[plainvalues.to_plain(np.asarray(labels, dtype=np.int64))] * len(calls),
                 compare="accuracy", at_least=float(at_least), hidden=_hidden_now(), label=label)
    _record_or_run(spec, fn)


def check_network(fn, calls, x, y, *, sizes, activation, accuracy=None, loss_within=None,
                  label=""):
    """Check the network whose parameters ``fn`` returns, by running it here, not in its code.

    ``fn`` must return ``[(W1, b1), ..., (WL, bL)]`` with ``W`` of shape (sizes[l], sizes[l+1]);
    the check computes the logits of that network on ``x`` itself (hidden layers use
    ``activation``, a key of :data:`solutions.measures.NETWORK_ACTIVATIONS`; the output layer
    is linear) and
    requires either an ``accuracy`` of at least the given fraction on the labels ``y`` or a
    mean cross-entropy on ``y`` inside ``loss_within = (low, high)``. So only a network of
    the stated architecture can pass, whatever else the learner's code does.
    """
    __tracebackhide__ = True
    if (accuracy is None) == (loss_within is None):
        raise TypeError("check_network() needs exactly one of accuracy= and loss_within=")
    if activation not in measures.NETWORK_ACTIVATIONS:
        raise ValueError("activation must be one of %s" % ", ".join(measures.NETWORK_ACTIVATIONS))
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    if x.ndim != 2 or x.shape[1] != sizes[0] or y.shape != (x.shape[0],):
        raise ValueError("x must have shape (N, sizes[0]) and y shape (N,)")
    network = {"sizes": [int(n) for n in sizes], "activation": activation}
    if accuracy is not None:
        network["accuracy"] = float(accuracy)
    else:
        network["loss_within"] = (float(loss_within[0]), float(loss_within[1]))
    calls = _as_calls(calls)
    spec = Check(function=_function_name(fn), calls=calls,
                 expected=[plainvalues.to_plain((x, y))] * len(calls), compare="network",
                 network=network, hidden=_hidden_now(), label=label)
    _record_or_run(spec, fn)


def check_ratio(fn, calls, length, at_most, *, label=""):
    """Check that ``fn`` returns ``length`` positive numbers, largest / smallest <= ``at_most``."""
    __tracebackhide__ = True
    calls = _as_calls(calls)
    spec = Check(function=_function_name(fn), calls=calls,
                 expected=[plainvalues.to_plain(np.ones(int(length)))] * len(calls),
                 compare="ratio", at_most=float(at_most), hidden=_hidden_now(), label=label)
    _record_or_run(spec, fn)


def check_choices(fn, calls, choices, count, *, label=""):
    """Check that ``fn`` returns ``count`` names, each one of ``choices`` (not which ones)."""
    __tracebackhide__ = True
    calls = _as_calls(calls)
    expected = plainvalues.to_plain((np.array(int(count)),) + tuple(str(c).strip().lower() for c in choices))
    spec = Check(function=_function_name(fn), calls=calls, expected=[expected] * len(calls),
                 compare="choices", hidden=_hidden_now(), label=label)
    _record_or_run(spec, fn)


def _run_reference(reference, call_):
    args, kwargs = call_.fresh()
    with np.errstate(**plainvalues.NUMPY_ERRORS):
        return plainvalues.to_plain(reference(*args, **kwargs))


def _function_name(fn):
    if isinstance(fn, LearnerFunction):
        return fn.name
    name = getattr(fn, "__name__", None)
    if not isinstance(name, str):
        raise TypeError("check() takes the learner's function itself, got %r" % (fn,))
    return name


def run_live(spec, fn):
    """Run a check in this process (the learner's kernel): one outcome per call."""
    return [calling.call(fn, *c.encoded(), catch_interrupts=False) for c in spec.calls]


def _record_or_run(spec, fn):
    __tracebackhide__ = True
    if _recording is not None:
        if not isinstance(fn, LearnerFunction):
            raise TypeError("a test cell may only check functions the learner defines; "
                            "%r is defined by the test cell itself" % spec.function)
        _recording.append(spec)
        return
    verdicts = verdict(spec, run_live(spec, fn))
    what = "%d %s check%s of %s" % (len(spec.calls), "hidden" if spec.hidden else "visible",
                                   "" if len(spec.calls) == 1 else "s", spec.function)
    messages = failure_summary(spec, verdicts)
    if messages:
        if all(v.status is Status.NOT_IMPLEMENTED for v in verdicts if not v.ok):
            raise CheckFailed(messages[0] + ".")
        raise CheckFailed("%s: %d failed.\n  " % (what, len(messages)) + "\n  ".join(messages))
    print("passed: %s.%s" % (what, "" if spec.hidden else
                             " More checks, hidden from you, run after you submit."))


# --- recording, for the grader ----------------------------------------------------------

class LearnerFunction:
    """Stand-in for a function the learner defines, while a test cell is recorded."""

    def __init__(self, name):
        self.name = name

    def __getattr__(self, attr):
        raise TypeError("the test cell uses %r, which it neither defines nor imports; test "
                        "cells must import what they use" % self.name)

    def __call__(self, *args, **kwargs):
        raise TypeError("test cells must not call the learner's %r directly; pass it to "
                        "check()" % self.name)


def _free_names(tree):
    bound, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            bound.add(node.name)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return loaded - bound - set(dir(builtins))


def split_hidden(source, begin=HIDDEN_BEGIN, end=HIDDEN_END):
    """Split a test cell into ``[(code, hidden), ...]`` at the hidden-test markers.

    Matches markers as nbgrader's ClearHiddenTests does: any line that *contains* ``begin``
    opens a hidden region and any line containing ``end`` closes it; marker lines themselves
    belong to no segment. A region left open runs to the end of the cell.
    """
    segments, lines, hidden = [], [], False
    for line in source.splitlines():
        if begin in line or end in line:
            segments.append(("\n".join(lines), hidden))
            lines, hidden = [], begin in line
        else:
            lines.append(line)
    segments.append(("\n".join(lines), hidden))
    return [(code, h) for code, h in segments if code.strip()]


def record_checks(source, label="test cell", begin=HIDDEN_BEGIN, end=HIDDEN_END):
    """Run an instructor's test cell with stand-ins and return its :class:`Check` list."""
    global _recording, _hidden
    namespace = {"__name__": "__recorded_test_cell__"}
    namespace.update({n: LearnerFunction(n) for n in _free_names(ast.parse(source))})
    recorded = []
    with contextlib.redirect_stdout(None):
        _recording = recorded
        try:
            for code, hidden in split_hidden(source, begin, end):
                _hidden = hidden
                exec(compile(code, "<%s>" % label, "exec"), namespace)
        finally:
            _recording, _hidden = None, False
    return recorded
