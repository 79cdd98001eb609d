r"""Maxout units: the maximum over K affine pieces (forward/backward pair).

Maxout is not an elementwise function of a single pre-activation, so it is not
in :data:`solutions.activations.ACTIVATIONS`; it owns its weights and follows
the cs231n contract ``maxout_forward(x, W, b) -> (out, cache)`` /
``maxout_backward(dout, cache) -> (dx, dW, db)``.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array

__all__ = ["maxout_forward", "maxout_backward"]


def maxout_forward(x, W, b):
    r"""Maxout layer forward pass.

    .. math:: z_{nmk} = \sum_d x_{nd} W_{dmk} + b_{mk}, \qquad
              \text{out}_{nm} = \max_k z_{nmk}

    Parameters
    ----------
    x : array_like, shape (N, D)
        Inputs.
    W : array_like, shape (D, M, K)
        Weights of the K linear pieces of each of the M units.
    b : array_like, shape (M, K)
        Biases of the pieces.

    Returns
    -------
    out : ndarray, float64, shape (N, M)
    cache : tuple ``(x, W, idx)`` with ``idx`` of shape (N, M), the index of the
        winning piece for each sample and unit.

    Notes
    -----
    Kink: where the maximum is attained by several pieces at once, the first
    (lowest) index wins, exactly as :func:`numpy.argmax` breaks ties, and the
    whole gradient goes to that piece. This is the maxout analogue of the
    library's single kink convention (see :mod:`solutions.activations`): a fixed,
    documented choice of one piece.

    References
    ----------
    Goodfellow, I., Warde-Farley, D., Mirza, M., Courville, A., Bengio, Y.
    (2013). Maxout networks. ICML 2013. arXiv:1302.4389.
    """
    x = as_float_array(x, "x")
    W = as_float_array(W, "W")
    b = as_float_array(b, "b")
    if x.ndim != 2:
        raise ValueError(f"x must have shape (N, D), got shape {x.shape}")
    if W.ndim != 3 or W.shape[0] != x.shape[1]:
        raise ValueError(
            f"W must have shape (D, M, K) with D = x.shape[1] = {x.shape[1]}, got shape {W.shape}"
        )
    D, M, K = W.shape
    if b.shape != (M, K):
        raise ValueError(f"b must have shape (M, K) = {(M, K)}, got shape {b.shape}")
    z = (x @ W.reshape(D, M * K)).reshape(-1, M, K) + b
    idx = np.argmax(z, axis=2)
    out = np.take_along_axis(z, idx[:, :, None], axis=2)[:, :, 0]
    return out, (x, W, idx)


def maxout_backward(dout, cache):
    r"""Maxout layer backward pass.

    The upstream gradient of each unit is routed to its arg-max piece only
    (first index on ties, see :func:`maxout_forward`):

    .. math:: \frac{\partial L}{\partial z_{nmk}} = \text{dout}_{nm}\,\mathbb{1}[k = k^*_{nm}],

    and then through the affine map:
    :math:`dx = dz\,W^\top`, :math:`dW = x^\top dz`, :math:`db = \sum_n dz`.

    Parameters
    ----------
    dout : array_like, shape (N, M)
        Upstream gradient.
    cache : the tuple returned by :func:`maxout_forward`.

    Returns
    -------
    dx : ndarray, float64, shape (N, D)
    dW : ndarray, float64, shape (D, M, K)
    db : ndarray, float64, shape (M, K)
    """
    x, W, idx = cache
    dout = as_float_array(dout, "dout")
    if dout.shape != idx.shape:
        raise ValueError(f"dout must have shape (N, M) = {idx.shape}, got shape {dout.shape}")
    D, M, K = W.shape
    dz = np.zeros((x.shape[0], M, K))
    np.put_along_axis(dz, idx[:, :, None], dout[:, :, None], axis=2)
    dz2 = dz.reshape(-1, M * K)
    dx = dz2 @ W.reshape(D, M * K).T
    dW = (x.T @ dz2).reshape(D, M, K)
    db = dz.sum(axis=0)
    return dx, dW, db
