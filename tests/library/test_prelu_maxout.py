"""Forward/backward pairs with parameters: PReLU and maxout."""

import numpy as np
import pytest

from solutions.activations import maxout_backward, maxout_forward, prelu, prelu_backward, prelu_forward
from solutions.gradcheck import numerical_gradient_array, relative_error


def _away_from_zero(x):
    return np.where(np.abs(x) < 1e-3, 0.5, x)


@pytest.mark.parametrize("x_shape, alpha_shape", [
    ((4, 5), ()),             # one shared slope
    ((4, 5), (5,)),           # one slope per unit
    ((2, 3, 4, 4), (3, 1, 1)),  # one slope per channel of an image batch
])
def test_prelu_backward_matches_numerical_gradients(x_shape, alpha_shape):
    rng = np.random.default_rng(0)
    x = _away_from_zero(rng.normal(size=x_shape))
    alpha = rng.uniform(0.1, 0.4, size=alpha_shape)
    dout = rng.normal(size=x_shape)
    out, cache = prelu_forward(x, alpha)
    np.testing.assert_array_equal(out, prelu(x, alpha))
    dx, dalpha = prelu_backward(dout, cache)
    assert dx.shape == x.shape and dalpha.shape == np.shape(alpha)
    dx_num = numerical_gradient_array(lambda v: prelu_forward(v, alpha)[0], x, dout)
    dalpha_num = numerical_gradient_array(lambda a: prelu_forward(x, a)[0], alpha, dout)
    assert relative_error(dx, dx_num) < 1e-7
    assert relative_error(dalpha, dalpha_num) < 1e-7


def test_prelu_scalar_alpha_given_as_python_float():
    x = np.array([[-1.0, 2.0], [-3.0, 4.0]])
    _, cache = prelu_forward(x, 0.25)
    dx, dalpha = prelu_backward(np.ones_like(x), cache)
    np.testing.assert_array_equal(dx, [[0.25, 1.0], [0.25, 1.0]])
    assert dalpha.shape == () and dalpha == -4.0


def test_prelu_rejects_alpha_that_does_not_broadcast_to_x():
    with pytest.raises(ValueError, match="alpha must be"):
        prelu(np.ones((4, 5)), np.ones(4))
    with pytest.raises(ValueError, match="alpha must be"):
        prelu(np.ones(5), np.ones((2, 5)))  # would enlarge the output


def test_prelu_backward_rejects_wrong_dout_shape():
    _, cache = prelu_forward(np.ones((2, 3)), 0.25)
    with pytest.raises(ValueError, match="dout"):
        prelu_backward(np.ones((3, 2)), cache)


def _maxout_problem(seed=0, N=6, D=4, M=3, K=2):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(N, D)), rng.normal(size=(D, M, K)), rng.normal(size=(M, K)),
            rng.normal(size=(N, M)))


def test_maxout_forward_is_max_of_affine_pieces():
    x, W, b, _ = _maxout_problem()
    out, _ = maxout_forward(x, W, b)
    pieces = np.stack([x @ W[:, :, k] + b[:, k] for k in range(W.shape[2])], axis=-1)
    np.testing.assert_allclose(out, pieces.max(axis=-1), rtol=1e-14)
    assert out.shape == (6, 3)


def test_maxout_backward_matches_numerical_gradients():
    x, W, b, dout = _maxout_problem()
    out, cache = maxout_forward(x, W, b)
    # the check is only valid away from ties between pieces
    z = np.sort(np.einsum("nd,dmk->nmk", x, W) + b, axis=-1)
    assert np.min(z[..., -1] - z[..., -2]) > 1e-4
    dx, dW, db = maxout_backward(dout, cache)
    assert dx.shape == x.shape and dW.shape == W.shape and db.shape == b.shape
    assert relative_error(dx, numerical_gradient_array(lambda v: maxout_forward(v, W, b)[0], x, dout)) < 1e-7
    assert relative_error(dW, numerical_gradient_array(lambda v: maxout_forward(x, v, b)[0], W, dout)) < 1e-7
    assert relative_error(db, numerical_gradient_array(lambda v: maxout_forward(x, W, v)[0], b, dout)) < 1e-7


def test_maxout_ties_route_gradient_to_first_piece():
    x = np.array([[1.0, 2.0]])
    W = np.ones((2, 1, 3))  # three identical pieces: all tie
    b = np.zeros((1, 3))
    out, cache = maxout_forward(x, W, b)
    _, dW, db = maxout_backward(np.array([[1.0]]), cache)
    assert out[0, 0] == 3.0
    np.testing.assert_array_equal(db, [[1.0, 0.0, 0.0]])
    np.testing.assert_array_equal(dW[:, 0, :], [[1.0, 0.0, 0.0], [2.0, 0.0, 0.0]])


@pytest.mark.parametrize("W_shape, b_shape, match", [
    ((5, 3, 2), (3, 2), "W must have shape"),
    ((4, 3), (3, 2), "W must have shape"),
    ((4, 3, 2), (2, 3), "b must have shape"),
])
def test_maxout_rejects_inconsistent_shapes(W_shape, b_shape, match):
    with pytest.raises(ValueError, match=match):
        maxout_forward(np.ones((6, 4)), np.ones(W_shape), np.ones(b_shape))


def test_maxout_rejects_non_2d_input():
    with pytest.raises(ValueError, match=r"x must have shape \(N, D\)"):
        maxout_forward(np.ones(4), np.ones((4, 3, 2)), np.ones((3, 2)))
