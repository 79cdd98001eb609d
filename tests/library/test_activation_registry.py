"""Checks parametrised over the ACTIVATIONS registry: gradients, shapes, purity, numerics, kinks."""

import warnings

import numpy as np
import pytest

from solutions.activations import (
    ACTIVATIONS, PRELU_INIT, SELU_ALPHA, SELU_LAMBDA, Activation, UnknownActivationError,
    elu_grad, get_activation, leaky_relu_grad, prelu_grad, relu6_grad, relu_grad, selu_grad,
)
from solutions.gradcheck import numerical_gradient_array, relative_error
from solutions.sigmoidal import gelu, gelu_grad

NAMES = sorted(ACTIVATIONS)
KINKS = {"relu": [0.0], "leaky_relu": [0.0], "prelu": [0.0], "elu": [0.0], "selu": [0.0],
         "relu6": [0.0, 6.0]}
# Sampling interval for the gradient check. Saturating functions stay in [-4, 4]: further
# out f' is tiny compared with f, and the centred difference (rounding error ~ 1e-16*|f|/h)
# can no longer resolve it to 1e-7 relative. ReLU6 is sampled past its upper kink.
INTERVAL = {"relu6": (-4.0, 8.0)}
GELU_TANH = Activation("gelu_tanh", lambda x: gelu(x, approximate="tanh"),
                       lambda x: gelu_grad(x, approximate="tanh"), "GELU, tanh form")


def test_registry_keys_are_exactly_the_course_activations():
    assert set(ACTIVATIONS) == {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu",
                                "elu", "selu", "softplus", "gelu", "silu", "relu6"}
    for name, act in ACTIVATIONS.items():
        assert isinstance(act, Activation) and act.name == name
        assert isinstance(act.description, str) and act.description and "\n" not in act.description


def test_activation_is_frozen():
    with pytest.raises(AttributeError):
        ACTIVATIONS["relu"].name = "other"


def _sample_away_from_kinks(name, n=200, seed=0):
    lo, hi = INTERVAL.get(name, (-4.0, 4.0))
    x = np.random.default_rng(seed).uniform(lo, hi, n)
    for k in KINKS.get(name, []):
        x = x[np.abs(x - k) > 1e-3]
    return x


@pytest.mark.parametrize("act", [ACTIVATIONS[n] for n in NAMES] + [GELU_TANH], ids=lambda a: a.name)
def test_grad_matches_centred_differences(act):
    x = _sample_away_from_kinks(act.name)
    # Elementwise f: perturbing x_i changes only f(x)_i, so dout = 1 gives f'(x_i) exactly.
    numeric = numerical_gradient_array(act.forward, x.copy(), np.ones_like(x), h=1e-5)
    assert relative_error(act.grad(x), numeric) < 1e-7


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", [(), (3,), (2, 3, 4)])
def test_shape_and_dtype_preserved(name, shape):
    act = ACTIVATIONS[name]
    x = np.random.default_rng(1).normal(size=shape)
    for fn in (act.forward, act.grad):
        out = fn(x)
        assert isinstance(out, np.ndarray)
        assert out.shape == shape and out.dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
def test_accepts_scalars_lists_and_int_arrays(name):
    act = ACTIVATIONS[name]
    assert act.forward(1).shape == ()
    np.testing.assert_array_equal(act.forward([-1.0, 2.0]), act.forward(np.array([-1.0, 2.0])))
    np.testing.assert_array_equal(act.grad(np.array([-1, 2])), act.grad(np.array([-1.0, 2.0])))
    assert act.forward(np.array([1.0], dtype=np.float32)).dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
def test_input_is_not_modified(name):
    act = ACTIVATIONS[name]
    x = np.random.default_rng(2).normal(size=(4, 5)) * 3
    before = x.copy()
    out_f, out_g = act.forward(x), act.grad(x)
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(out_f, x) and not np.shares_memory(out_g, x)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad", ["abc", ["1", "2"], np.array([1.0, None], dtype=object),
                                 None, np.array([1 + 2j])])
def test_rejects_non_numeric_input(name, bad):
    act = ACTIVATIONS[name]
    for fn in (act.forward, act.grad):
        with pytest.raises(TypeError, match="numeric"):
            fn(bad)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("scale", [1e4, 1e300])
def test_no_warning_and_finite_for_huge_inputs(name, scale):
    act = ACTIVATIONS[name]
    x = np.array([-scale, -1.0, 0.0, 1.0, scale])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            y, g = act.forward(x), act.grad(x)
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(g))


@pytest.mark.parametrize("approximate", ["none", "tanh"])
def test_gelu_tanh_form_is_warning_free_too(approximate):
    x = np.array([-1e300, -1e4, 0.0, 1e4, 1e300])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y, g = gelu(x, approximate), gelu_grad(x, approximate)
    np.testing.assert_array_equal(y, [0.0, 0.0, 0.0, 1e4, 1e300])
    np.testing.assert_array_equal(g, [0.0, 0.0, 0.5, 1.0, 1.0])


def test_kink_values_follow_the_left_piece_convention():
    assert relu_grad(0.0) == 0.0
    assert leaky_relu_grad(0.0) == 0.01
    assert leaky_relu_grad(0.0, alpha=0.3) == 0.3
    assert prelu_grad(0.0, 0.25) == 0.25
    assert elu_grad(0.0) == 1.0
    assert elu_grad(0.0, alpha=0.5) == 0.5
    assert selu_grad(0.0) == SELU_LAMBDA * SELU_ALPHA
    assert relu6_grad(0.0) == 0.0
    assert relu6_grad(6.0) == 1.0


@pytest.mark.parametrize("name", sorted(KINKS))
def test_registry_grad_at_kinks_equals_left_derivative(name):
    """At each kink the registered grad equals the slope just to its left."""
    act = ACTIVATIONS[name]
    for k in KINKS[name]:
        left = float(act.grad(k - 1e-9))
        np.testing.assert_allclose(act.grad(k), left, rtol=1e-8)


def test_registry_defaults_are_baked_in():
    assert ACTIVATIONS["leaky_relu"].forward(-1.0) == -0.01
    assert ACTIVATIONS["prelu"].forward(-1.0) == -PRELU_INIT == -0.25
    assert ACTIVATIONS["elu"].grad(0.0) == 1.0


def test_get_activation_returns_registry_entries():
    assert get_activation("relu") is ACTIVATIONS["relu"]
    assert get_activation("Leaky-ReLU") is ACTIVATIONS["leaky_relu"]
    assert get_activation(ACTIVATIONS["tanh"]) is ACTIVATIONS["tanh"]


def test_unknown_activation_lists_names_and_suggests_closest():
    with pytest.raises(KeyError) as info:
        get_activation("rleu")
    message = str(info.value)
    assert "'rleu'" in message and "Did you mean 'relu'?" in message
    for name in ACTIVATIONS:
        assert name in message
    with pytest.raises(ValueError, match="unknown activation"):
        get_activation("sigmod")
    assert isinstance(UnknownActivationError("x"), (KeyError, ValueError))


def test_get_activation_rejects_non_strings():
    with pytest.raises(TypeError, match="str"):
        get_activation(3)


def test_indexing_the_registry_with_an_unknown_name_explains_itself():
    with pytest.raises(UnknownActivationError, match=r"unknown activation 'relux'\. Did you mean 'relu'\? Valid names: linear"):
        ACTIVATIONS["relux"]
    assert "relux" not in ACTIVATIONS and ACTIVATIONS.get("relux") is None  # still a plain dict
