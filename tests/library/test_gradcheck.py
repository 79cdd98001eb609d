"""The numerical gradient helpers themselves."""

import numpy as np
import pytest

from solutions.gradcheck import numerical_gradient, numerical_gradient_array, relative_error


def test_numerical_gradient_of_a_quadratic():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = np.array([0.5, -1.5])
    grad = numerical_gradient(lambda v: 0.5 * v @ A @ v, x)
    assert relative_error(grad, A @ x) < 1e-9


def test_numerical_gradient_leaves_x_bit_for_bit_unchanged():
    x = np.random.default_rng(0).normal(size=(3, 4))
    before = x.copy()
    numerical_gradient(lambda v: np.sum(np.sin(v)), x)
    assert np.array_equal(x, before)


def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0])
    calls = []

    def f(v):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return float(v.sum())

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_numerical_gradient_works_through_a_closure():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    grad = numerical_gradient(lambda _: float(np.sum(W**2)), W)  # f ignores its argument
    assert relative_error(grad, 2 * W) < 1e-9


def test_numerical_gradient_accepts_lists_and_ints():
    grad = numerical_gradient(lambda v: float(np.sum(v**3)), [1, 2])
    assert grad.dtype == np.float64
    assert relative_error(grad, np.array([3.0, 12.0])) < 1e-9


def test_numerical_gradient_rejects_array_valued_f():
    with pytest.raises(ValueError, match="numerical_gradient_array"):
        numerical_gradient(lambda v: v * 2, np.ones(3))


def test_numerical_gradient_array_is_a_vector_jacobian_product():
    rng = np.random.default_rng(1)
    M = rng.normal(size=(3, 4))
    x = rng.normal(size=4)
    dout = rng.normal(size=3)
    vjp = numerical_gradient_array(lambda v: M @ v, x, dout)
    assert relative_error(vjp, M.T @ dout) < 1e-9


def test_numerical_gradient_array_checks_dout_shape():
    with pytest.raises(ValueError, match="dout"):
        numerical_gradient_array(lambda v: v, np.ones(3), np.ones(4))


def test_relative_error_definition():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    np.testing.assert_allclose(relative_error([1.0], [3.0]), 0.5)
    assert relative_error([0.0], [1e-12]) == pytest.approx(1e-4)  # denominator floored at 1e-8
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.ones(2), np.ones(3))
