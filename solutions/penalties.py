r"""L1 and L2 weight penalties and an L1 activation-sparsity penalty, with gradients.

``weights`` may be a single array or a list/tuple of arrays (one per layer); the
penalty sums over all of them and the gradient comes back in the same
structure (an array for an array, a list for a list). The strength ``lam`` must
be a finite number >= 0.

References
----------
Goodfellow, I., Bengio, Y., Courville, A. (2016). Deep Learning. MIT Press —
parameter norm penalties (ch. 7) and representational sparsity.
Glorot, X., Bordes, A., Bengio, Y. (2011). Deep sparse rectifier neural
networks. AISTATS 2011 (PMLR 15) — an L1 penalty on rectifier activations to
encourage sparsity.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_2d, check_lam

__all__ = [
    "l1_penalty", "l1_penalty_grad", "l2_penalty", "l2_penalty_grad",
    "l1_activation_penalty", "l1_activation_penalty_grad",
]


def _as_list(weights):
    """Return (list of float64 arrays, was_a_sequence)."""
    if isinstance(weights, (list, tuple)):
        if weights and all(np.ndim(w) == 0 for w in weights):
            # a flat list of numbers is one weight vector, not many arrays
            return [as_float_array(weights, "weights")], False
        return [as_float_array(w, f"weights[{i}]") for i, w in enumerate(weights)], True
    return [as_float_array(weights, "weights")], False


def l1_penalty(weights, lam: float) -> float:
    r"""L1 penalty :math:`\lambda \sum_i |w_i|` over all weights.

    Parameters
    ----------
    weights : array_like or list of array_like
    lam : float >= 0

    Returns
    -------
    float
    """
    lam = check_lam(lam)
    ws, _ = _as_list(weights)
    return lam * float(sum(np.abs(w).sum() for w in ws))


def l1_penalty_grad(weights, lam: float):
    r"""(Sub)gradient of :func:`l1_penalty`: :math:`\lambda\,\operatorname{sign}(w)`.

    At :math:`w = 0` the subgradient 0 is chosen (``np.sign(0) == 0``).
    Returns an array shaped like ``weights``, or a list matching a list.
    """
    lam = check_lam(lam)
    ws, is_seq = _as_list(weights)
    grads = [lam * np.sign(w) for w in ws]
    return grads if is_seq else grads[0]


def l2_penalty(weights, lam: float) -> float:
    r"""L2 penalty (weight decay) :math:`\frac{\lambda}{2} \sum_i w_i^2` over all weights.

    Parameters
    ----------
    weights : array_like or list of array_like
    lam : float >= 0

    Returns
    -------
    float
    """
    lam = check_lam(lam)
    ws, _ = _as_list(weights)
    return 0.5 * lam * float(sum((w * w).sum() for w in ws))


def l2_penalty_grad(weights, lam: float):
    r"""Gradient of :func:`l2_penalty`: :math:`\lambda\, w`, in the structure of ``weights``."""
    lam = check_lam(lam)
    ws, is_seq = _as_list(weights)
    grads = [lam * w for w in ws]
    return grads if is_seq else grads[0]


def l1_activation_penalty(h, lam: float) -> float:
    r"""Sparsity penalty on hidden activations: batch mean of their L1 norms.

    .. math:: \Omega(h) = \lambda\,\frac{1}{N}\sum_{n=1}^{N}\sum_{j=1}^{H} |h_{nj}|

    i.e. ``lam`` times the mean over the batch of the sum over units, so the
    penalty does not grow with the batch size but does grow with the layer width.

    Parameters
    ----------
    h : array_like, shape (N, H)
        Activations of one hidden layer for a batch of N samples.
    lam : float >= 0

    Returns
    -------
    float
    """
    lam = check_lam(lam)
    h = check_2d(h, "h")
    return lam * float(np.abs(h).sum()) / max(h.shape[0], 1)


def l1_activation_penalty_grad(h, lam: float) -> np.ndarray:
    r"""Gradient of :func:`l1_activation_penalty` with respect to ``h``.

    .. math:: \frac{\partial \Omega}{\partial h_{nj}} = \frac{\lambda}{N}\operatorname{sign}(h_{nj})

    with subgradient 0 at :math:`h_{nj} = 0` (e.g. for inactive ReLU units).
    Returns a float64 array of shape (N, H).
    """
    lam = check_lam(lam)
    h = check_2d(h, "h")
    return lam * np.sign(h) / max(h.shape[0], 1)
