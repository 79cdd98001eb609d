r"""Numerical gradient checking by centred differences (cs231n conventions).

.. math:: \frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}

The truncation error is :math:`O(h^2)` and the rounding error about
:math:`\varepsilon_{\text{mach}} |f| / h`, so with float64 and ``h = 1e-5`` the
estimate is good to roughly 1e-10 for well-scaled smooth functions.

Compare an analytic gradient with the estimate using :func:`relative_error`.
Rules of thumb (cs231n course notes on gradient checking):

* ``> 1e-2``: the analytic gradient is probably wrong;
* ``1e-4 .. 1e-2``: suspicious;
* ``< 1e-4``: acceptable when the function has kinks (ReLU, max) near the points;
* ``< 1e-7``: good; this is the threshold the tests use for smooth functions.

Keep the points away from kinks: a difference quotient straddling a kink
reports a slope that neither piece has.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array

__all__ = ["numerical_gradient", "numerical_gradient_array", "relative_error"]


def _work_array(x) -> np.ndarray:
    """``x`` itself if it is a writeable float64 ndarray (so closures see the
    perturbation), otherwise a float64 copy."""
    if isinstance(x, np.ndarray) and x.dtype == np.float64 and x.flags.writeable:
        return x
    return as_float_array(x)


def _centred(f, x, h, combine) -> np.ndarray:
    x = _work_array(x)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readonly"]])
    for _ in it:
        ix = it.multi_index
        old = x[ix]
        try:
            x[ix] = old + h
            fp = np.array(f(x), dtype=np.float64, copy=True)
            x[ix] = old - h
            fm = np.array(f(x), dtype=np.float64, copy=True)
        finally:
            x[ix] = old  # restore bit-for-bit, even if f raised
        grad[ix] = combine(fp, fm) / (2.0 * h)
    return grad


def numerical_gradient(f, x, h: float = 1e-5) -> np.ndarray:
    r"""Centred-difference gradient of a scalar-valued function.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``. It may use its argument or read ``x`` through a
        closure (for example ``lambda _: net.loss(X, y)`` with ``x`` one of the
        net's weight arrays).
    x : array_like, any shape
        Point at which to differentiate. If it is a float64 ndarray, its
        entries are perturbed in place one at a time and each is restored
        exactly (also if ``f`` raises), so after the call ``x`` is bit-for-bit
        unchanged. Anything else is first copied to float64.
    h : float
        Step size.

    Returns
    -------
    ndarray, float64, same shape as ``x``.
    """
    def combine(fp, fm):
        if fp.size != 1:
            raise ValueError(
                f"f must return a scalar, got an array of shape {fp.shape}; "
                "use numerical_gradient_array for array-valued functions"
            )
        return float(fp.reshape(())) - float(fm.reshape(()))

    return _centred(f, x, h, combine)


def numerical_gradient_array(f, x, dout, h: float = 1e-5) -> np.ndarray:
    r"""Centred-difference vector-Jacobian product of an array-valued function.

    Returns :math:`\frac{\partial}{\partial x} \sum_k \text{dout}_k\, f(x)_k`,
    i.e. the gradient that a backward pass receiving ``dout`` must produce
    (cs231n's ``eval_numerical_gradient_array``).

    Parameters
    ----------
    f : callable
        ``f(x) -> ndarray`` of the same shape as ``dout``; may read ``x`` via a
        closure, as in :func:`numerical_gradient`.
    x : array_like, any shape
        Perturbed in place and restored exactly if it is a float64 ndarray.
    dout : array_like, shape of ``f(x)``
        Upstream gradient.
    h : float
        Step size.

    Returns
    -------
    ndarray, float64, same shape as ``x``.
    """
    dout = as_float_array(dout, "dout")

    def combine(fp, fm):
        if fp.shape != dout.shape:
            raise ValueError(f"f(x) has shape {fp.shape} but dout has shape {dout.shape}")
        return float(np.sum((fp - fm) * dout))

    return _centred(f, x, h, combine)


def relative_error(a, b) -> float:
    r"""Largest elementwise relative error between two arrays (cs231n ``rel_error``).

    .. math:: \max_i \frac{|a_i - b_i|}{\max(10^{-8},\ |a_i| + |b_i|)}

    Parameters
    ----------
    a, b : array_like of the same shape.

    Returns
    -------
    float in [0, 1]; see the module docstring for thresholds (< 1e-7 is good).
    """
    a = as_float_array(a, "a")
    b = as_float_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
