"""Initialiser formulas, statistics, errors, and their effect on signal propagation in depth."""

import math

import numpy as np
import pytest

from solutions.initialisers import (
    INITIALISERS, bias, glorot_normal, glorot_uniform, he_normal, he_uniform, lecun_normal,
    lecun_uniform, simple_uniform, small_normal, small_uniform, zeros,
)
from solutions.mlp import MLP

FAN_IN, FAN_OUT = 400, 300


@pytest.mark.parametrize("name", sorted(INITIALISERS))
def test_shape_dtype_and_reproducibility(name):
    init = INITIALISERS[name]
    a = init(7, 5, np.random.default_rng(3))
    b = init(7, 5, np.random.default_rng(3))
    assert a.shape == (7, 5) and a.dtype == np.float64
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("init, limit", [
    (simple_uniform, 1 / math.sqrt(FAN_IN)),
    (glorot_uniform, math.sqrt(6 / (FAN_IN + FAN_OUT))),
    (he_uniform, math.sqrt(6 / FAN_IN)),
    (lecun_uniform, math.sqrt(3 / FAN_IN)),
    (small_uniform, 0.01),
])
def test_uniform_limits_and_std(init, limit):
    w = init(FAN_IN, FAN_OUT, np.random.default_rng(0))
    assert np.abs(w).max() <= limit
    assert np.abs(w).max() > 0.99 * limit  # the whole interval is used
    np.testing.assert_allclose(w.std(), limit / math.sqrt(3), rtol=0.02)
    assert abs(w.mean()) < 0.02 * limit


@pytest.mark.parametrize("init, std", [
    (glorot_normal, math.sqrt(2 / (FAN_IN + FAN_OUT))),
    (he_normal, math.sqrt(2 / FAN_IN)),
    (lecun_normal, 1 / math.sqrt(FAN_IN)),
    (small_normal, 0.01),
])
def test_normal_std(init, std):
    w = init(FAN_IN, FAN_OUT, np.random.default_rng(0))
    np.testing.assert_allclose(w.std(), std, rtol=0.02)
    assert abs(w.mean()) < 0.02 * std


def test_he_negative_slope_gain():
    rng = np.random.default_rng(0)
    a = 0.5
    w = he_normal(FAN_IN, FAN_OUT, rng, negative_slope=a)
    np.testing.assert_allclose(w.std(), math.sqrt(2 / ((1 + a**2) * FAN_IN)), rtol=0.02)
    u = he_uniform(FAN_IN, FAN_OUT, rng, negative_slope=a)
    assert np.abs(u).max() <= math.sqrt(6 / ((1 + a**2) * FAN_IN))


def test_zeros_and_bias():
    np.testing.assert_array_equal(zeros(3, 2), np.zeros((3, 2)))
    np.testing.assert_array_equal(bias(4), np.zeros(4))
    np.testing.assert_array_equal(bias(3, 0.1), [0.1, 0.1, 0.1])


@pytest.mark.parametrize("fan_in, fan_out, bad", [(-3, 4, "fan_in"), (0, 4, "fan_in"),
                                                  (3, 2.5, "fan_out"), (True, 4, "fan_in")])
def test_fans_must_be_positive_integers(fan_in, fan_out, bad):
    with pytest.raises(ValueError, match=f"{bad} must be a positive integer, got"):
        he_normal(fan_in, fan_out, np.random.default_rng(0))


def test_negative_fan_in_message_is_exact():
    with pytest.raises(ValueError) as info:
        glorot_uniform(-3, 4, np.random.default_rng(0))
    assert str(info.value) == "fan_in must be a positive integer, got -3"


@pytest.mark.parametrize("rng", [0, None, np.random.RandomState(0)])
def test_rng_must_be_a_generator(rng):
    with pytest.raises(TypeError, match=r"np\.random\.default_rng\(seed\)"):
        he_normal(3, 4, rng)


def _second_moment_ratio(weight_init, seed, depth=50, width=256, batch=128):
    """E[h^2] of the last hidden layer divided by that of the first, for a deep ReLU MLP."""
    rng = np.random.default_rng(seed)
    net = MLP([width] + [width] * depth + [10], "relu", rng, weight_init=weight_init)
    stats = net.activation_stats(rng.standard_normal((batch, width)))
    q = [s["std"] ** 2 + s["mean"] ** 2 for s in stats]
    return q[-1] / q[0]


def test_he_init_keeps_relu_signal_while_glorot_lets_it_vanish():
    """He init preserves E[h^2] across 50 ReLU layers; Glorot halves it per layer (2^-49)."""
    # One finite-width network's ratio fluctuates by a factor of ~e (std of the log ratio
    # is about 1 at width 256, depth 50), so average the log over six seeded networks.
    he = [_second_moment_ratio("he_normal", seed) for seed in range(6)]
    geometric_mean = math.exp(np.mean(np.log(he)))
    assert 0.2 <= geometric_mean <= 5.0
    for seed in range(2):
        glorot = _second_moment_ratio("glorot_normal", seed)
        assert glorot < 1e-10
        assert 1e-18 < glorot  # about 2^-49 ~ 1.8e-15, i.e. the predicted halving per layer


@pytest.mark.parametrize("init", [lecun_normal, lecun_uniform])
def test_lecun_variance_is_one_over_fan_in_whatever_the_fan_out(init):
    """Var(W) = 1/n_in: the fan-out does not enter, unlike Glorot's rule."""
    for fan_out in (10, 1000):
        w = init(FAN_IN, fan_out, np.random.default_rng(1))
        np.testing.assert_allclose(w.var(), 1 / FAN_IN, rtol=0.03)


def test_lecun_normal_keeps_selu_signal_at_unit_variance():
    """SELU with LeCun-normal weights keeps activations near mean 0, variance 1 in depth."""
    net = MLP([256] * 21 + [1], "selu", rng=np.random.default_rng(0), weight_init="lecun_normal")
    x = np.random.default_rng(1).standard_normal((500, 256))
    last = net.hidden_activations(x)[-1]
    assert abs(last.mean()) < 0.15
    assert 0.7 < last.var() < 1.3
