r"""Rectifiers: ReLU, Leaky ReLU, PReLU, ELU, SELU and ReLU6.

Each forward function sits next to its derivative. Inputs may be scalars,
lists or real-valued arrays of any shape; outputs are new float64 arrays of the
same shape and the input is never modified.

**Kink convention** (defined once, in :mod:`solutions.activations`): at an
exact kink the derivative takes the value of the *left* piece, e.g.
ReLU'(0) := 0, LeakyReLU'(0) := alpha, ReLU6'(6) := 1.

Nothing here evaluates ``exp`` of a large positive number: the negative
branches use ``np.expm1(np.minimum(x, 0))``, so inputs up to 1e300 in magnitude
produce no overflow and no warning.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array

__all__ = [
    "relu", "relu_grad", "leaky_relu", "leaky_relu_grad", "prelu", "prelu_grad",
    "prelu_grad_alpha", "prelu_forward", "prelu_backward", "elu", "elu_grad", "selu",
    "selu_grad", "relu6", "relu6_grad", "SELU_LAMBDA", "SELU_ALPHA",
]

#: SELU scale :math:`\lambda` (Klambauer et al. 2017), to the digits PyTorch uses.
SELU_LAMBDA = 1.0507009873554804934193349852946
#: SELU negative-side saturation :math:`\alpha` (Klambauer et al. 2017).
SELU_ALPHA = 1.6732632423543772848170429916717


def _f64(y) -> np.ndarray:
    return np.asarray(y, dtype=np.float64)


def relu(x) -> np.ndarray:
    r"""Rectified linear unit.

    .. math:: f(x) = \max(0, x), \qquad
              f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    Nair, V., Hinton, G. E. (2010). Rectified linear units improve restricted
    Boltzmann machines. ICML 2010.
    """
    return _f64(np.maximum(as_float_array(x), 0.0))


def relu_grad(x) -> np.ndarray:
    r"""Derivative of :func:`relu`; kink value ReLU'(0) := 0 (left piece).

    .. math:: f'(x) = \mathbb{1}[x > 0]

    Returns a float64 array shaped like ``x``.
    """
    return _f64(as_float_array(x) > 0.0)


def leaky_relu(x, alpha: float = 0.01) -> np.ndarray:
    r"""Leaky ReLU with a fixed negative slope ``alpha`` (default 0.01).

    .. math:: f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}, \qquad
              f'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}

    With ``alpha=0`` this is exactly :func:`relu`.

    Parameters
    ----------
    x : array_like, any shape
    alpha : float, the slope for :math:`x \le 0`.

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    Maas, A. L., Hannun, A. Y., Ng, A. Y. (2013). Rectifier nonlinearities
    improve neural network acoustic models. ICML 2013 Workshop on Deep Learning
    for Audio, Speech and Language Processing.
    """
    x = as_float_array(x)
    return _f64(np.where(x > 0.0, x, float(alpha) * x))


def leaky_relu_grad(x, alpha: float = 0.01) -> np.ndarray:
    r"""Derivative of :func:`leaky_relu`; kink value LeakyReLU'(0) := alpha (left piece)."""
    x = as_float_array(x)
    return _f64(np.where(x > 0.0, 1.0, float(alpha)))


def _prelu_alpha(x: np.ndarray, alpha) -> np.ndarray:
    a = as_float_array(alpha, "alpha")
    try:
        shape = np.broadcast_shapes(x.shape, a.shape)
    except ValueError:
        shape = None
    if shape != x.shape:
        raise ValueError(
            f"alpha must be a scalar or broadcastable to x's shape {x.shape} without "
            f"enlarging it (e.g. shape (C,) for x of shape (N, C)), got shape {a.shape}"
        )
    return a


def prelu(x, alpha) -> np.ndarray:
    r"""Parametric ReLU: a Leaky ReLU whose slope ``alpha`` is learned.

    .. math:: f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}

    Parameters
    ----------
    x : array_like, shape (N, ...)
    alpha : float or array broadcastable to ``x.shape`` (one slope shared by all
        units, or one per channel: shape (C,) for x (N, C), (C, 1, 1) for
        x (N, C, H, W)). He et al. initialise it to 0.25.

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    He, K., Zhang, X., Ren, S., Sun, J. (2015). Delving deep into rectifiers:
    surpassing human-level performance on ImageNet classification. ICCV 2015.
    arXiv:1502.01852.
    """
    x = as_float_array(x)
    a = _prelu_alpha(x, alpha)
    return _f64(np.where(x > 0.0, x, a * x))


def prelu_grad(x, alpha) -> np.ndarray:
    r"""Derivative of :func:`prelu` with respect to ``x``; kink PReLU'(0) := alpha.

    .. math:: \frac{\partial f}{\partial x} = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}

    Returns a float64 array shaped like ``x``.
    """
    x = as_float_array(x)
    a = _prelu_alpha(x, alpha)
    return _f64(np.where(x > 0.0, 1.0, a))


def prelu_grad_alpha(x, alpha) -> np.ndarray:
    r"""Elementwise derivative of :func:`prelu` with respect to ``alpha``.

    .. math:: \frac{\partial f}{\partial \alpha} = \begin{cases} 0 & x > 0 \\ x & x \le 0 \end{cases}

    (continuous, so no kink choice is needed). Returns a float64 array shaped
    like ``x``; :func:`prelu_backward` sums it over the axes ``alpha`` is shared along.
    """
    x = as_float_array(x)
    _prelu_alpha(x, alpha)
    return _f64(np.where(x > 0.0, 0.0, x))


def _sum_to_shape(g: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum ``g`` over the axes that broadcasting added or stretched to reach ``shape``."""
    lead = g.ndim - len(shape)
    g = g.sum(axis=tuple(range(lead))) if lead else g
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    return g.sum(axis=stretched, keepdims=True) if stretched else g


def prelu_forward(x, alpha):
    r"""PReLU forward pass that also returns the cache for :func:`prelu_backward`.

    Parameters
    ----------
    x : array_like, shape (N, ...)
    alpha : float or array broadcastable to ``x.shape`` (see :func:`prelu`).

    Returns
    -------
    out : ndarray, float64, same shape as ``x``.
    cache : tuple ``(x, alpha)`` as float64 arrays.
    """
    x = as_float_array(x)
    a = _prelu_alpha(x, alpha)
    return _f64(np.where(x > 0.0, x, a * x)), (x, a)


def prelu_backward(dout, cache):
    r"""PReLU backward pass.

    .. math:: \frac{\partial L}{\partial x} = \text{dout} \odot f'(x), \qquad
              \frac{\partial L}{\partial \alpha} = \sum_{\text{shared axes}}
              \text{dout} \odot \min(x, 0)

    Kink: PReLU'(0) := alpha (left piece).

    Parameters
    ----------
    dout : array_like, same shape as ``x``: upstream gradient.
    cache : the tuple returned by :func:`prelu_forward`.

    Returns
    -------
    dx : ndarray, float64, same shape as ``x``.
    dalpha : ndarray, float64, same shape as ``alpha`` (shape () for a scalar).
    """
    x, a = cache
    dout = as_float_array(dout, "dout")
    if dout.shape != x.shape:
        raise ValueError(f"dout must have the shape of x, {x.shape}, got {dout.shape}")
    dx = dout * np.where(x > 0.0, 1.0, a)
    dalpha = _sum_to_shape(dout * np.where(x > 0.0, 0.0, x), a.shape)
    return _f64(dx), _f64(dalpha).reshape(a.shape)


def elu(x, alpha: float = 1.0) -> np.ndarray:
    r"""Exponential linear unit.

    .. math:: f(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}, \qquad
              f'(x) = \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}

    Saturates to :math:`-\alpha` for large negative inputs. Computed with
    ``np.expm1(np.minimum(x, 0))``, accurate near 0 and free of overflow.

    Parameters
    ----------
    x : array_like, any shape
    alpha : float, default 1.0.

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    Clevert, D.-A., Unterthiner, T., Hochreiter, S. (2016). Fast and accurate
    deep network learning by exponential linear units (ELUs). ICLR 2016.
    arXiv:1511.07289.
    """
    x = as_float_array(x)
    return _f64(np.where(x > 0.0, x, float(alpha) * np.expm1(np.minimum(x, 0.0))))


def elu_grad(x, alpha: float = 1.0) -> np.ndarray:
    r"""Derivative of :func:`elu`; kink ELU'(0) := alpha (left piece, :math:`\alpha e^0`).

    With the default ``alpha=1`` both pieces give 1, so ELU is C1 there.
    """
    x = as_float_array(x)
    return _f64(np.where(x > 0.0, 1.0, float(alpha) * np.exp(np.minimum(x, 0.0))))


def selu(x) -> np.ndarray:
    r"""Scaled ELU with the self-normalising constants.

    .. math:: f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}, \qquad
              f'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}

    with :math:`\lambda` = ``SELU_LAMBDA`` ≈ 1.0507 and :math:`\alpha` =
    ``SELU_ALPHA`` ≈ 1.6733.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    Klambauer, G., Unterthiner, T., Mayr, A., Hochreiter, S. (2017).
    Self-normalizing neural networks. NeurIPS 30. arXiv:1706.02515.
    """
    return _f64(SELU_LAMBDA * elu(x, SELU_ALPHA))


def selu_grad(x) -> np.ndarray:
    r"""Derivative of :func:`selu`; kink SELU'(0) := lambda*alpha ≈ 1.7581 (left piece)."""
    return _f64(SELU_LAMBDA * elu_grad(x, SELU_ALPHA))


def relu6(x) -> np.ndarray:
    r"""ReLU capped at 6.

    .. math:: f(x) = \min(\max(0, x), 6), \qquad
              f'(x) = \begin{cases} 1 & 0 < x \le 6 \\ 0 & \text{otherwise} \end{cases}

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, float64, same shape as ``x``.

    References
    ----------
    A bounded variant of the ReLU of Nair, V., Hinton, G. E. (2010). Rectified
    linear units improve restricted Boltzmann machines. ICML 2010.
    """
    return _f64(np.clip(as_float_array(x), 0.0, 6.0))


def relu6_grad(x) -> np.ndarray:
    r"""Derivative of :func:`relu6`; kinks ReLU6'(0) := 0 and ReLU6'(6) := 1 (left pieces)."""
    x = as_float_array(x)
    return _f64((x > 0.0) & (x <= 6.0))
