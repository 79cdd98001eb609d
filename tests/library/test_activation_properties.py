"""Hypothesis property tests: invariants that must hold for every input."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from solutions.activations import (
    elu, elu_grad, leaky_relu, relu, selu, sigmoid, softplus, softplus_grad, tanh,
)
from solutions.gradcheck import numerical_gradient_array

# No example database on disk (keeps the checkout clean); no per-example deadline.
SETTINGS = settings(database=None, deadline=None, max_examples=200)
finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@SETTINGS
@given(finite)
def test_relu_is_nonnegative_and_idempotent(x):
    y = relu(x)
    assert y >= 0.0
    assert relu(y) == y
    assert y == max(x, 0.0)


@SETTINGS
@given(st.lists(finite, min_size=1, max_size=20))
def test_leaky_relu_with_zero_slope_is_relu(xs):
    np.testing.assert_array_equal(leaky_relu(xs, alpha=0.0), relu(xs))


@SETTINGS
@given(moderate)
def test_tanh_is_a_rescaled_sigmoid(x):
    np.testing.assert_allclose(tanh(x), 2.0 * sigmoid(2.0 * x) - 1.0, rtol=1e-12, atol=1e-15)


@SETTINGS
@given(st.floats(min_value=-30.0, max_value=30.0))
def test_softplus_derivative_is_sigmoid(x):
    assert softplus_grad(x) == sigmoid(x)
    numeric = numerical_gradient_array(softplus, np.array([x]), np.ones(1), h=1e-5)
    np.testing.assert_allclose(numeric, [sigmoid(x)], rtol=1e-6, atol=1e-12)


@SETTINGS
@given(st.floats(min_value=-30.0, max_value=30.0))
def test_sigmoid_strictly_inside_unit_interval_for_moderate_inputs(x):
    s = sigmoid(x)
    assert 0.0 < s < 1.0


@SETTINGS
@given(finite)
def test_sigmoid_always_in_closed_unit_interval(x):
    s = sigmoid(x)
    assert 0.0 <= s <= 1.0
    np.testing.assert_allclose(s + sigmoid(-x), 1.0, rtol=1e-15)


@SETTINGS
@given(st.floats(min_value=1e-300, max_value=1e-3), st.floats(min_value=0.1, max_value=3.0))
def test_elu_and_selu_are_continuous_at_zero(eps, alpha):
    assert elu(0.0, alpha) == 0.0 and selu(0.0) == 0.0
    # |f(eps) - f(-eps)| <= (1 + max slope) * eps on both sides of 0
    assert abs(elu(eps, alpha) - elu(-eps, alpha)) <= (1.0 + alpha) * eps * (1 + 1e-12)
    assert abs(selu(eps) - selu(-eps)) <= 3.0 * eps
    # with alpha = 1 ELU is C1: both one-sided slopes approach 1
    assert abs(elu_grad(-eps) - 1.0) <= 2 * eps
