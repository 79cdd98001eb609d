r"""Smooth activations: linear, sigmoid, tanh, softplus, SiLU and GELU.

Each forward function ``f(x)`` sits next to its derivative ``f_grad(x)``.
All of them accept a scalar, a list or a real-valued array of any shape and
return a new float64 array of the same shape; the input is never modified.
None of these functions has a kink, so the kink convention stated in
:mod:`solutions.activations` is not needed here.

The implementations stay finite and warning-free for inputs as large as
:math:`|x| = 10^{300}`: every exponential is taken of a non-positive number.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_float_array

__all__ = [
    "linear", "linear_grad", "sigmoid", "sigmoid_grad", "tanh", "tanh_grad",
    "softplus", "softplus_grad", "silu", "silu_grad", "gelu", "gelu_grad", "erf",
]

_SQRT_2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_TANH_K = math.sqrt(2.0 / math.pi)
_GELU_TANH_C = 0.044715
# Beyond |x| = 40 every Gaussian-tail term below is exactly 0 in float64, so the
# polynomial parts are evaluated on a clipped copy to avoid overflow in x**2, x**3.
_TAIL_CLIP = 40.0
_erf_ufunc = np.frompyfunc(math.erf, 1, 1)
_erfc_ufunc = np.frompyfunc(math.erfc, 1, 1)


def _f64(y) -> np.ndarray:
    """Return ``y`` as a float64 ndarray (NumPy turns 0-d results into scalars)."""
    return np.asarray(y, dtype=np.float64)


def erf(x) -> np.ndarray:
    r"""Error function, elementwise, to full double precision.

    Vectorises :func:`math.erf` (the C library's erf, accurate to a few ulp), so
    no SciPy is needed. Shape in, shape out.
    """
    return _f64(_erf_ufunc(as_float_array(x)))


def _norm_cdf(x: np.ndarray) -> np.ndarray:
    r"""Standard normal CDF :math:`\Phi(x) = \tfrac12\operatorname{erfc}(-x/\sqrt2)`.

    The erfc form keeps full relative accuracy in the left tail, where
    ``1 + erf(x)`` would cancel to 0.
    """
    return _f64(0.5 * _erfc_ufunc(-x / _SQRT_2))


def _stable_sigmoid(x: np.ndarray) -> np.ndarray:
    z = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def _stable_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    z = np.exp(-np.abs(x))  # sigma(x)(1 - sigma(x)) = z / (1 + z)^2, symmetric in x
    return z / (1.0 + z) ** 2


def linear(x) -> np.ndarray:
    r"""Identity activation.

    .. math:: f(x) = x, \qquad f'(x) = 1.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, float64, same shape as ``x`` (a copy).
    """
    return as_float_array(x)


def linear_grad(x) -> np.ndarray:
    r"""Derivative of :func:`linear`: an array of ones shaped like ``x``."""
    return np.ones_like(as_float_array(x))


def sigmoid(x) -> np.ndarray:
    r"""Logistic sigmoid, computed piecewise so that ``exp`` never overflows.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}
              = \begin{cases} 1/(1 + e^{-|x|}) & x \ge 0 \\
                              e^{-|x|}/(1 + e^{-|x|}) & x < 0 \end{cases}

    Values lie in :math:`(0, 1)` mathematically; in float64 the result rounds to
    exactly 1 for :math:`x \gtrsim 36.7` and to exactly 0 only for :math:`x \lesssim -745`.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    Glorot, X., Bengio, Y. (2010). Understanding the difficulty of training deep
    feedforward neural networks. AISTATS 2010 (PMLR 9) — saturation of sigmoid nets.
    """
    return _f64(_stable_sigmoid(as_float_array(x)))


def sigmoid_grad(x) -> np.ndarray:
    r"""Derivative of :func:`sigmoid`.

    .. math:: \sigma'(x) = \sigma(x)\,(1 - \sigma(x)) = \frac{e^{-|x|}}{(1 + e^{-|x|})^2},

    evaluated in the second form, which keeps relative accuracy in both tails.
    Maximum :math:`1/4` at :math:`x = 0`. Smooth: no kink.

    Takes ``x`` of any shape; returns a float64 array of the same shape.
    """
    return _f64(_stable_sigmoid_grad(as_float_array(x)))


def tanh(x) -> np.ndarray:
    r"""Hyperbolic tangent.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1.

    Zero-centred, values in :math:`(-1, 1)`.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    LeCun, Y., Bottou, L., Orr, G., Müller, K.-R. (1998). Efficient BackProp. In
    Neural Networks: Tricks of the Trade.
    """
    return _f64(np.tanh(as_float_array(x)))


def tanh_grad(x) -> np.ndarray:
    r"""Derivative of :func:`tanh`.

    .. math:: \tanh'(x) = 1 - \tanh^2(x) = \frac{4 e^{-2|x|}}{(1 + e^{-2|x|})^2},

    evaluated in the second form (accurate in the tails, no overflow).
    Maximum 1 at :math:`x = 0`. Smooth: no kink. Takes ``x`` of any shape;
    returns a float64 array of the same shape.
    """
    z = np.exp(-2.0 * np.abs(as_float_array(x)))
    return _f64(4.0 * z / (1.0 + z) ** 2)


def softplus(x) -> np.ndarray:
    r"""Softplus, a smooth version of ReLU.

    .. math:: f(x) = \log(1 + e^{x}), \qquad f'(x) = \sigma(x).

    Computed as ``np.logaddexp(0, x)``, which neither overflows for large
    :math:`x` (where :math:`f(x) \approx x`) nor loses accuracy for very
    negative :math:`x`. :math:`f(0) = \log 2`.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    Dugas, C., Bengio, Y., Bélisle, F., Nadeau, C., Garcia, R. (2001).
    Incorporating second-order functional knowledge for better option pricing.
    NeurIPS 13.
    """
    return _f64(np.logaddexp(0.0, as_float_array(x)))


def softplus_grad(x) -> np.ndarray:
    r"""Derivative of :func:`softplus`: :math:`f'(x) = \sigma(x)`. Smooth: no kink."""
    return _f64(_stable_sigmoid(as_float_array(x)))


def silu(x) -> np.ndarray:
    r"""SiLU / Swish (with :math:`\beta = 1`): the input weighted by its sigmoid.

    .. math:: f(x) = x\,\sigma(x), \qquad f'(x) = \sigma(x) + x\,\sigma(x)(1 - \sigma(x)).

    Smooth and non-monotonic, with a minimum of about :math:`-0.278` near
    :math:`x \approx -1.278`. Uses the stable sigmoid.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    Elfwing, S., Uchibe, E., Doya, K. (2018). Sigmoid-weighted linear units for
    neural network function approximation in reinforcement learning. Neural
    Networks 107. (Named Swish in Ramachandran, Zoph, Le 2017, arXiv:1710.05941.)
    """
    x = as_float_array(x)
    return _f64(x * _stable_sigmoid(x))


def silu_grad(x) -> np.ndarray:
    r"""Derivative of :func:`silu`.

    .. math:: f'(x) = \sigma(x) + x\,\sigma'(x), \qquad \sigma'(x) = \sigma(x)(1 - \sigma(x)).

    Smooth: no kink. :math:`f'(0) = 1/2`. Takes ``x`` of any shape; returns a
    float64 array of the same shape.
    """
    x = as_float_array(x)
    return _f64(_stable_sigmoid(x) + x * _stable_sigmoid_grad(x))


def _check_approximate(approximate: str) -> None:
    if approximate not in ("none", "tanh"):
        raise ValueError(f'approximate must be "none" or "tanh", got {approximate!r}')


def gelu(x, approximate: str = "none") -> np.ndarray:
    r"""Gaussian error linear unit.

    Exact form (``approximate="none"``, the default here and in PyTorch):

    .. math:: f(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}(x/\sqrt{2})\right),

    with :math:`\Phi` the standard normal CDF, evaluated here as
    :math:`\tfrac12\operatorname{erfc}(-x/\sqrt2)` to stay accurate for negative
    :math:`x`. The erf/erfc values come from the C library (via :mod:`math`),
    accurate to about 1e-16 relative.

    Tanh approximation (``approximate="tanh"``):

    .. math:: f(x) \approx \frac{x}{2}\left(1 + \tanh\!\left(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right)\right)
              = x\,\sigma\!\left(2\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right),

    evaluated in the sigmoid form. The two forms differ by less than about 5e-4.

    Parameters
    ----------
    x : array_like, any shape
    approximate : {"none", "tanh"}

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    Notes
    -----
    Smooth: no kink. :math:`f(0) = 0`, :math:`f'(0) = 1/2`.

    References
    ----------
    Hendrycks, D., Gimpel, K. (2016). Gaussian error linear units (GELUs).
    arXiv:1606.08415.
    """
    _check_approximate(approximate)
    x = as_float_array(x)
    if approximate == "none":
        return _f64(x * _norm_cdf(x))
    xc = np.clip(x, -_TAIL_CLIP, _TAIL_CLIP)  # sigma(2u) is already exactly 0 or 1 there
    u = _GELU_TANH_K * (xc + _GELU_TANH_C * xc**3)
    return _f64(x * _stable_sigmoid(2.0 * u))


def gelu_grad(x, approximate: str = "none") -> np.ndarray:
    r"""Derivative of :func:`gelu`.

    Exact form:

    .. math:: f'(x) = \Phi(x) + x\,\varphi(x), \qquad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}.

    Tanh form, with :math:`u(x) = \sqrt{2/\pi}\,(x + 0.044715\,x^3)`:

    .. math:: f'(x) = \sigma(2u) + 2x\,\sigma'(2u)\,u'(x), \qquad
              u'(x) = \sqrt{2/\pi}\,(1 + 3 \cdot 0.044715\,x^2).

    Smooth: no kink. The second terms vanish (exactly, in float64) for
    :math:`|x| > 40`; they are computed on a clipped copy of ``x`` so that
    :math:`x^2` and :math:`x^3` cannot overflow. ``x`` and ``approximate`` as in
    :func:`gelu`; returns a float64 array shaped like ``x``.
    """
    _check_approximate(approximate)
    x = as_float_array(x)
    xc = np.clip(x, -_TAIL_CLIP, _TAIL_CLIP)
    if approximate == "none":
        pdf = _INV_SQRT_2PI * np.exp(-0.5 * xc**2)
        return _f64(_norm_cdf(x) + xc * pdf)
    u = _GELU_TANH_K * (xc + _GELU_TANH_C * xc**3)
    du = _GELU_TANH_K * (1.0 + 3.0 * _GELU_TANH_C * xc**2)
    return _f64(_stable_sigmoid(2.0 * u) + 2.0 * xc * _stable_sigmoid_grad(2.0 * u) * du)
