"""Hand-computed closed-form values of every activation and its derivative."""

import math

import numpy as np
import pytest

from solutions.activations import (
    SELU_ALPHA, SELU_LAMBDA, elu, elu_grad, gelu, gelu_grad, leaky_relu,
    leaky_relu_grad, linear, linear_grad, prelu, prelu_grad, prelu_grad_alpha, relu,
    relu6, relu6_grad, relu_grad, selu, selu_grad, sigmoid, sigmoid_grad, silu,
    silu_grad, softplus, softplus_grad, tanh, tanh_grad,
)
from solutions.sigmoidal import erf


def test_linear_is_identity_with_unit_slope():
    x = np.array([-2.5, 0.0, 3.0])
    np.testing.assert_array_equal(linear(x), x)
    np.testing.assert_array_equal(linear_grad(x), [1.0, 1.0, 1.0])


def test_sigmoid_known_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid_grad(0.0) == 0.25
    np.testing.assert_allclose(sigmoid(1.0), 1.0 / (1.0 + math.e**-1), rtol=1e-15)
    np.testing.assert_allclose(sigmoid(-1.0), 1.0 - sigmoid(1.0), rtol=1e-15)
    # sigma(ln 3) = 3/4, sigma'(ln 3) = 3/16
    np.testing.assert_allclose(sigmoid(math.log(3.0)), 0.75, rtol=1e-15)
    np.testing.assert_allclose(sigmoid_grad(math.log(3.0)), 3.0 / 16.0, rtol=1e-15)
    # relative accuracy in the far tail: sigma(-40) = e^-40 / (1 + e^-40)
    np.testing.assert_allclose(sigmoid(-40.0), math.exp(-40) / (1 + math.exp(-40)), rtol=1e-14)
    np.testing.assert_allclose(sigmoid_grad(40.0), math.exp(-40) / (1 + math.exp(-40)) ** 2,
                               rtol=1e-14)


def test_sigmoid_grad_is_maximal_at_zero():
    x = np.linspace(-10, 10, 2001)
    assert np.argmax(sigmoid_grad(x)) == 1000
    assert sigmoid_grad(x).max() == 0.25


def test_tanh_values_and_derivative():
    assert tanh(0.0) == 0.0 and tanh_grad(0.0) == 1.0
    np.testing.assert_allclose(tanh(1.0), (math.e - 1 / math.e) / (math.e + 1 / math.e), rtol=1e-15)
    x = np.linspace(-5, 5, 101)
    np.testing.assert_allclose(tanh_grad(x), 1.0 - np.tanh(x) ** 2, rtol=1e-12, atol=1e-15)
    # accurate tail: tanh'(30) = 4 e^-60 / (1 + e^-60)^2, where 1 - tanh^2 would give 0
    np.testing.assert_allclose(tanh_grad(30.0), 4 * math.exp(-60), rtol=1e-14)


def test_relu_table():
    x = np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])
    np.testing.assert_array_equal(relu(x), [0.0, 0.0, 0.0, 1.0, 1000.0])
    np.testing.assert_array_equal(relu_grad(x), [0.0, 0.0, 0.0, 1.0, 1.0])


def test_leaky_relu_table():
    x = np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])
    np.testing.assert_allclose(leaky_relu(x), [-10.0, -0.01, 0.0, 1.0, 1000.0], rtol=1e-15)
    np.testing.assert_array_equal(leaky_relu_grad(x), [0.01, 0.01, 0.01, 1.0, 1.0])
    np.testing.assert_allclose(leaky_relu(-2.0, alpha=0.2), -0.4, rtol=1e-15)


def test_prelu_values():
    x = np.array([[-2.0, 3.0], [4.0, -5.0]])
    alpha = np.array([0.25, 0.5])  # one slope per column
    np.testing.assert_allclose(prelu(x, alpha), [[-0.5, 3.0], [4.0, -2.5]], rtol=1e-15)
    np.testing.assert_array_equal(prelu_grad(x, alpha), [[0.25, 1.0], [1.0, 0.5]])
    np.testing.assert_array_equal(prelu_grad_alpha(x, alpha), [[-2.0, 0.0], [0.0, -5.0]])


def test_elu_values():
    np.testing.assert_allclose(elu(-1.0), math.exp(-1) - 1, rtol=1e-15)
    np.testing.assert_allclose(elu(-1.0, alpha=2.0), 2 * (math.exp(-1) - 1), rtol=1e-15)
    np.testing.assert_allclose(elu_grad(-1.0), math.exp(-1), rtol=1e-15)
    assert elu(2.0) == 2.0 and elu_grad(2.0) == 1.0
    assert elu(-1e4) == -1.0  # saturates at -alpha
    # expm1 keeps relative accuracy for tiny negative inputs
    np.testing.assert_allclose(elu(-1e-12), math.expm1(-1e-12), rtol=1e-15)


def test_selu_constants_and_values():
    np.testing.assert_allclose(SELU_LAMBDA, 1.0507009873554805, rtol=1e-16)
    np.testing.assert_allclose(SELU_ALPHA, 1.6732632423543772, rtol=1e-16)
    np.testing.assert_allclose(selu(1.0), SELU_LAMBDA, rtol=1e-15)
    np.testing.assert_allclose(selu(-1.0), SELU_LAMBDA * SELU_ALPHA * (math.exp(-1) - 1), rtol=1e-15)
    np.testing.assert_allclose(selu(-1e4), -SELU_LAMBDA * SELU_ALPHA, rtol=1e-15)
    np.testing.assert_allclose(selu_grad(2.0), SELU_LAMBDA, rtol=1e-15)


def test_relu6_table():
    x = np.array([-3.0, 0.0, 3.0, 6.0, 7.0])
    np.testing.assert_array_equal(relu6(x), [0.0, 0.0, 3.0, 6.0, 6.0])
    np.testing.assert_array_equal(relu6_grad(x), [0.0, 0.0, 1.0, 1.0, 0.0])


def test_softplus_values():
    np.testing.assert_allclose(softplus(0.0), math.log(2.0), rtol=1e-15)
    np.testing.assert_allclose(softplus(1.0), math.log1p(math.e), rtol=1e-15)
    np.testing.assert_allclose(softplus(-50.0), math.exp(-50), rtol=1e-12)  # log1p(e^x) ~ e^x
    assert softplus(1e4) == 1e4
    assert softplus_grad(0.0) == 0.5


def test_silu_values():
    assert silu(0.0) == 0.0 and silu_grad(0.0) == 0.5
    s1 = 1.0 / (1.0 + math.exp(-1))
    np.testing.assert_allclose(silu(1.0), s1, rtol=1e-15)
    np.testing.assert_allclose(silu_grad(1.0), s1 + s1 * (1 - s1), rtol=1e-15)


def test_erf_matches_math_erf():
    x = np.random.default_rng(0).normal(0.0, 3.0, 2000)
    expected = np.array([math.erf(v) for v in x])
    np.testing.assert_allclose(erf(x), expected, rtol=1e-13, atol=0)


@pytest.mark.parametrize("x", [-3.0, -1.0, -0.5, 0.5, 1.0, 2.0])
def test_gelu_exact_matches_math_erf(x):
    expected = 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0)))
    np.testing.assert_allclose(gelu(x), expected, rtol=1e-13)
    pdf = math.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    cdf = 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))
    np.testing.assert_allclose(gelu_grad(x), cdf + x * pdf, rtol=1e-13)


def test_gelu_one_and_left_tail():
    np.testing.assert_allclose(gelu(1.0), 0.5 * (1 + math.erf(1 / math.sqrt(2))), rtol=1e-15)
    # x * Phi(x) at x = -10 is about -7.6e-23: the erfc form keeps it, 1 + erf would give 0
    expected = -10.0 * 0.5 * math.erfc(10 / math.sqrt(2))
    np.testing.assert_allclose(gelu(-10.0), expected, rtol=1e-13)


def test_gelu_tanh_form():
    x = 1.5
    u = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
    np.testing.assert_allclose(gelu(x, approximate="tanh"), 0.5 * x * (1 + math.tanh(u)), rtol=1e-14)
    grid = np.linspace(-8, 8, 1601)
    assert np.max(np.abs(gelu(grid) - gelu(grid, approximate="tanh"))) < 5e-4


def test_gelu_rejects_unknown_approximation():
    with pytest.raises(ValueError, match="approximate"):
        gelu(1.0, approximate="erf")
    with pytest.raises(ValueError, match="approximate"):
        gelu_grad(1.0, approximate=True)
