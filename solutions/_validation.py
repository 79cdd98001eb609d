r"""Argument checks shared by the library modules (private).

Each helper raises an error whose message names the argument, says what was
received and what to pass instead, so that a student's first traceback already
tells them how to fix the call.
"""

from __future__ import annotations

import numbers

import numpy as np

_NUMERIC_KINDS = "biuf"  # bool, signed int, unsigned int, float


def as_float_array(x, name: str = "x") -> np.ndarray:
    r"""Return ``x`` as a new float64 array of the same shape.

    Accepts Python scalars, (nested) lists of numbers and real-valued NumPy
    arrays of any shape. The result is always a fresh copy, so callers may
    write into it without touching the caller's data.

    Raises
    ------
    TypeError
        If ``x`` is not real-valued numeric data (strings, ``None``, object or
        complex arrays).
    """
    try:
        arr = np.asarray(x)
    except ValueError as err:  # ragged nested lists
        raise TypeError(
            f"{name} must be numeric data (a number, a list of numbers or a float "
            f"array); could not convert it to an array: {err}"
        ) from None
    if arr.dtype.kind not in _NUMERIC_KINDS:
        raise TypeError(
            f"{name} must be real-valued numeric data, got an array of dtype "
            f"{arr.dtype} (from {type(x).__name__}); pass a number, a list of "
            f"numbers or a float array such as np.asarray(values, dtype=float)"
        )
    return arr.astype(np.float64, copy=True)


def check_rng(rng, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a :class:`numpy.random.Generator`, else raise TypeError."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, got {type(rng).__name__}; "
            f"create one with np.random.default_rng(seed)"
        )
    return rng


def check_positive_int(value, name: str) -> int:
    """Return ``value`` as an int if it is a positive integer, else raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def check_lam(lam) -> float:
    """Return a regularisation strength as a float; it must be finite and >= 0."""
    if isinstance(lam, bool) or not isinstance(lam, numbers.Real):
        raise TypeError(f"lam must be a real number >= 0, got {type(lam).__name__}")
    lam = float(lam)
    if not np.isfinite(lam) or lam < 0:
        raise ValueError(f"lam must be a finite number >= 0, got {lam!r}")
    return lam


def check_2d(x, name: str, n_features: int | None = None) -> np.ndarray:
    """Return ``x`` as a float64 (N, D) array; optionally require D == n_features."""
    arr = as_float_array(x, name)
    if arr.ndim != 2 or (n_features is not None and arr.shape[1] != n_features):
        d = "D" if n_features is None else str(n_features)
        raise ValueError(f"{name} must have shape (N, {d}), got shape {arr.shape}")
    return arr
