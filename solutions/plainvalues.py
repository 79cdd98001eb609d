r"""Plain values: what a graded function returned, as data that cannot lie.

A learner's function may return anything: a float subclass whose ``__eq__`` is always true,
an object with a lying ``__array__``, a list of arrays. Before anything is compared, the
value is turned into a *plain value* made only of JSON types:

* ``{"kind": "array", "dtype": "float64" | "int64" | "bool", "shape": [...], "data": <base64>}``
* ``{"kind": "str", "value": "..."}``
* ``{"kind": "tuple", "items": [...]}`` (tuples and lists that are not numeric arrays)
* ``{"kind": "none"}``
* ``{"kind": "unsupported", "type": "<type name>"}``

Arguments travel the other way, from a check to the learner's function, and must arrive
exactly as the assignment promises: :func:`encode_argument` / :func:`decode_argument` keep
Python floats as floats, 0-d arrays as 0-d arrays, lists as lists and every array's dtype and
shape. Only the grader's own inputs are encoded this way, so they are trusted.

The conversion runs wherever the function ran (in the learner's kernel for visible checks,
inside the grading sandbox for the grade); the comparison, :func:`compare`, runs on the
plain values only. This module is standalone (standard library + NumPy): the sandbox
mounts it next to the harness, without the rest of the course library.

Probe functions are the few fixed callables a check may pass *to* a learner's function
(e.g. to their finite-difference gradient); they are named, so a plain value can carry them.
"""

import base64
import math

import numpy as np

MAX_ELEMENTS = 5_000_000
# Graded calls run under this np.errstate: overflow, division by zero and invalid operations
# raise FloatingPointError instead of warning (underflow to 0 is fine). A naive sigmoid that
# overflows at x = -1e4 therefore fails its check even though 1/(1 + inf) happens to be 0.
NUMPY_ERRORS = {"over": "raise", "divide": "raise", "invalid": "raise", "under": "ignore"}
MAX_STRING = 10_000
MAX_DEPTH = 8


# --- probe functions: fixed inputs for functions that take a function -------------------

def sum_of_cubes(x):
    r"""Scalar test function :math:`f(x) = \sum_i x_i^3`, gradient :math:`3x^2`."""
    return float(np.sum(np.asarray(x, dtype=np.float64) ** 3))


def sin_dot(x):
    r"""Scalar test function :math:`f(x) = \sum_i \sin(x_i)\,(i + 1)`."""
    x = np.asarray(x, dtype=np.float64)
    return float(np.sum(np.sin(x) * np.arange(1, x.size + 1).reshape(x.shape)))


def softplus_sum(x):
    r"""Scalar test function :math:`f(x) = \sum_i \log(1 + e^{x_i})`, gradient σ(x)."""
    return float(np.sum(np.logaddexp(0.0, np.asarray(x, dtype=np.float64))))


def cube_of_sum(x):
    r"""Scalar test function :math:`f(x) = (\sum_i x_i)^3`, which couples all entries.

    Its gradient, :math:`3 (\sum_i x_i)^2` in every entry, exposes a finite-difference
    gradient that forgets to restore one entry before perturbing the next.
    """
    return float(np.sum(np.asarray(x, dtype=np.float64)) ** 3)


PROBE_FUNCTIONS = {f.__name__: f for f in (sum_of_cubes, sin_dot, softplus_sum, cube_of_sum)}


class SeededRng:
    """Stands for ``np.random.default_rng(seed)`` in a check's arguments.

    Every call receives a fresh generator with this seed, in the learner's kernel and in
    the sandbox alike.
    """

    def __init__(self, seed):
        self.seed = int(seed)

    def __repr__(self):
        return "np.random.default_rng(%d)" % self.seed


# --- encoding ---------------------------------------------------------------------------

def _array(a):
    a = np.array(a, order="C", copy=True)
    return {"kind": "array", "dtype": str(a.dtype), "shape": list(a.shape),
            "data": base64.b64encode(a.tobytes()).decode("ascii")}


def to_plain(value, _depth=0):
    """Convert ``value`` (whatever a learner returned) into a plain value.

    Numbers, NumPy arrays and nested numeric lists become float64 arrays (booleans stay
    boolean); strings stay strings; tuples (and lists that are not numeric arrays) are
    converted item by item.
    Conversion never trusts the object: it goes through ``np.asarray`` with an explicit
    dtype, so overridden comparison operators are never called.
    """
    if _depth > MAX_DEPTH:
        return {"kind": "unsupported", "type": "nesting deeper than %d" % MAX_DEPTH}
    if value is None:
        return {"kind": "none"}
    if isinstance(value, str):
        return {"kind": "str", "value": str.__str__(value)[:MAX_STRING]}
    if isinstance(value, tuple):
        return {"kind": "tuple", "items": [to_plain(v, _depth + 1) for v in value]}
    if isinstance(value, (bool, np.bool_)) or (
            isinstance(value, np.ndarray) and value.dtype == np.bool_):
        arr = np.array(value, dtype=np.bool_)
        return _array(arr)
    if isinstance(value, int) or (isinstance(value, np.ndarray) and value.dtype.kind in "iu"):
        try:
            return _array(np.array(value, dtype=np.int64))
        except OverflowError:
            pass
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        arr = None
    if arr is not None:
        if arr.size > MAX_ELEMENTS:
            return {"kind": "unsupported", "type": "array with %d elements" % arr.size}
        return _array(arr)
    if isinstance(value, list):
        return {"kind": "tuple", "items": [to_plain(v, _depth + 1) for v in value]}
    return {"kind": "unsupported", "type": type(value).__name__}


RESULT_DTYPES = ("float64", "int64", "bool")


def _decode_array(plain, allowed):
    dtype, shape = plain.get("dtype"), plain.get("shape")
    if dtype not in allowed or not isinstance(shape, list) or \
            not all(isinstance(n, int) and n >= 0 for n in shape):
        raise ValueError("malformed array")
    raw = base64.b64decode(plain.get("data", ""), validate=True)
    count = math.prod(shape)
    if count > MAX_ELEMENTS or len(raw) != count * np.dtype(dtype).itemsize:
        raise ValueError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def from_plain(plain):
    """Rebuild Python/NumPy values from a plain value; raise ValueError if malformed."""
    if not isinstance(plain, dict) or not isinstance(plain.get("kind"), str):
        raise ValueError("malformed plain value")
    kind = plain["kind"]
    if kind == "array":
        return _decode_array(plain, RESULT_DTYPES)
    if kind == "str":
        return str(plain.get("value", ""))[:MAX_STRING]
    if kind == "tuple":
        return tuple(from_plain(item) for item in plain.get("items", []))
    if kind == "none":
        return None
    if kind == "unsupported":
        return Unsupported(str(plain.get("type", "?")))
    raise ValueError("unknown kind %r" % kind)


class Unsupported:
    """Stands for a returned object that has no plain form."""

    def __init__(self, type_name):
        self.type_name = type_name

    def __repr__(self):
        return "<an object of type %s>" % self.type_name


# --- arguments: exactly the type, dtype and shape the check gave -----------------------

ARGUMENT_DTYPES = ("float64", "float32", "int64", "int32", "bool")


def encode_argument(value, _depth=0):
    """Encode one argument of a check so that :func:`decode_argument` rebuilds it exactly.

    Python ``float``/``int``/``bool`` stay Python scalars, NumPy arrays keep dtype and shape
    (0-d included), NumPy scalars stay NumPy scalars, lists stay lists and tuples tuples.
    Raises TypeError for anything a check cannot pass.
    """
    if _depth > MAX_DEPTH:
        raise TypeError("check arguments nest deeper than %d levels" % MAX_DEPTH)
    if value is None:
        return {"kind": "none"}
    if isinstance(value, SeededRng):
        return {"kind": "rng", "seed": value.seed}
    if callable(value) and PROBE_FUNCTIONS.get(getattr(value, "__name__", None)) is value:
        return {"kind": "probe_function", "name": value.__name__}
    if type(value) is bool:
        return {"kind": "bool", "value": value}
    if type(value) is int:
        return {"kind": "int", "value": value}
    if type(value) is float:
        return {"kind": "float", "hex": value.hex()}
    if type(value) is str:
        return {"kind": "str", "value": value}
    if isinstance(value, (np.ndarray, np.generic)) and str(value.dtype) in ARGUMENT_DTYPES:
        plain = _array(np.asarray(value))
        if isinstance(value, np.generic):
            plain["kind"] = "numpy_scalar"
        return plain
    if type(value) in (list, tuple):
        return {"kind": type(value).__name__,
                "items": [encode_argument(v, _depth + 1) for v in value]}
    raise TypeError("a check cannot pass %r to a learner's function; use Python numbers, "
                    "lists, tuples, NumPy arrays of %s, seeded_rng() or a probe function"
                    % (type(value).__name__, "/".join(ARGUMENT_DTYPES)))


def decode_argument(plain):
    """Rebuild an argument encoded by :func:`encode_argument`: a new object every time."""
    if not isinstance(plain, dict):
        raise ValueError("malformed argument")
    kind = plain.get("kind")
    if kind == "none":
        return None
    if kind == "bool":
        return bool(plain["value"])
    if kind == "int":
        return int(plain["value"])
    if kind == "float":
        return float.fromhex(plain["hex"])
    if kind == "str":
        return str(plain["value"])
    if kind == "array":
        return _decode_array(plain, ARGUMENT_DTYPES)
    if kind == "numpy_scalar":
        return _decode_array(plain, ARGUMENT_DTYPES)[()]
    if kind in ("list", "tuple"):
        items = [decode_argument(item) for item in plain.get("items", [])]
        return items if kind == "list" else tuple(items)
    if kind == "rng":
        return np.random.default_rng(int(plain.get("seed", 0)))
    if kind == "probe_function":
        if plain.get("name") not in PROBE_FUNCTIONS:
            raise ValueError("unknown probe function")
        return PROBE_FUNCTIONS[plain["name"]]
    raise ValueError("unknown argument kind %r" % (kind,))


def _magnitude_words(a):
    """What kind of numbers an input holds, in words that never give its values."""
    words = []
    if a.dtype.kind not in "iuf" or a.size == 0:
        return ["empty"] if a.size == 0 else []
    x = a.astype(np.float64)
    if np.isnan(x).any():
        words.append("with NaN")
    if np.isinf(x).any():
        words.append("with infinities")
    finite = np.abs(x[np.isfinite(x)])
    if finite.size:
        largest = float(finite.max())
        if largest >= 100:
            words.append("with magnitudes up to about 1e%d" % int(math.floor(math.log10(largest))))
        if (finite == 0).any():
            words.append("with exact zeros")
        tiny = finite[(finite > 0) & (finite < 1e-6)]
        if tiny.size:
            words.append("with values within 1e-6 of zero")
        if (x[np.isfinite(x)] < 0).all():
            words.append("all negative")
    return words


def _with_words(head, a):
    words = _magnitude_words(a)
    return head + (" " + ", ".join(words) if words else "")


def describe_input(value):
    """A short description of an argument's *kind* (type, dtype, shape, magnitude), no values."""
    if value is None:
        return "None"
    if isinstance(value, np.random.Generator):
        return "a seeded random generator"
    if callable(value) and getattr(value, "__name__", None) in PROBE_FUNCTIONS:
        return "the test function %s" % value.__name__
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, str):
        # A short string names a choice (an activation, a mode), which helps and gives nothing away.
        return "the string %r" % value if len(value) <= 20 else "a string"
    if isinstance(value, (int, float)):
        return _with_words("a Python %s" % type(value).__name__, np.asarray(value))
    if isinstance(value, (np.ndarray, np.generic)):
        a = np.asarray(value)
        if isinstance(value, np.generic):
            head = "a NumPy %s scalar" % a.dtype
        elif a.ndim == 0:
            head = "a 0-d %s array" % a.dtype
        else:
            head = "a %s array of shape %s" % (a.dtype, tuple(a.shape))
        return _with_words(head, a)
    if isinstance(value, (list, tuple)):
        return "a %s of %d item%s" % (type(value).__name__, len(value), "" if len(value) == 1 else "s")
    return "an object of type %s" % type(value).__name__


# --- comparison -------------------------------------------------------------------------

def describe(value, limit=120):
    """A short, human-readable rendering of a decoded value."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            text = repr(value.item())
        else:
            text = np.array2string(value, precision=6, threshold=12, separator=", ")
            text = text.replace("\n", " ")
        return text if len(text) <= limit else text[:limit] + " ..."
    if isinstance(value, (tuple, list)):
        inner = ", ".join(describe(v, limit // 2) for v in value)
        return "(%s)" % inner if isinstance(value, tuple) else "[%s]" % inner
    return repr(value)


def _shape_words(a):
    return "a scalar" if a.ndim == 0 else "shape %s" % (tuple(a.shape),)


def compare(expected, actual, rtol=1e-7, atol=1e-10, reveal=True):
    """Compare decoded plain values; return ``(ok, reason)``.

    Arrays must have the same shape and agree within ``|a - e| <= atol + rtol |e|``
    (NaN equals NaN, infinities must match); booleans compare by value; strings compare
    case-insensitively after stripping spaces; tuples compare item by item. With
    ``reveal=False`` (hidden checks) the reason never quotes an expected value.
    """
    if isinstance(expected, np.ndarray):
        if not isinstance(actual, np.ndarray):
            return False, "expected an array or number, your code returned %s" % (
                describe(actual) if not isinstance(actual, Unsupported) else repr(actual))
        if expected.shape != actual.shape:
            return False, "expected %s, your code returned %s" % (
                _shape_words(expected), _shape_words(actual))
        e = expected.astype(np.float64)
        a = actual.astype(np.float64)
        for test, name in ((np.isnan, "NaN"), (np.isinf, "infinity")):
            surprise = test(a) & ~test(e)
            if surprise.any():
                return False, "your result holds %s in %d of %d places where a finite number " \
                              "is expected" % (name, int(surprise.sum()), a.size)
        close = np.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
        if close.all():
            return True, ""
        bad = int(close.size - np.count_nonzero(close))
        with np.errstate(invalid="ignore", over="ignore"):
            diff = np.abs(a - e)
            worst = float(np.max(diff[np.isfinite(diff)])) if np.isfinite(diff).any() else math.inf
        text = ("%d of %d values differ by more than the tolerance "
                "(|result - expected| <= %g + %g * |expected|)" % (bad, close.size, atol, rtol))
        # The size of the miss would give a hidden expected value away.
        return False, text + ("; largest difference %.3g" % worst if reveal else "")
    if isinstance(expected, str):
        if isinstance(actual, str) and actual.strip().lower() == expected.strip().lower():
            return True, ""
        if reveal:
            return False, "expected the text %r, your code returned %s" % (expected, describe(actual))
        return False, "your code returned %s, not the expected text" % describe(actual, 40)
    if isinstance(expected, tuple):
        if not isinstance(actual, tuple) or len(actual) != len(expected):
            return False, "expected %d values, your code returned %s" % (
                len(expected), describe(actual, 60))
        for i, (e, a) in enumerate(zip(expected, actual)):
            ok, reason = compare(e, a, rtol, atol, reveal)
            if not ok:
                return False, "item %d: %s" % (i, reason)
        return True, ""
    if expected is None:
        return (actual is None), "" if actual is None else "expected None"
    return False, "cannot compare with %r" % (expected,)
