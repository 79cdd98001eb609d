r"""Weight initialisers for a dense layer ``h = x @ W + b`` with ``W`` of shape (fan_in, fan_out).

Every random initialiser takes an explicit ``rng`` (a
:class:`numpy.random.Generator`, e.g. ``np.random.default_rng(0)``), so results
are reproducible and no global random state is touched. All return float64
arrays of shape (fan_in, fan_out). ``INITIALISERS`` maps a name to each function;
all of them can be called as ``INITIALISERS[name](fan_in, fan_out, rng)``.

Summary (``n_in`` = fan_in, ``n_out`` = fan_out):

==================  =====================================================
name                distribution
==================  =====================================================
``zeros``           all 0 (every unit computes the same thing: symmetry is never broken)
``small_uniform``   U[-scale, scale], scale = 0.01
``small_normal``    N(0, std^2), std = 0.01
``simple_uniform``  U[-1/sqrt(n_in), 1/sqrt(n_in)] (older heuristic)
``glorot_uniform``  U[-a, a], a = sqrt(6 / (n_in + n_out))
``glorot_normal``   N(0, 2 / (n_in + n_out))
``he_uniform``      U[-a, a], a = gain * sqrt(3 / n_in) = sqrt(6 / ((1 + s^2) n_in))
``he_normal``       N(0, gain^2 / n_in) = N(0, 2 / ((1 + s^2) n_in))
``lecun_uniform``   U[-a, a], a = sqrt(3 / n_in)
``lecun_normal``    N(0, 1 / n_in)
==================  =====================================================

with ``gain = sqrt(2 / (1 + s^2))`` for negative slope ``s`` (0 for ReLU, alpha for
Leaky ReLU / PReLU). The normal variants are plain (untruncated) normals.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import check_positive_int, check_rng

__all__ = [
    "zeros", "small_uniform", "small_normal", "simple_uniform", "glorot_uniform",
    "glorot_normal", "he_uniform", "he_normal", "he_gain", "lecun_uniform", "lecun_normal", "bias",
    "INITIALISERS",
]


def _check(fan_in, fan_out, rng) -> tuple[int, int]:
    fan_in = check_positive_int(fan_in, "fan_in")
    fan_out = check_positive_int(fan_out, "fan_out")
    check_rng(rng)
    return fan_in, fan_out


def zeros(fan_in: int, fan_out: int, rng=None) -> np.ndarray:
    r"""All-zero weights, shape (fan_in, fan_out); ``rng`` is accepted and ignored.

    A cautionary baseline: with zero weights every hidden unit of a layer
    receives the same gradient, so the units stay identical forever.
    """
    fan_in = check_positive_int(fan_in, "fan_in")
    fan_out = check_positive_int(fan_out, "fan_out")
    return np.zeros((fan_in, fan_out))


def small_uniform(fan_in: int, fan_out: int, rng, scale: float = 0.01) -> np.ndarray:
    r"""U[-scale, scale] weights (default scale 0.01): breaks symmetry but ignores fan-in.

    In a deep network the signal shrinks by roughly a constant factor per layer.
    """
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    return rng.uniform(-scale, scale, size=(fan_in, fan_out))


def small_normal(fan_in: int, fan_out: int, rng, std: float = 0.01) -> np.ndarray:
    r"""N(0, std^2) weights (default std 0.01), as in ``0.01 * randn(fan_in, fan_out)``."""
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    return rng.normal(0.0, std, size=(fan_in, fan_out))


def simple_uniform(fan_in: int, fan_out: int, rng) -> np.ndarray:
    r"""The older heuristic :math:`W \sim U[-1/\sqrt{n_{in}},\ 1/\sqrt{n_{in}}]`.

    .. math:: \operatorname{Var}(W) = \frac{1}{3\,n_{in}}

    This is *not* Glorot's formula: Glorot & Bengio (2010) discuss it as the
    common heuristic that their normalised initialisation replaces.

    References
    ----------
    Glorot, X., Bengio, Y. (2010). Understanding the difficulty of training deep
    feedforward neural networks. AISTATS 2010 (PMLR 9).
    """
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    a = 1.0 / math.sqrt(fan_in)
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def glorot_uniform(fan_in: int, fan_out: int, rng) -> np.ndarray:
    r"""Glorot/Xavier uniform initialisation.

    .. math:: W \sim U[-a, a], \qquad a = \sqrt{\frac{6}{n_{in} + n_{out}}}, \qquad
              \operatorname{Var}(W) = \frac{2}{n_{in} + n_{out}}

    Designed for symmetric activations such as tanh (unit gain at 0).

    References
    ----------
    Glorot, X., Bengio, Y. (2010). Understanding the difficulty of training deep
    feedforward neural networks. AISTATS 2010 (PMLR 9).
    """
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    a = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def glorot_normal(fan_in: int, fan_out: int, rng) -> np.ndarray:
    r"""Glorot/Xavier normal initialisation.

    .. math:: W \sim \mathcal{N}\!\left(0, \sigma^2\right), \qquad
              \sigma = \sqrt{\frac{2}{n_{in} + n_{out}}}

    References
    ----------
    Glorot, X., Bengio, Y. (2010). Understanding the difficulty of training deep
    feedforward neural networks. AISTATS 2010 (PMLR 9).
    """
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    return rng.normal(0.0, math.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))


def he_gain(negative_slope: float = 0.0) -> float:
    r"""Gain :math:`\sqrt{2 / (1 + s^2)}` for a rectifier with negative slope ``s``."""
    return math.sqrt(2.0 / (1.0 + float(negative_slope) ** 2))


def he_uniform(fan_in: int, fan_out: int, rng, negative_slope: float = 0.0) -> np.ndarray:
    r"""He/Kaiming uniform initialisation (fan-in mode).

    .. math:: W \sim U[-a, a], \qquad a = \text{gain}\sqrt{\frac{3}{n_{in}}}
              = \sqrt{\frac{6}{(1 + s^2)\, n_{in}}}

    so that :math:`\operatorname{Var}(W) = 2 / ((1 + s^2)\, n_{in})`; ``s`` is the
    negative slope (0 for ReLU, alpha for Leaky ReLU / PReLU).

    References
    ----------
    He, K., Zhang, X., Ren, S., Sun, J. (2015). Delving deep into rectifiers:
    surpassing human-level performance on ImageNet classification. ICCV 2015.
    arXiv:1502.01852.
    """
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    a = he_gain(negative_slope) * math.sqrt(3.0 / fan_in)
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def he_normal(fan_in: int, fan_out: int, rng, negative_slope: float = 0.0) -> np.ndarray:
    r"""He/Kaiming normal initialisation (fan-in mode).

    .. math:: W \sim \mathcal{N}(0, \sigma^2), \qquad
              \sigma = \frac{\text{gain}}{\sqrt{n_{in}}} = \sqrt{\frac{2}{(1 + s^2)\, n_{in}}}

    keeps the second moment of ReLU activations constant from layer to layer.

    References
    ----------
    He, K., Zhang, X., Ren, S., Sun, J. (2015). Delving deep into rectifiers:
    surpassing human-level performance on ImageNet classification. ICCV 2015.
    arXiv:1502.01852.
    """
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    return rng.normal(0.0, he_gain(negative_slope) / math.sqrt(fan_in), size=(fan_in, fan_out))


def lecun_uniform(fan_in: int, fan_out: int, rng) -> np.ndarray:
    r"""LeCun uniform initialisation (fan-in mode, unit gain).

    .. math:: W \sim U[-a, a], \qquad a = \sqrt{\frac{3}{n_{in}}}, \qquad
              \operatorname{Var}(W) = \frac{1}{n_{in}}

    With :math:`n_{in}\operatorname{Var}(W) = 1` a layer keeps the second moment of its
    input in its pre-activations. This is the weight scale that self-normalising (SELU)
    networks assume; LeCun et al. (1998) recommend standard deviation :math:`1/\sqrt{n_{in}}`.

    References
    ----------
    Klambauer, G., Unterthiner, T., Mayr, A., Hochreiter, S. (2017). Self-normalizing
    neural networks. NeurIPS 30. arXiv:1706.02515.
    """
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    a = math.sqrt(3.0 / fan_in)
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def lecun_normal(fan_in: int, fan_out: int, rng) -> np.ndarray:
    r"""LeCun normal initialisation (fan-in mode, unit gain).

    .. math:: W \sim \mathcal{N}(0, \sigma^2), \qquad \sigma = \frac{1}{\sqrt{n_{in}}}

    A plain (untruncated) normal. The initialisation that SELU networks need for their
    fixed point at mean 0, variance 1 (Klambauer et al. 2017); LeCun et al. (1998)
    recommend this scale for inputs that are standardised.

    References
    ----------
    Klambauer, G., Unterthiner, T., Mayr, A., Hochreiter, S. (2017). Self-normalizing
    neural networks. NeurIPS 30. arXiv:1706.02515.
    """
    fan_in, fan_out = _check(fan_in, fan_out, rng)
    return rng.normal(0.0, 1.0 / math.sqrt(fan_in), size=(fan_in, fan_out))


def bias(n_units: int, value: float = 0.0) -> np.ndarray:
    r"""Constant bias vector of shape (n_units,).

    Common choices:

    * ``0.0`` — the default; random weights already break the symmetry.
    * ``0.1`` — a small positive bias for ReLU units, so that most of them start
      in their active region (suggested in Goodfellow, Bengio, Courville (2016),
      Deep Learning, sect. 6.3.1).
    * ``1.0`` — for a sigmoid *gate* that should start mostly open
      (:math:`\sigma(1) \approx 0.73`), as is usual for an LSTM forget gate.
    """
    n_units = check_positive_int(n_units, "n_units")
    return np.full(n_units, float(value))


INITIALISERS = {
    "zeros": zeros,
    "small_uniform": small_uniform,
    "small_normal": small_normal,
    "simple_uniform": simple_uniform,
    "glorot_uniform": glorot_uniform,
    "glorot_normal": glorot_normal,
    "he_uniform": he_uniform,
    "he_normal": he_normal,
    "lecun_uniform": lecun_uniform,
    "lecun_normal": lecun_normal,
}
