"""Input scaling and penalties."""

import numpy as np
import pytest

from solutions.gradcheck import numerical_gradient, relative_error
from solutions.penalties import (
    l1_activation_penalty, l1_activation_penalty_grad, l1_penalty, l1_penalty_grad, l2_penalty,
    l2_penalty_grad,
)
from solutions.preprocessing import fit_min_max, fit_standardiser, min_max_scale, standardise


def _data():
    rng = np.random.default_rng(0)
    x = rng.normal(5.0, 3.0, size=(50, 4))
    x[:, 2] = 7.0  # a constant feature
    return x


def test_standardiser_on_training_data():
    x = _data()
    mean, std = fit_standardiser(x)
    assert mean.shape == std.shape == (4,)
    assert std[2] == 1.0  # constant feature: std reported as 1, no division by zero
    z = standardise(x, mean, std)
    np.testing.assert_allclose(z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0)[[0, 1, 3]], 1.0, rtol=1e-12)
    np.testing.assert_array_equal(z[:, 2], 0.0)


def test_standardise_uses_training_statistics_for_new_data():
    mean, std = np.array([1.0, 2.0]), np.array([2.0, 4.0])
    np.testing.assert_allclose(standardise([[3.0, 2.0]], mean, std), [[1.0, 0.0]])


def test_min_max_scaling():
    x = _data()
    lo, hi = fit_min_max(x)
    s = min_max_scale(x, lo, hi)
    np.testing.assert_allclose(s.min(axis=0)[[0, 1, 3]], 0.0, atol=1e-15)
    np.testing.assert_allclose(s.max(axis=0)[[0, 1, 3]], 1.0, rtol=1e-15)
    np.testing.assert_array_equal(s[:, 2], 0.0)
    out_of_range = min_max_scale(hi[None, :] + (hi - lo), lo, hi)  # not clipped
    np.testing.assert_allclose(out_of_range[0, [0, 1, 3]], 2.0)


@pytest.mark.parametrize("fn", [fit_standardiser, fit_min_max])
def test_fit_rejects_non_2d(fn):
    with pytest.raises(ValueError, match=r"shape \(N, D\)"):
        fn(np.ones(5))


def test_apply_rejects_wrong_width():
    mean, std = fit_standardiser(np.ones((3, 4)))
    with pytest.raises(ValueError, match=r"shape \(N, 4\)"):
        standardise(np.ones((3, 5)), mean, std)


def test_l1_and_l2_penalties_and_gradients():
    w = np.array([[1.0, -2.0], [0.0, 3.0]])
    assert l1_penalty(w, 0.5) == 0.5 * 6.0
    assert l2_penalty(w, 0.5) == 0.25 * 14.0
    np.testing.assert_array_equal(l1_penalty_grad(w, 0.5), [[0.5, -0.5], [0.0, 0.5]])
    np.testing.assert_array_equal(l2_penalty_grad(w, 0.5), 0.5 * w)


def test_penalties_over_a_list_of_arrays():
    ws = [np.array([1.0, -1.0]), np.array([[2.0]])]
    assert l1_penalty(ws, 1.0) == 4.0
    assert l2_penalty(ws, 2.0) == 6.0
    grads = l2_penalty_grad(ws, 2.0)
    assert isinstance(grads, list) and [g.shape for g in grads] == [(2,), (1, 1)]
    assert isinstance(l1_penalty_grad([1.0, -2.0], 1.0), np.ndarray)  # flat list = one vector


def test_l2_gradient_numerically():
    w = np.random.default_rng(1).normal(size=(3, 3))
    assert relative_error(l2_penalty_grad(w, 0.3), numerical_gradient(lambda v: l2_penalty(v, 0.3), w)) < 1e-8


def test_l1_activation_penalty_is_batch_mean_of_l1_norms():
    h = np.array([[1.0, -2.0, 0.0], [0.5, 0.0, 0.5]])
    assert l1_activation_penalty(h, 0.1) == pytest.approx(0.1 * (3.0 + 1.0) / 2)
    np.testing.assert_allclose(l1_activation_penalty_grad(h, 0.1), 0.1 * np.sign(h) / 2)
    h2 = np.random.default_rng(2).normal(size=(4, 3))
    numeric = numerical_gradient(lambda v: l1_activation_penalty(v, 0.1), h2)
    assert relative_error(l1_activation_penalty_grad(h2, 0.1), numeric) < 1e-8


@pytest.mark.parametrize("fn", [l1_penalty, l1_penalty_grad, l2_penalty, l2_penalty_grad,
                                l1_activation_penalty, l1_activation_penalty_grad])
def test_negative_lam_is_rejected(fn):
    with pytest.raises(ValueError, match="lam must be a finite number >= 0, got -0.1"):
        fn(np.ones((2, 2)), -0.1)
