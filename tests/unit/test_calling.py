"""The one call path (solutions.calling): inputs as promised, outcomes typed. No sandbox."""

import time

import numpy as np
import pytest

from solutions import calling, plainvalues
from solutions.calling import Outcome, Status


def encode(*args, **kwargs):
    return ([plainvalues.encode_argument(a) for a in args],
            {k: plainvalues.encode_argument(v) for k, v in kwargs.items()})


def received(*args, **kwargs):
    """What a learner's function receives when a check passes ``args``."""
    seen = []
    outcome = calling.call(lambda *a, **k: seen.append((a, k)), *encode(*args, **kwargs))
    assert outcome.status is Status.RETURNED
    return seen[0]


@pytest.mark.parametrize("value", [
    np.array(1.5), np.array([1.0, -2.0]), np.zeros((2, 3, 0)), np.array([[1, 2]], dtype=np.int64),
    np.array([True, False]), np.float32(2.5) * np.ones(3, dtype=np.float32)])
def test_arrays_arrive_with_their_type_dtype_and_shape(value):
    (arg,), _ = received(value)
    assert type(arg) is np.ndarray and arg.dtype == value.dtype and arg.shape == value.shape
    assert np.array_equal(arg, value)


def test_a_0d_array_stays_an_array_so_copy_and_mask_works():
    def relu(x):
        out = x.copy()
        out[out < 0] = 0.0
        return out
    outcome = calling.call(relu, *encode(np.array(-3.0)))
    assert outcome.status is Status.RETURNED
    assert plainvalues.from_plain(outcome.value) == 0.0


@pytest.mark.parametrize("value", [1.5, -0.0, float("inf"), 3, True, None, "tanh",
                                   [1.0, [2.0, 3.0]], (1, 2.0), np.float64(2.0), np.int64(7)])
def test_python_values_arrive_as_python_values(value):
    (arg,), _ = received(value)
    assert type(arg) is type(value)
    assert repr(arg) == repr(value)


def test_keyword_arguments_seeded_generators_and_probe_functions_arrive():
    (f,), kwargs = received(plainvalues.sum_of_cubes, rng=plainvalues.SeededRng(3), alpha=0.1)
    assert f is plainvalues.sum_of_cubes and kwargs["alpha"] == 0.1
    assert kwargs["rng"].normal() == np.random.default_rng(3).normal()


def test_each_call_gets_fresh_inputs():
    encoded = encode(np.array([1.0, 2.0]))
    seen = []
    for _ in range(2):
        calling.call(lambda x: (seen.append(x.copy()), x.fill(9.0)), *encoded)
    assert all(np.array_equal(x, [1.0, 2.0]) for x in seen) and len(seen) == 2


def test_an_argument_no_check_may_pass_is_refused_with_its_type():
    with pytest.raises(TypeError, match="set"):
        plainvalues.encode_argument({1, 2})


@pytest.mark.parametrize("body, status, error_type", [
    ("raise NotImplementedError()", Status.NOT_IMPLEMENTED, ""),
    ("return 1.0 / (1.0 + np.exp(-x))", Status.FLOATING_POINT, "FloatingPointError"),
    ("raise KeyError('k')", Status.RAISED, "KeyError"),
    ("raise SystemExit(3)", Status.RAISED, "SystemExit"),
    ("return x[0] * 2", Status.RETURNED, ""),
])
def test_outcomes_are_typed(body, status, error_type):
    namespace = {"np": np}
    exec("def f(x):\n    " + body, namespace)
    outcome = calling.call(namespace["f"], *encode(np.array([-1e4, 1.0])))
    assert outcome.status is status and outcome.error_type == error_type


def test_a_missing_function_and_a_time_limit():
    assert calling.call(None, [], {}).status is Status.MISSING
    start = time.monotonic()
    outcome = calling.call(lambda: time.sleep(5), [], {}, seconds=0.2)
    assert outcome.status is Status.TIMEOUT and time.monotonic() - start < 2


def test_in_place_changes_are_detected():
    def relu_in_place(x):
        np.maximum(x, 0.0, out=x)
        return x
    assert calling.call(relu_in_place, *encode(np.array([-1.0, 2.0]))).mutated
    assert not calling.call(lambda x: np.maximum(x, 0.0), *encode(np.array([-1.0, 2.0]))).mutated


@pytest.mark.parametrize("returns_its_input", [
    lambda x: x, lambda x: x[::-1], lambda x: np.asarray(x, dtype=np.float64),
    lambda x: (x.reshape(2, 1), 1.0), lambda x: [np.zeros(2), x]])
def test_an_input_array_returned_as_the_result_is_noted(returns_its_input):
    assert calling.call(returns_its_input, *encode(np.array([-1.0, 2.0]))).aliased


@pytest.mark.parametrize("returns_a_new_array", [
    lambda x: np.array(x, dtype=np.float64), lambda x: x.copy(), lambda x: x * 1.0,
    lambda x: x.astype(np.float64), lambda x: float(x[0])])
def test_a_new_result_is_not_taken_for_an_input(returns_a_new_array):
    assert not calling.call(returns_a_new_array, *encode(np.array([-1.0, 2.0]))).aliased


def test_outcomes_cross_the_sandbox_boundary_as_json_and_back():
    outcome = Outcome(Status.RAISED, error_type="ValueError", message="bad", mutated=True)
    assert Outcome.from_json(outcome.to_json()) == outcome
    aliased = Outcome(Status.RETURNED, value=None, aliased=True)
    assert Outcome.from_json(aliased.to_json()) == aliased
    with pytest.raises(ValueError):
        Outcome.from_json({"status": "passed, trust me"})
