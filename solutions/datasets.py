r"""Small data sets for the course: toy problems generated from a seed, and digits.

Generators take an explicit ``rng`` (``np.random.default_rng(seed)``) and return
``X`` as float64 (N, D) and ``y`` as int64 labels (N,) (or float64 targets for
regression). Nothing is downloaded at run time.
"""

from __future__ import annotations

import math
import numbers
from pathlib import Path

import numpy as np

from ._validation import check_positive_int, check_rng

__all__ = ["xor", "two_moons", "spirals", "regression_1d", "train_test_split", "load_digits"]

_DIGITS_PATH = Path(__file__).with_name("digits.npz")


def _check_noise(noise) -> float:
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not noise >= 0:
        raise ValueError(f"noise must be a number >= 0, got {noise!r}")
    return float(noise)


def xor() -> tuple[np.ndarray, np.ndarray]:
    """The four XOR points: ``X`` (4, 2) float64 in {0, 1}, ``y`` (4,) int64 = x1 XOR x2."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0], dtype=np.int64)
    return X, y


def two_moons(n: int = 200, noise: float = 0.1, rng=None):
    r"""Two interleaving half circles (like scikit-learn's ``make_moons``).

    Class 0: :math:`(\cos t, \sin t)`, class 1: :math:`(1 - \cos t, \tfrac12 - \sin t)`,
    :math:`t \in [0, \pi]` evenly spaced, plus Gaussian noise of std ``noise``.

    Returns
    -------
    X : ndarray (n, 2) float64; y : ndarray (n,) int64 with ``n // 2`` zeros
    (the first rows) and ``n - n // 2`` ones.
    """
    n = check_positive_int(n, "n")
    noise = _check_noise(noise)
    rng = check_rng(rng)
    n0 = n // 2
    t0 = np.linspace(0.0, math.pi, n0)
    t1 = np.linspace(0.0, math.pi, n - n0)
    X = np.concatenate([
        np.column_stack([np.cos(t0), np.sin(t0)]),
        np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)]),
    ])
    X += noise * rng.standard_normal(X.shape)
    y = np.concatenate([np.zeros(n0, dtype=np.int64), np.ones(n - n0, dtype=np.int64)])
    return X, y


def spirals(n_per_class: int = 100, n_classes: int = 3, rng=None, noise: float = 0.2):
    r"""Interleaved spiral arms, one per class (the cs231n spiral data).

    For class :math:`c` and :math:`i = 0..n-1`: radius :math:`r_i = i/(n-1)`, angle
    :math:`\theta_i = 4c + 4 r_i + \text{noise}\cdot\varepsilon_i` with
    :math:`\varepsilon_i \sim \mathcal{N}(0, 1)`, point :math:`r_i(\sin\theta_i, \cos\theta_i)`.

    Returns
    -------
    X : ndarray (n_per_class * n_classes, 2) float64, inside the unit disc.
    y : ndarray (n_per_class * n_classes,) int64 in ``0 .. n_classes-1``, grouped by class.
    """
    n = check_positive_int(n_per_class, "n_per_class")
    k = check_positive_int(n_classes, "n_classes")
    noise = _check_noise(noise)
    rng = check_rng(rng)
    r = np.linspace(0.0, 1.0, n)
    X = np.empty((n * k, 2))
    y = np.repeat(np.arange(k, dtype=np.int64), n)
    for c in range(k):
        theta = 4.0 * c + 4.0 * r + noise * rng.standard_normal(n)
        X[c * n:(c + 1) * n] = np.column_stack([r * np.sin(theta), r * np.cos(theta)])
    return X, y


def regression_1d(n: int = 100, rng=None, noise: float = 0.1):
    r"""Noisy sine curve: :math:`y = \sin(x) + \text{noise}\cdot\varepsilon`, :math:`x \sim U[-\pi, \pi]`.

    Returns
    -------
    X : ndarray (n, 1) float64, sorted ascending (convenient for plotting).
    y : ndarray (n,) float64.
    """
    n = check_positive_int(n, "n")
    rng = check_rng(rng)
    noise = _check_noise(noise)
    x = np.sort(rng.uniform(-math.pi, math.pi, n))
    y = np.sin(x) + noise * rng.standard_normal(n)
    return x[:, None], y


def train_test_split(X, y, test_fraction: float = 0.25, rng=None):
    r"""Shuffle the rows and split them into training and test parts.

    ``round(test_fraction * N)`` rows (at least 1, at most N - 1) go to the test
    part. No stratification.

    Returns
    -------
    X_train, X_test, y_train, y_test (scikit-learn's order).
    """
    rng = check_rng(rng)
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or X.shape[0] != y.shape[0]:
        raise ValueError(f"X and y must have the same number of rows, got shapes "
                         f"{X.shape} and {y.shape}")
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, numbers.Real) \
            or not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction!r}")
    n = X.shape[0]
    if n < 2:
        raise ValueError(f"need at least 2 rows to split, got {n}")
    n_test = min(max(int(round(test_fraction * n)), 1), n - 1)
    order = rng.permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    r"""The 8x8 handwritten digits: ``X`` (1797, 64) float64 in [0, 16], ``y`` (1797,) intp in 0..9.

    Each row is an 8x8 image flattened row by row; a pixel counts the "on" pixels
    of a 4x4 block of the original 32x32 bitmap, hence the range 0..16. Reshape a
    row with ``X[i].reshape(8, 8)`` to view it. Classes are roughly balanced
    (174 to 183 images each).

    Provenance and licence
    ----------------------
    UCI Machine Learning Repository, "Optical Recognition of Handwritten Digits"
    (E. Alpaydin, C. Kaynak, 1998), licensed CC BY 4.0. These 1797 images are the
    test split of that data set, as bundled with scikit-learn
    (``sklearn.datasets.load_digits``), from which ``digits.npz`` was written once
    (``np.savez_compressed``, arrays ``X`` and ``y`` as uint8). Reference:
    Alpaydin, E., Kaynak, C. (1998). Cascading classifiers. Kybernetika.
    """
    with np.load(_DIGITS_PATH) as data:
        X = data["X"].astype(np.float64)
        # NumPy's index type: int64 here, int32 in the browser (32-bit Pyodide), where
        # np.bincount and indexing refuse int64 labels.
        y = data["y"].astype(np.intp)
    return X, y
