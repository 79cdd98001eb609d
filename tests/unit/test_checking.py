"""The check API's verdicts and words, decided on plain data. No kernel, no sandbox."""

import numpy as np
import pytest

from solutions import checking, plainvalues
from solutions.calling import Outcome, Status
from solutions.checking import Check, CheckFailed, call, check


def returned(value):
    return Outcome(Status.RETURNED, plainvalues.to_plain(value))


def spec(args, expected, hidden=False, label="", **kw):
    return Check(function="relu", calls=[call(*args)], expected=[plainvalues.to_plain(expected)],
                 hidden=hidden, label=label, **kw)


def test_a_hidden_failure_names_the_kind_of_input_never_its_values():
    x = np.array(-123.456)
    (v,) = checking.verdict(spec([x], 0.0, hidden=True), [returned(-123.456)])
    assert not v.ok
    assert "a 0-d float64 array" in v.message and "about 1e2" in v.message
    assert "123" not in v.message.replace("1e2", "")


def test_a_hidden_failure_says_exact_zeros_and_the_instructors_label():
    x = np.array([0.0, -1.0, 2.0])
    (v,) = checking.verdict(spec([x], [0.0, 0.0, 2.0], hidden=True), [returned([1.0, 0.0, 2.0])])
    assert "with exact zeros" in v.message and "shape (3,)" in v.message
    (v,) = checking.verdict(spec([x], [0.0, 0.0, 2.0], hidden=True, label="inputs at the kink"),
                            [returned([1.0, 0.0, 2.0])])
    assert "inputs at the kink" in v.message


def test_a_visible_failure_shows_the_call_and_then_the_label():
    x = np.array([0.0, 2.0])
    (v,) = checking.verdict(spec([x], [0.0, 2.0], label="the kink: relu_grad(0) = 0"),
                            [returned([1.0, 2.0])])
    assert v.message.startswith("relu([0., 2.]) [the kink: relu_grad(0) = 0]: expected")
    (v,) = checking.verdict(spec([x], [0.0, 2.0]), [returned([1.0, 2.0])])
    assert v.message.startswith("relu([0., 2.]): expected")


def test_a_short_string_argument_is_named_in_a_hidden_failure():
    s = Check(function="backprop_chain", calls=[call(0.5, "relu")], expected=[plainvalues.to_plain(1.0)],
              hidden=True)
    (v,) = checking.verdict(s, [returned(2.0)])
    assert "the string 'relu'" in v.message


def test_returning_the_input_array_itself_is_named_as_such():
    aliased = Outcome(Status.RETURNED, plainvalues.to_plain([1.0, 2.0]), aliased=True)
    (v,) = checking.verdict(spec([np.array([1.0, 2.0])], [1.0, 2.0]), [aliased])
    assert not v.ok and "returned its input array itself" in v.message
    (v,) = checking.verdict(spec([np.array([1.0, 2.0])], [1.0, 2.0], allow_mutation=True), [aliased])
    assert v.ok


def test_a_hidden_text_answer_is_not_quoted():
    s = Check(function="name", calls=[call(1.0)], expected=[plainvalues.to_plain("tanh")], hidden=True)
    (v,) = checking.verdict(s, [returned("relu")])
    assert "tanh" not in v.message


def test_a_failed_comparison_states_the_tolerance():
    (v,) = checking.verdict(spec([np.array([1.0])], [1.0]), [returned([1.001])])
    assert "1e-10 + 1e-07 * |expected|" in v.message


def test_nan_and_infinity_are_named():
    (v,) = checking.verdict(spec([np.array([1.0, 2.0])], [1.0, 2.0]), [returned([np.nan, 2.0])])
    assert "NaN in 1 of 2 places" in v.message
    (v,) = checking.verdict(spec([np.array([1.0])], [1.0]), [returned([np.inf])])
    assert "infinity in 1 of 1 places" in v.message


def test_an_unimplemented_function_says_so_in_plain_words():
    def relu(x):
        raise NotImplementedError()
    with pytest.raises(CheckFailed) as failure:
        check(relu, [np.array([1.0]), np.array([2.0])], expected=[[1.0], [2.0]])
    assert str(failure.value) == ("relu is not implemented yet: replace `raise "
                                  "NotImplementedError()` with your code.")


def test_a_failed_check_shows_no_frames_of_the_course_code():
    with pytest.raises(CheckFailed) as failure:
        check(lambda x: x, [np.array([1.0])], expected=[[2.0]])
    rendered = failure.value._render_traceback_()
    assert rendered == ["CheckFailed: " + str(failure.value)]
    assert "checking.py" not in "".join(rendered)


def test_a_visible_failure_shows_a_list_of_differently_shaped_arrays():
    weights = [np.eye(2), np.array([[1.0, -1.0]])]
    s = Check(function="forward", calls=[call(np.ones((1, 2)), weights, "relu")],
              expected=[plainvalues.to_plain([1.0])])
    (v,) = checking.verdict(s, [returned([2.0])])
    assert not v.ok
    shown = "[%s, %s]" % (plainvalues.describe(weights[0]), plainvalues.describe(weights[1]))
    assert v.message.startswith("forward([[1., 1.]], %s, 'relu'): expected [1.]" % shown)


def test_an_in_place_change_is_named_as_such():
    def relu(x):
        x[x < 0] = 0.0
        return x
    with pytest.raises(CheckFailed, match="changed its input array in place"):
        check(relu, [np.array([-1.0, 1.0])], expected=[[0.0, 1.0]])


@pytest.mark.parametrize("marker", ["### BEGIN HIDDEN TESTS", "# BEGIN HIDDEN TESTS ###",
                                    "#BEGIN HIDDEN TESTS", "    ## BEGIN HIDDEN TESTS: edge cases"])
def test_hidden_regions_are_cut_where_nbgrader_cuts_them(marker):
    from nbformat.v4 import new_code_cell
    from nbgrader.preprocessors import ClearHiddenTests
    source = "visible_line = 1\n%s\nsecret_line = 2\n# END HIDDEN TESTS\nlast_line = 3" % marker
    cell = new_code_cell(source, metadata={"nbgrader": {"grade": True, "grade_id": "t",
                                                        "points": 1, "solution": False}})
    ClearHiddenTests().preprocess_cell(cell, {}, 0)
    ours = [line for code, hidden in checking.split_hidden(source) if not hidden
            for line in code.splitlines()]
    assert ours == cell.source.splitlines() == ["visible_line = 1", "last_line = 3"]


# --- check_network and check_ratio: the grader computes what it measures itself ------------

def _network_spec(x, y, hidden=False, **network):
    return Check(function="train_digits", calls=[call(x, y, 0)], expected=[plainvalues.to_plain((x, y))],
                 compare="network", network=dict({"sizes": [2, 3, 2], "activation": "relu"}, **network),
                 hidden=hidden)


def _sorting_net():
    """A 2-3-2 ReLU network whose logits are (h_1, h_2) with h = relu(x): class = larger input."""
    W1 = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    W2 = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    return [(W1, np.zeros(3)), (W2, np.zeros(2))]


def test_a_network_check_runs_the_returned_network_itself():
    x = np.array([[2.0, 1.0], [0.5, 3.0], [4.0, 0.0]])
    y = np.array([0, 1, 0])
    (v,) = checking.verdict(_network_spec(x, y, accuracy=1.0), [returned(_sorting_net())])
    assert v.ok, v.message
    (v,) = checking.verdict(_network_spec(x, np.array([1, 1, 1]), accuracy=0.5), [returned(_sorting_net())])
    assert not v.ok and "accuracy 0.333 is below the required 0.500" in v.message
    assert "expected" not in v.message  # the test data are not shown


def test_a_network_check_refuses_predictions_and_other_shapes():
    x, y = np.array([[2.0, 1.0]]), np.array([0])
    (v,) = checking.verdict(_network_spec(x, y, accuracy=1.0), [returned(np.array([0]))])
    assert not v.ok and "list of 2 (W, b) pairs" in v.message
    linear = [(np.eye(2), np.zeros(2))]
    (v,) = checking.verdict(_network_spec(x, y, accuracy=1.0), [returned(linear)])
    assert not v.ok and "list of 2 (W, b) pairs" in v.message
    wrong = _sorting_net()
    wrong[0] = (wrong[0][0].T, wrong[0][1])
    (v,) = checking.verdict(_network_spec(x, y, accuracy=1.0), [returned(wrong)])
    assert not v.ok and "layer 1 has W of shape (3, 2)" in v.message
    broken = _sorting_net()
    broken[1] = (broken[1][0] * np.nan, broken[1][1])
    (v,) = checking.verdict(_network_spec(x, y, accuracy=1.0), [returned(broken)])
    assert not v.ok and "NaN or infinity" in v.message


def test_a_network_check_can_bound_the_loss_instead():
    x, y = np.array([[2.0, 1.0], [0.0, 1.0]]), np.array([0, 1])
    zero = [(np.zeros((2, 3)), np.zeros(3)), (np.zeros((3, 2)), np.zeros(2))]  # p = 1/2: loss ln 2
    near = (np.log(2) - 0.01, np.log(2) + 0.01)
    (v,) = checking.verdict(_network_spec(x, y, loss_within=near), [returned(zero)])
    assert v.ok, v.message
    (v,) = checking.verdict(_network_spec(x, y, loss_within=near), [returned(_sorting_net())])
    assert not v.ok and "mean cross-entropy" in v.message


def test_check_network_wants_exactly_one_criterion_and_a_known_activation():
    x, y = np.zeros((2, 2)), np.zeros(2, dtype=np.int64)

    def train_digits(x, y, seed):
        return _sorting_net()

    with pytest.raises(TypeError):
        checking.check_network(train_digits, [call(x, y, 0)], x, y, sizes=[2, 3, 2], activation="relu")
    with pytest.raises(ValueError):
        checking.check_network(train_digits, [call(x, y, 0)], x, y, sizes=[2, 3, 2], activation="gelu",
                               accuracy=0.5)
    checking.check_network(train_digits, [call(x, y, 0)], x, y, sizes=[2, 3, 2], activation="relu",
                           accuracy=0.5)  # both labels 0; h = 0 gives logits (0, 0), arg-max 0


def _ratio_spec(length=3, at_most=5.0):
    return Check(function="gradient_norms_at_init", calls=[call(0)],
                 expected=[plainvalues.to_plain(np.ones(length))], compare="ratio", at_most=at_most)


def test_a_ratio_check_bounds_largest_over_smallest():
    (v,) = checking.verdict(_ratio_spec(), [returned(np.array([1.0, 4.9, 2.0]))])
    assert v.ok
    (v,) = checking.verdict(_ratio_spec(), [returned(np.array([1.0, 5.1, 2.0]))])
    assert not v.ok and "largest / smallest is 5.1, more than the allowed 5" in v.message
    (v,) = checking.verdict(_ratio_spec(), [returned(np.array([0.0, 1.0, 2.0]))])
    assert not v.ok and "positive and finite" in v.message
    (v,) = checking.verdict(_ratio_spec(), [returned(np.array([1.0, 2.0]))])
    assert not v.ok and "expected 3 numbers" in v.message


def test_a_choices_check_accepts_any_allowed_names_and_says_what_is_allowed():
    expected = plainvalues.to_plain((np.array(2), "slow", "fast"))
    s = Check(function="diagnosis", calls=[call()], expected=[expected], compare="choices")
    (v,) = checking.verdict(s, [returned((" Fast", "slow"))])
    assert v.ok, v.message
    (v,) = checking.verdict(s, [returned(("fast", "broken"))])
    assert not v.ok and "'broken' is not one of the allowed names (slow, fast)" in v.message
    (v,) = checking.verdict(s, [returned("fast")])
    assert not v.ok and "expected 2 names" in v.message
