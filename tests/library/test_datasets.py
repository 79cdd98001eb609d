"""Toy data generators, the split helper and the bundled digits."""

import numpy as np
import pytest

from solutions.datasets import load_digits, regression_1d, spirals, train_test_split, two_moons, xor


def test_xor():
    X, y = xor()
    assert X.shape == (4, 2) and y.shape == (4,)
    np.testing.assert_array_equal(y, np.logical_xor(X[:, 0], X[:, 1]).astype(int))


def test_two_moons_shapes_labels_and_determinism():
    X, y = two_moons(101, 0.1, np.random.default_rng(0))
    assert X.shape == (101, 2) and X.dtype == np.float64 and y.shape == (101,)
    assert np.bincount(y).tolist() == [50, 51]
    X2, y2 = two_moons(101, 0.1, np.random.default_rng(0))
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = two_moons(101, 0.1, np.random.default_rng(1))
    assert not np.array_equal(X, X3)


def test_two_moons_without_noise_lie_on_the_circles():
    X, y = two_moons(40, 0.0, np.random.default_rng(0))
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1.0, X[y == 1, 1] - 0.5), 1.0)


def test_spirals():
    X, y = spirals(50, 3, np.random.default_rng(0), noise=0.2)
    assert X.shape == (150, 2) and y.shape == (150,)
    assert np.bincount(y).tolist() == [50, 50, 50]
    assert np.all(np.hypot(X[:, 0], X[:, 1]) <= 1.0 + 1e-12)
    np.testing.assert_array_equal(X, spirals(50, 3, np.random.default_rng(0), noise=0.2)[0])


def test_regression_1d():
    X, y = regression_1d(60, np.random.default_rng(0), noise=0.0)
    assert X.shape == (60, 1) and y.shape == (60,)
    assert np.all(np.diff(X[:, 0]) >= 0)
    np.testing.assert_allclose(y, np.sin(X[:, 0]))


def test_train_test_split():
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10)
    Xtr, Xte, ytr, yte = train_test_split(X, y, 0.3, np.random.default_rng(0))
    assert Xtr.shape == (7, 2) and Xte.shape == (3, 2)
    assert sorted(np.concatenate([ytr, yte]).tolist()) == list(range(10))
    np.testing.assert_array_equal(Xte[:, 0], 2 * yte)  # rows stay paired with labels
    again = train_test_split(X, y, 0.3, np.random.default_rng(0))
    np.testing.assert_array_equal(again[1], Xte)


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.2])
def test_train_test_split_rejects_bad_fractions(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        train_test_split(np.ones((5, 1)), np.ones(5), fraction, np.random.default_rng(0))


def test_generators_require_a_generator():
    with pytest.raises(TypeError, match=r"default_rng"):
        two_moons(10, 0.1, 42)
    with pytest.raises(TypeError, match=r"default_rng"):
        train_test_split(np.ones((5, 1)), np.ones(5), 0.2, None)


def test_load_digits():
    X, y = load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and np.issubdtype(y.dtype, np.integer)
    assert X.min() == 0.0 and X.max() == 16.0
    assert np.all(X == np.round(X))
    assert sorted(np.unique(y).tolist()) == list(range(10))
    assert np.bincount(y).min() >= 170
