"""The tiny MLP: backprop against numerical gradients, training, diagnostics and validation."""


import numpy as np
import pytest

from solutions.activations import UnknownActivationError
from solutions.datasets import load_digits, regression_1d, train_test_split, xor
from solutions.gradcheck import numerical_gradient, relative_error
from solutions.mlp import MLP
from solutions.preprocessing import fit_standardiser, standardise


def _problem(output, seed=0, N=7, D=3, K=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, D))
    y = rng.integers(0, K, size=N) if output == "softmax" else rng.normal(size=(N, K))
    return X, y


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "gelu", "elu"])
@pytest.mark.parametrize("output", ["softmax", "linear"])
def test_backward_matches_numerical_gradients(activation, output):
    X, y = _problem(output)
    net = MLP([3, 5, 6, 4], activation, np.random.default_rng(1), weight_init="glorot_normal",
              bias_init=0.1, output=output)
    net.forward(X)
    # A kink inside a difference quotient would spoil the check. Perturbing one parameter
    # by h = 1e-5 moves a pre-activation by at most ~h * max|input| ~ 3e-5, so 1e-4 is safe.
    assert min(np.abs(z).min() for z in net.cache["z"][:-1]) > 1e-4
    loss, grads = net.loss_and_gradients(X, y)
    assert len(grads) == 3
    # cs231n's element-wise max relative error. Its floor is the rounding error of the
    # difference quotient, ~1e-16 * loss / h ~ 1e-11 absolute, so a gradient entry
    # 1e5 times smaller than the largest could exceed 1e-7 without any bug; with these
    # seeds every entry passes.
    for W, b, (dW, db) in zip(net.weights, net.biases, grads):
        assert dW.shape == W.shape and db.shape == b.shape
        f = lambda _: net.loss(X, y)  # reads W and b in place
        assert relative_error(dW, numerical_gradient(f, W)) < 1e-7
        assert relative_error(db, numerical_gradient(f, b)) < 1e-7
    assert net.loss(X, y) == loss  # the check left the parameters untouched


def test_softmax_loss_at_uniform_prediction_is_log_k():
    net = MLP([3, 4, 5], "relu", np.random.default_rng(0), weight_init="zeros", output="softmax")
    X, y = _problem("softmax", K=5)
    np.testing.assert_allclose(net.loss(X, y), np.log(5.0), rtol=1e-14)
    np.testing.assert_allclose(net.forward(X).sum(axis=1), 1.0, rtol=1e-14)


def test_mse_loss_value():
    net = MLP([1, 2, 1], "tanh", np.random.default_rng(0), weight_init="zeros")
    # zero weights and biases: the output is 0, so the loss is mean(y^2)
    assert net.loss(np.ones((3, 1)), [1.0, 2.0, 3.0]) == pytest.approx(14.0 / 3.0)


def test_sgd_step_updates_parameters_in_place():
    net = MLP([2, 3, 1], "tanh", np.random.default_rng(0))
    W0 = net.weights[0]
    before = W0.copy()
    _, grads = net.loss_and_gradients(np.ones((4, 2)), np.ones(4))
    net.sgd_step(grads, 0.1)
    assert net.weights[0] is W0
    np.testing.assert_allclose(W0, before - 0.1 * grads[0][0])


def test_training_reduces_the_loss_on_xor():
    X, y = xor()
    net = MLP([2, 8, 2], "tanh", np.random.default_rng(0), weight_init="glorot_uniform",
              output="softmax")
    history = net.fit(X, y, epochs=300, lr=0.5, batch_size=4, rng=np.random.default_rng(1))
    assert history["loss"][-1] < 0.1 * history["loss"][0]
    assert net.accuracy(X, y) == 1.0


def test_regression_fit_and_predict_shape():
    X, y = regression_1d(64, np.random.default_rng(0), noise=0.05)
    net = MLP([1, 16, 1], "tanh", np.random.default_rng(0), weight_init="glorot_normal")
    first = net.loss(X, y)
    net.fit(X, y, epochs=50, lr=0.05, batch_size=16, rng=np.random.default_rng(0))
    assert net.loss(X, y) < 0.5 * first
    assert net.predict(X).shape == (64,)


def test_fit_on_digits_is_accurate():
    # How fast is measured by benchmarks, not asserted here: a busy machine is not a bug.
    X, y = load_digits()
    rng = np.random.default_rng(0)
    Xtr, Xte, ytr, yte = train_test_split(X, y, 0.25, rng)
    mean, std = fit_standardiser(Xtr)
    Xtr, Xte = standardise(Xtr, mean, std), standardise(Xte, mean, std)
    net = MLP([64, 64, 10], "relu", rng, output="softmax")
    history = net.fit(Xtr, ytr, epochs=30, lr=0.05, batch_size=32, rng=rng)
    assert len(history["loss"]) == len(history["grad_norms"]) == 30
    assert history["epoch"] == list(range(1, 31))
    assert len(history["grad_norms"][0]) == 2 and len(history["activation_stats"][0]) == 1
    assert history["loss"][-1] < history["loss"][0]
    assert net.accuracy(Xte, yte) > 0.9


def test_record_every_keeps_the_last_epoch():
    X, y = xor()
    net = MLP([2, 4, 2], "relu", np.random.default_rng(0), output="softmax")
    history = net.fit(X, y, epochs=7, lr=0.1, batch_size=2, record_every=3)
    assert history["epoch"] == [3, 6, 7]


def test_activation_stats_and_dead_units():
    net = MLP([2, 3, 3, 1], "relu", np.random.default_rng(0))
    net.biases[0][:] = [-100.0, 0.0, 0.0]  # unit 0 of layer 1 can never fire on small inputs
    X = np.random.default_rng(1).normal(size=(50, 2))
    dead = net.dead_units(X)
    assert [d.shape for d in dead] == [(3,), (3,)] and dead[0].dtype == bool
    assert dead[0][0] and not dead[0][1:].any()
    stats = net.activation_stats(X)
    assert len(stats) == 2 and set(stats[0]) == {"mean", "std", "frac_zero"}
    h1 = net.hidden_activations(X)[0]
    assert stats[0]["frac_zero"] == np.mean(h1 == 0.0) >= 1 / 3


def test_gradient_norms_are_frobenius_norms():
    X, y = _problem("softmax")
    net = MLP([3, 5, 4], "tanh", np.random.default_rng(0), output="softmax")
    _, grads = net.loss_and_gradients(X, y)
    np.testing.assert_allclose(net.gradient_norms(X, y), [np.sqrt(np.sum(g[0] ** 2)) for g in grads])


def test_wrong_input_width_is_reported():
    net = MLP([4, 3, 2], "relu", np.random.default_rng(0), output="softmax")
    with pytest.raises(ValueError, match=r"X must have shape \(N, 4\), got shape \(5, 3\)"):
        net.forward(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"shape \(N, 4\)"):
        net.predict(np.ones(4))


def test_bad_targets_are_reported():
    net = MLP([2, 3, 3], "relu", np.random.default_rng(0), output="softmax")
    with pytest.raises(ValueError, match="labels must lie in 0..2"):
        net.loss(np.ones((2, 2)), [0, 3])
    with pytest.raises(ValueError, match=r"y must be integer class labels of shape \(2,\)"):
        net.loss(np.ones((2, 2)), [0.5, 1.0])
    reg = MLP([2, 3, 2], "relu", np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"y must have shape \(2, 2\)"):
        reg.loss(np.ones((2, 2)), [1.0, 2.0])


def test_constructor_validation():
    rng = np.random.default_rng(0)
    with pytest.raises(UnknownActivationError, match="Did you mean 'relu'"):
        MLP([2, 3, 1], "rleu", rng)
    with pytest.raises(TypeError, match=r"default_rng"):
        MLP([2, 3, 1], "relu")
    with pytest.raises(ValueError, match="weight_init"):
        MLP([2, 3, 1], "relu", rng, weight_init="xavier")
    with pytest.raises(ValueError, match="output"):
        MLP([2, 3, 1], "relu", rng, output="sigmoid")
    with pytest.raises(ValueError, match="layer_sizes"):
        MLP([2], "relu", rng)
    with pytest.raises(ValueError, match=r"layer_sizes\[1\] must be a positive integer"):
        MLP([2, 0, 1], "relu", rng)


def test_backward_before_loss_is_an_error():
    with pytest.raises(RuntimeError, match="loss"):
        MLP([2, 2, 1], "relu", np.random.default_rng(0)).backward()


def test_accuracy_needs_softmax_output():
    with pytest.raises(ValueError, match="softmax"):
        MLP([2, 2, 1], "relu", np.random.default_rng(0)).accuracy(np.ones((1, 2)), [1])
