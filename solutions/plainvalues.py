r"""Plain values: what a graded function returned, as data that cannot lie.

A learner's function may return anything: a float subclass whose ``__eq__`` is always true,
an object with a lying ``__array__``, a list of arrays. Before anything is compared, the
value is turned into a *plain value* made only of JSON types:

* ``{"kind": "array", "dtype": "float64" | "int64" | "bool", "shape": [...], "data": <base64>}``
* ``{"kind": "str", "value": "..."}``
* ``{"kind": "tuple", "items": [...]}`` (tuples and lists that are not numeric arrays)
* ``{"kind": "none"}``
* ``{"kind": "unsupported", "type": "<type name>"}``

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
    if isinstance(value, SeededRng):
        return {"kind": "rng", "seed": value.seed}
    if callable(value) and getattr(value, "__name__", None) in PROBE_FUNCTIONS \
            and PROBE_FUNCTIONS[value.__name__] is value:
        return {"kind": "probe_function", "name": value.__name__}
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


def from_plain(plain):
    """Rebuild Python/NumPy values from a plain value; raise ValueError if malformed."""
    if not isinstance(plain, dict) or not isinstance(plain.get("kind"), str):
        raise ValueError("malformed plain value")
    kind = plain["kind"]
    if kind == "array":
        dtype = {"float64": np.float64, "int64": np.int64, "bool": np.bool_}.get(plain.get("dtype"))
        shape = plain.get("shape")
        if dtype is None or not isinstance(shape, list) or \
                not all(isinstance(n, int) and n >= 0 for n in shape):
            raise ValueError("malformed array")
        raw = base64.b64decode(plain.get("data", ""), validate=True)
        count = math.prod(shape)
        if count > MAX_ELEMENTS or len(raw) != count * np.dtype(dtype).itemsize:
            raise ValueError("array data does not match its shape")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if kind == "str":
        return str(plain.get("value", ""))[:MAX_STRING]
    if kind == "tuple":
        return tuple(from_plain(item) for item in plain.get("items", []))
    if kind == "none":
        return None
    if kind == "rng":
        return np.random.default_rng(int(plain.get("seed", 0)))
    if kind == "probe_function":
        if plain.get("name") not in PROBE_FUNCTIONS:
            raise ValueError("unknown probe function")
        return PROBE_FUNCTIONS[plain["name"]]
    if kind == "unsupported":
        return Unsupported(str(plain.get("type", "?")))
    raise ValueError("unknown kind %r" % kind)


class Unsupported:
    """Stands for a returned object that has no plain form."""

    def __init__(self, type_name):
        self.type_name = type_name

    def __repr__(self):
        return "<an object of type %s>" % self.type_name


# --- comparison -------------------------------------------------------------------------

def as_argument(value):
    """Decode a plain value for use as an argument: 0-d arrays become Python scalars."""
    value = from_plain(value)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return value


def describe(value, limit=120):
    """A short, human-readable rendering of a plain-decoded value."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            text = repr(value.item())
        else:
            text = np.array2string(value, precision=6, threshold=12, separator=", ")
            text = text.replace("\n", " ")
        return text if len(text) <= limit else text[:limit] + " ..."
    if isinstance(value, tuple):
        return "(" + ", ".join(describe(v, limit // 2) for v in value) + ")"
    return repr(value)


def _shape_words(a):
    return "a scalar" if a.ndim == 0 else "shape %s" % (tuple(a.shape),)


def compare(expected, actual, rtol=1e-7, atol=1e-10):
    """Compare decoded plain values; return ``(ok, reason)``.

    Arrays must have the same shape and agree within ``|a - e| <= atol + rtol |e|``
    (NaN equals NaN); booleans compare by value; strings compare case-insensitively
    after stripping spaces; tuples compare item by item.
    """
    if isinstance(expected, np.ndarray):
        if not isinstance(actual, np.ndarray):
            return False, "expected an array or number, got %s" % describe(actual)
        if expected.shape != actual.shape:
            return False, "expected %s, got %s" % (_shape_words(expected), _shape_words(actual))
        e = expected.astype(np.float64)
        a = actual.astype(np.float64)
        close = np.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
        if close.all():
            return True, ""
        bad = int(close.size - np.count_nonzero(close))
        with np.errstate(invalid="ignore"):
            worst = float(np.nanmax(np.abs(a - e))) if np.isfinite(a - e).any() else float("nan")
        return False, "%d of %d values differ (largest difference %.3g)" % (bad, close.size, worst)
    if isinstance(expected, str):
        if isinstance(actual, str) and actual.strip().lower() == expected.strip().lower():
            return True, ""
        return False, "expected the text %r, got %s" % (expected, describe(actual))
    if isinstance(expected, tuple):
        if not isinstance(actual, tuple) or len(actual) != len(expected):
            return False, "expected %d values, got %s" % (len(expected), describe(actual))
        for i, (e, a) in enumerate(zip(expected, actual)):
            ok, reason = compare(e, a, rtol, atol)
            if not ok:
                return False, "item %d: %s" % (i, reason)
        return True, ""
    if expected is None:
        return (actual is None), "" if actual is None else "expected None"
    return False, "cannot compare with %r" % (expected,)
