r"""Input scaling fitted on the training set only, then applied to any split.

Data are (N, D) arrays: N samples (rows) by D features (columns). Statistics
are computed on ``x_train`` and reused unchanged for validation/test data, so no
information leaks from the test split into training.

References
----------
LeCun, Y., Bottou, L., Orr, G., Müller, K.-R. (1998). Efficient BackProp. In
Neural Networks: Tricks of the Trade — inputs with zero mean and comparable
variances speed up learning, especially for tanh units.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_2d

__all__ = ["fit_standardiser", "standardise", "fit_min_max", "min_max_scale"]


def _check_pair(a, b, names: tuple[str, str]) -> tuple[np.ndarray, np.ndarray]:
    a, b = as_float_array(a, names[0]), as_float_array(b, names[1])
    if a.ndim != 1 or b.shape != a.shape:
        raise ValueError(f"{names[0]} and {names[1]} must both have shape (D,), "
                         f"got {a.shape} and {b.shape}")
    return a, b


def fit_standardiser(x_train):
    r"""Per-feature mean and standard deviation of the training data.

    .. math:: \mu_j = \frac1N \sum_n x_{nj}, \qquad
              s_j = \sqrt{\frac1N \sum_n (x_{nj} - \mu_j)^2}

    (population std, ``ddof=0``, as in scikit-learn's ``StandardScaler``).
    A constant feature has :math:`s_j = 0`; its std is reported as **1** so that
    :func:`standardise` maps it to 0 instead of dividing by zero.

    Parameters
    ----------
    x_train : array_like, shape (N, D)

    Returns
    -------
    mean : ndarray, shape (D,)
    std : ndarray, shape (D,), strictly positive.
    """
    x = check_2d(x_train, "x_train")
    if x.shape[0] == 0:
        raise ValueError("x_train must contain at least one row, got shape (0, D)")
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std == 0.0] = 1.0
    return mean, std


def standardise(x, mean, std) -> np.ndarray:
    r"""Return :math:`(x - \mu) / s`, feature by feature.

    Parameters
    ----------
    x : array_like, shape (N, D)
    mean, std : arrays of shape (D,) from :func:`fit_standardiser`.

    Returns
    -------
    ndarray, float64, shape (N, D). On the training data every non-constant
    column has mean 0 and std 1; constant columns become 0.
    """
    mean, std = _check_pair(mean, std, ("mean", "std"))
    x = check_2d(x, "x", mean.shape[0])
    if np.any(std <= 0):
        raise ValueError("std must be strictly positive; use the std from fit_standardiser")
    return (x - mean) / std


def fit_min_max(x_train):
    r"""Per-feature minimum and maximum of the training data.

    Parameters
    ----------
    x_train : array_like, shape (N, D)

    Returns
    -------
    lo, hi : ndarrays of shape (D,), with ``lo <= hi``.
    """
    x = check_2d(x_train, "x_train")
    if x.shape[0] == 0:
        raise ValueError("x_train must contain at least one row, got shape (0, D)")
    return x.min(axis=0), x.max(axis=0)


def min_max_scale(x, lo, hi) -> np.ndarray:
    r"""Map the training range :math:`[lo_j, hi_j]` of each feature onto [0, 1].

    .. math:: x'_{nj} = \frac{x_{nj} - lo_j}{hi_j - lo_j}

    A constant training feature (:math:`hi_j = lo_j`) uses a range of 1, so it maps
    to 0 on the training data instead of dividing by zero. Values outside the
    training range (e.g. in test data) map outside [0, 1]; they are not clipped.

    Parameters
    ----------
    x : array_like, shape (N, D)
    lo, hi : arrays of shape (D,) from :func:`fit_min_max`.

    Returns
    -------
    ndarray, float64, shape (N, D).
    """
    lo, hi = _check_pair(lo, hi, ("lo", "hi"))
    x = check_2d(x, "x", lo.shape[0])
    span = hi - lo
    if np.any(span < 0):
        raise ValueError("hi must be >= lo for every feature; use the output of fit_min_max")
    span[span == 0.0] = 1.0
    return (x - lo) / span
