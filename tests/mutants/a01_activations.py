"""Plausible wrong answers to assignment 1 (activations), each expected to lose its part's points."""

ASSIGNMENT = "01-activations"
NOTEBOOK = "activations.ipynb"

_STABLE = "    e = np.exp(-np.abs(x))\n"


def _net(first, middle, last):
    """A tanh_net_as_sigmoid_net answer; first/middle/last give (A, a) from W, b for each kind of layer."""
    return {"tanh_net_as_sigmoid_net_answer": (
        "def tanh_net_as_sigmoid_net(weights, biases):\n    V, c = [], []\n    L = len(weights)\n"
        "    for l, (W, b) in enumerate(zip(weights, biases)):\n"
        "        W, b = np.asarray(W, dtype=float), np.asarray(b, dtype=float)\n"
        "        if L == 1:\n            A, a = W.copy(), b.copy()\n"
        "        elif l == 0:\n            A, a = " + first + "\n"
        "        elif l == L - 1:\n            A, a = " + last + "\n"
        "        else:\n            A, a = " + middle + "\n"
        "        V.append(A)\n        c.append(a)\n    return V, c\n")}


_FIRST_OK = "2.0 * W, 2.0 * b"
_MIDDLE_OK = "4.0 * W, 2.0 * (b - W.sum(axis=0))"
_LAST_OK = "2.0 * W, b - W.sum(axis=0)"


def _count(body):
    """A count_threshold_functions answer: body sees corners (2^n, n), rng, n_inputs, n_samples."""
    return {"count_threshold_functions_answer": (
        "import itertools\n\n\ndef count_threshold_functions(n_inputs, n_samples, rng):\n"
        "    corners = np.array(list(itertools.product([0.0, 1.0], repeat=n_inputs)))\n" + body)}


def _bce(body):
    return {"bce_with_logits_answer": "def bce_with_logits(z, y):\n" + body}


MUTANTS = {
    "linear_is_the_identity": {
        "relu_by_mistake": {"linear_answer": "def linear(x):\n    return np.maximum(np.asarray(x, dtype=float), 0.0)\n"},
        "derivative_instead_of_value": {"linear_answer": "def linear(x):\n    return np.ones_like(np.asarray(x, dtype=float))\n"},
        "off_by_sign": {"linear_answer": "def linear(x):\n    return -np.asarray(x, dtype=float)\n"},
        "flattens_the_shape": {"linear_answer": "def linear(x):\n    return np.ravel(np.array(x, dtype=float))\n"},
        "truncates_to_integers": {"linear_answer": "def linear(x):\n    return np.asarray(x).astype(int)\n"},
        "absolute_value": {"linear_answer": "def linear(x):\n    return np.abs(np.asarray(x, dtype=float))\n"},
    },
    "sigmoid_matches_formula": {
        "off_by_sign": {"sigmoid_answer": "def sigmoid(x):\n    return 1.0 / (1.0 + np.exp(np.asarray(x, dtype=float)))\n"},
        "forgets_the_one": {"sigmoid_answer": "def sigmoid(x):\n    return 1.0 / np.exp(-np.asarray(x, dtype=float))\n"},
        "tanh_instead": {"sigmoid_answer": "def sigmoid(x):\n    return np.tanh(np.asarray(x, dtype=float))\n"},
        "tanh_identity_without_half": {"sigmoid_answer": "def sigmoid(x):\n    return 0.5 * (1.0 + np.tanh(np.asarray(x, dtype=float)))\n"},
        "branches_swapped": {"sigmoid_answer": (
            "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n" + _STABLE
            + "    return np.where(x >= 0, e / (1.0 + e), 1.0 / (1.0 + e))\n")},
        "overwrites_the_input": {"sigmoid_answer": (
            "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n    pos = x >= 0\n"
            "    x[pos] = 1.0 / (1.0 + np.exp(-x[pos]))\n    e = np.exp(x[~pos])\n"
            "    x[~pos] = e / (1.0 + e)\n    return x\n")},
    },
    "sigmoid_is_stable_at_extremes": {
        "naive_exp_of_minus_x": {"sigmoid_answer": "def sigmoid(x):\n    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))\n"},
        "naive_exp_ratio": {"sigmoid_answer": (
            "def sigmoid(x):\n    e = np.exp(np.asarray(x, dtype=float))\n    return e / (1.0 + e)\n")},
        "where_evaluates_both_branches": {"sigmoid_answer": (
            "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n"
            "    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))\n")},
        "tanh_identity_loses_the_tail": {"sigmoid_answer": "def sigmoid(x):\n    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))\n"},
        "clips_before_exp": {"sigmoid_answer": (
            "def sigmoid(x):\n    x = np.clip(np.asarray(x, dtype=float), -500.0, 500.0)\n"
            "    return 1.0 / (1.0 + np.exp(-x))\n")},
        "one_minus_for_negatives": {"sigmoid_answer": (
            "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n    out = np.empty_like(x)\n"
            "    pos = x >= 0\n    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))\n"
            "    out[~pos] = 1.0 - 1.0 / (1.0 + np.exp(x[~pos]))\n    return out\n")},
    },
    "tanh_from_sigmoid_matches_reference": {
        "missing_the_2x": {"tanh_answer": "def tanh(x):\n    return 2.0 * sigmoid(x) - 1.0\n"},
        "missing_the_factor_2": {"tanh_answer": "def tanh(x):\n    return sigmoid(2.0 * np.asarray(x, dtype=float)) - 1.0\n"},
        "plus_one": {"tanh_answer": "def tanh(x):\n    return 2.0 * sigmoid(2.0 * np.asarray(x, dtype=float)) + 1.0\n"},
        "off_by_sign": {"tanh_answer": "def tanh(x):\n    return 2.0 * sigmoid(-2.0 * np.asarray(x, dtype=float)) - 1.0\n"},
        "naive_inline_formula": {"tanh_answer": "def tanh(x):\n    return 2.0 / (1.0 + np.exp(-2.0 * np.asarray(x, dtype=float))) - 1.0\n"},
        "sinh_over_cosh": {"tanh_answer": "def tanh(x):\n    x = np.asarray(x, dtype=float)\n    return np.sinh(x) / np.cosh(x)\n"},
        "half_x": {"tanh_answer": "def tanh(x):\n    return 2.0 * sigmoid(0.5 * np.asarray(x, dtype=float)) - 1.0\n"},
    },
    "composed_layer_equals_two_layers": {
        "product_order_swapped": {"compose_linear_layers_answer": (
            "def compose_linear_layers(W1, b1, W2, b2):\n    return W2 @ W1, b1 @ W2 + b2\n")},
        "forgets_b1_through_W2": {"compose_linear_layers_answer": (
            "def compose_linear_layers(W1, b1, W2, b2):\n    return W1 @ W2, b2\n")},
        "adds_the_biases": {"compose_linear_layers_answer": (
            "def compose_linear_layers(W1, b1, W2, b2):\n    return W1 @ W2, b1 + b2\n")},
        "column_vector_bias": {"compose_linear_layers_answer": (
            "def compose_linear_layers(W1, b1, W2, b2):\n    return W1 @ W2, W2 @ b1 + b2\n")},
        "forgets_b2": {"compose_linear_layers_answer": (
            "def compose_linear_layers(W1, b1, W2, b2):\n    return W1 @ W2, b1 @ W2\n")},
        "elementwise_products": {"compose_linear_layers_answer": (
            "def compose_linear_layers(W1, b1, W2, b2):\n    return W1 * W2, b1 * W2 + b2\n")},
        "returns_b_then_W": {"compose_linear_layers_answer": (
            "def compose_linear_layers(W1, b1, W2, b2):\n    return b1 @ W2 + b2, W1 @ W2\n")},
        "updates_b2_in_place": {"compose_linear_layers_answer": (
            "def compose_linear_layers(W1, b1, W2, b2):\n    b2 += b1 @ W2\n    return W1 @ W2, b2\n")},
    },
    "tanh_net_converts_to_sigmoid_net": {
        "factor_two_everywhere_no_shift": _net("2.0 * W, 2.0 * b", "2.0 * W, 2.0 * b", "2.0 * W, 2.0 * b"),
        "forgets_the_bias_shift": _net(_FIRST_OK, "4.0 * W, 2.0 * b", "2.0 * W, b"),
        "middle_layer_scaled_by_two": _net(_FIRST_OK, "2.0 * W, 2.0 * (b - W.sum(axis=0))", _LAST_OK),
        "output_layer_treated_as_hidden": _net(_FIRST_OK, _MIDDLE_OK, "4.0 * W, 2.0 * (b - W.sum(axis=0))"),
        "shift_with_the_wrong_sign": _net(_FIRST_OK, "4.0 * W, 2.0 * (b + W.sum(axis=0))", "2.0 * W, b + W.sum(axis=0)"),
        "first_layer_shifted_too": _net("4.0 * W, 2.0 * (b - W.sum(axis=0))", _MIDDLE_OK, _LAST_OK),
        "sums_over_the_wrong_axis": _net(_FIRST_OK, "4.0 * W, 2.0 * (b - W.sum(axis=1))", "2.0 * W, b - W.sum(axis=1)"),
        "output_bias_not_halved": _net(_FIRST_OK, _MIDDLE_OK, "2.0 * W, 2.0 * b - W.sum(axis=0)"),
    },
    "threshold_functions_counted_by_random_search": {
        "no_bias": _count(
            "    labels = corners @ rng.standard_normal((n_inputs, n_samples)) > 0\n"
            "    return int(np.unique(labels.T, axis=0).shape[0])\n"),
        "counts_units_not_labellings": _count(
            "    labels = corners @ rng.standard_normal((n_inputs, n_samples)) + rng.standard_normal(n_samples) > 0\n"
            "    return int(labels.shape[1])\n"),
        "counts_up_to_the_complement": _count(
            "    labels = corners @ rng.standard_normal((n_inputs, n_samples)) + rng.standard_normal(n_samples) > 0\n"
            "    return int(np.unique(labels.T, axis=0).shape[0]) // 2\n"),
        "ignores_n_samples": _count(
            "    labels = corners @ rng.standard_normal((n_inputs, 100)) + rng.standard_normal(100) > 0\n"
            "    return int(np.unique(labels.T, axis=0).shape[0])\n"),
        "unique_without_axis": _count(
            "    labels = corners @ rng.standard_normal((n_inputs, n_samples)) + rng.standard_normal(n_samples) > 0\n"
            "    return int(np.unique(labels).size)\n"),
        "all_but_two_guessed": _count("    return 2 ** 2 ** n_inputs - 2\n"),
        "counts_distinct_scores": _count(
            "    scores = corners @ rng.standard_normal((n_inputs, n_samples)) + rng.standard_normal(n_samples)\n"
            "    return int(np.unique(np.round(scores, 1).T, axis=0).shape[0])\n"),
    },
    "cross_entropy_from_logits_is_finite_and_exact": {
        "naive_through_the_sigmoid": _bce(
            "    p = sigmoid(z)\n    return -(y * np.log(p) + (1 - y) * np.log(1 - p))\n"),
        "clips_the_probability": _bce(
            "    p = np.clip(sigmoid(z), 1e-15, 1 - 1e-15)\n    return -(y * np.log(p) + (1 - y) * np.log(1 - p))\n"),
        "sign_of_the_label_term": _bce("    return np.logaddexp(0.0, z) + y * z\n"),
        "labels_swapped": _bce("    return y * np.logaddexp(0.0, z) + (1 - y) * np.logaddexp(0.0, -z)\n"),
        "mean_over_the_batch": _bce("    return float(np.mean(np.logaddexp(0.0, z) - y * z))\n"),
        "softplus_typed_in": _bce("    return np.log(1.0 + np.exp(z)) - y * z\n"),
        "where_with_naive_branches": _bce(
            "    return np.where(y == 1, np.log(1 + np.exp(-z)), np.log(1 + np.exp(z)))\n"),
    },
}


# Correct answers written the ways learners write them; each must earn full marks.
CORRECT = {
    "linear_answer": {
        "array_with_dtype": "def linear(x):\n    return np.array(x, dtype=float)\n",
        "asarray_then_copy": "def linear(x):\n    return np.asarray(x, dtype=np.float64).copy()\n",
        "multiply_by_one": "def linear(x):\n    return np.multiply(x, 1.0)\n",
        "zeros_plus_x": "def linear(x):\n    out = np.zeros_like(x, dtype=np.float64)\n    out += x\n    return out\n",
    },
    "sigmoid_answer": {
        "masks_on_a_new_array": (
            "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n    out = np.empty_like(x)\n"
            "    pos = x >= 0\n    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))\n"
            "    e = np.exp(x[~pos])\n    out[~pos] = e / (1.0 + e)\n    return out\n"),
        "exp_of_minus_softplus": (
            "def sigmoid(x):\n    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))\n"),
        "one_formula_for_both_signs": (
            "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n"
            "    return np.exp(np.minimum(x, 0.0)) / (1.0 + np.exp(-np.abs(x)))\n"),
        "where_on_safe_branches": (
            "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n    e = np.exp(-np.abs(x))\n"
            "    return np.where(x < 0, e, 1.0) / (1.0 + e)\n"),
    },
    "tanh_answer": {
        "identity_inline": "def tanh(x):\n    return 2 * sigmoid(2 * np.asarray(x, dtype=float)) - 1\n",
        "difference_of_sigmoids": (
            "def tanh(x):\n    x = np.asarray(x, dtype=float)\n    return sigmoid(2 * x) - sigmoid(-2 * x)\n"),
        "doubled_without_multiplying": (
            "def tanh(x):\n    x = np.asarray(x, dtype=np.float64)\n    s = sigmoid(x + x)\n    return s + s - 1.0\n"),
    },
    "compose_linear_layers_answer": {
        "np_dot": "def compose_linear_layers(W1, b1, W2, b2):\n    return np.dot(W1, W2), np.dot(b1, W2) + b2\n",
        "einsum": ("def compose_linear_layers(W1, b1, W2, b2):\n"
                   "    W = np.einsum('dh,hm->dm', W1, W2)\n    b = np.einsum('h,hm->m', b1, W2) + b2\n"
                   "    return W, b\n"),
        "bias_as_a_row": ("def compose_linear_layers(W1, b1, W2, b2):\n"
                          "    b = (b1.reshape(1, -1) @ W2).ravel() + b2\n    return W1 @ W2, b\n"),
        "python_loops": ("def compose_linear_layers(W1, b1, W2, b2):\n"
                         "    D, H = W1.shape\n    M = W2.shape[1]\n    W = np.zeros((D, M))\n    b = np.array(b2, dtype=float)\n"
                         "    for m in range(M):\n        for h in range(H):\n            b[m] += b1[h] * W2[h, m]\n"
                         "            for d in range(D):\n                W[d, m] += W1[d, h] * W2[h, m]\n"
                         "    return W, b\n"),
    },
    "tanh_net_as_sigmoid_net_answer": {
        "three_cases": (
            "def tanh_net_as_sigmoid_net(weights, biases):\n    L = len(weights)\n    V, c = [], []\n"
            "    for l in range(L):\n        W = np.array(weights[l], dtype=float)\n        b = np.array(biases[l], dtype=float)\n"
            "        if L == 1:\n            V.append(W); c.append(b)\n"
            "        elif l == 0:\n            V.append(2 * W); c.append(2 * b)\n"
            "        elif l == L - 1:\n            V.append(2 * W); c.append(b - np.ones(W.shape[0]) @ W)\n"
            "        else:\n            V.append(4 * W); c.append(2 * b - 2 * np.ones(W.shape[0]) @ W)\n"
            "    return V, c\n"),
        "scale_factors": (
            "def tanh_net_as_sigmoid_net(weights, biases):\n    L = len(weights)\n"
            "    reads_sigmoid = [False] + [True] * (L - 1)\n    is_hidden = [True] * (L - 1) + [False]\n"
            "    new_w = [(2.0 if r else 1.0) * (2.0 if h else 1.0) * W for W, r, h in zip(weights, reads_sigmoid, is_hidden)]\n"
            "    new_b = [(2.0 if h else 1.0) * (b - W.sum(axis=0) if r else b + 0.0)\n"
            "             for W, b, r, h in zip(weights, biases, reads_sigmoid, is_hidden)]\n"
            "    return new_w, new_b\n"),
        "substitute_then_rescale": (
            "def tanh_net_as_sigmoid_net(weights, biases):\n    out_w, out_b = [], []\n"
            "    for l, (W, b) in enumerate(zip(weights, biases)):\n"
            "        # pre-activation u = H W + b with H = 2G - 1 (except for the input layer)\n"
            "        if l > 0:\n            W, b = 2 * W, b - np.sum(W, axis=0)\n"
            "        if l < len(weights) - 1:\n            W, b = 2 * W, 2 * b\n"
            "        out_w.append(np.array(W, dtype=np.float64))\n        out_b.append(np.array(b, dtype=np.float64))\n"
            "    return out_w, out_b\n"),
    },
    "count_threshold_functions_answer": {
        "uniform_and_powers_of_two": (
            "import itertools\n\n\ndef count_threshold_functions(n_inputs, n_samples, rng):\n"
            "    corners = np.array(list(itertools.product([0, 1], repeat=n_inputs)), dtype=float)\n"
            "    w = rng.uniform(-1.0, 1.0, size=(n_samples, n_inputs))\n    b = rng.uniform(-1.0, 1.0, size=n_samples)\n"
            "    labels = (w @ corners.T + b[:, None] > 0).astype(np.int64)\n"
            "    codes = labels @ (2 ** np.arange(len(corners)))\n    return len(set(codes.tolist()))\n"),
        "plus_minus_one_corners": (
            "import itertools\n\n\ndef count_threshold_functions(n_inputs, n_samples, rng):\n"
            "    corners = np.array(list(itertools.product([-1.0, 1.0], repeat=n_inputs)))\n"
            "    params = rng.normal(size=(n_samples, n_inputs + 1))\n"
            "    labels = corners @ params[:, :-1].T + params[:, -1] >= 0\n"
            "    return int(len(np.unique(labels, axis=1).T))\n"),
        "set_of_tuples": (
            "def count_threshold_functions(n_inputs, n_samples, rng):\n    corners = []\n"
            "    for k in range(2 ** n_inputs):\n        corners.append([(k >> i) & 1 for i in range(n_inputs)])\n"
            "    corners = np.array(corners, dtype=float)\n    found = set()\n"
            "    w = rng.standard_normal((n_samples, n_inputs))\n    b = rng.standard_normal(n_samples)\n"
            "    for row in (w @ corners.T + b[:, None]) > 0:\n        found.add(tuple(row))\n"
            "    return len(found)\n"),
    },
    "bce_with_logits_answer": {
        "softplus_minus_yz": "def bce_with_logits(z, y):\n    return np.logaddexp(0.0, z) - y * z\n",
        "max_plus_log1p": (
            "def bce_with_logits(z, y):\n    z = np.asarray(z, dtype=float)\n"
            "    return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))\n"),
        "masks_per_label": (
            "def bce_with_logits(z, y):\n    z = np.array(z, dtype=float)\n    out = np.empty_like(z)\n"
            "    t = np.where(y == 1, -z, z)\n    out[...] = np.maximum(t, 0) + np.log1p(np.exp(-np.abs(t)))\n"
            "    return out\n"),
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "linear_is_the_identity": {
        "returns_the_input_itself": {
            "answers": {"linear_answer": "def linear(x):\n    return np.asarray(x, dtype=np.float64)\n"},
            "says": "not a new array"},
    },
    "sigmoid_is_stable_at_extremes": {
        "naive_formula_overflows": {
            "answers": {"sigmoid_answer": "def sigmoid(x):\n    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))\n"},
            "says": "FloatingPointError"},
        "exp_ratio_overflows_for_large_positive": {
            "answers": {"sigmoid_answer": "def sigmoid(x):\n    e = np.exp(np.asarray(x, dtype=float))\n    return e / (1.0 + e)\n"},
            "says": "FloatingPointError"},
        "where_evaluates_both_branches": {
            "answers": {"sigmoid_answer": (
                "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n"
                "    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))\n")},
            "says": "FloatingPointError"},
        "one_minus_near_one_loses_the_tail": {
            "answers": {"sigmoid_answer": (
                "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n    e = np.exp(-np.abs(x))\n"
                "    p = 1.0 / (1.0 + e)\n    return np.where(x >= 0, p, 1.0 - p)\n")},
            "says": "far left tail"},
    },
    "tanh_from_sigmoid_matches_reference": {
        "inline_naive_sigmoid_overflows": {
            "answers": {"tanh_answer": "def tanh(x):\n    return 2.0 / (1.0 + np.exp(-2.0 * np.asarray(x, dtype=float))) - 1.0\n"},
            "says": "FloatingPointError"},
    },
    "composed_layer_equals_two_layers": {
        "column_vector_order": {
            "answers": {"compose_linear_layers_answer": (
                "def compose_linear_layers(W1, b1, W2, b2):\n    return W2 @ W1, W2 @ b1 + b2\n")},
            "says": "row-vector convention"},
    },
    "tanh_net_converts_to_sigmoid_net": {
        "every_layer_like_the_first": {
            "answers": _net("2.0 * W, 2.0 * b", "2.0 * W, 2.0 * b", _LAST_OK),
            "says": "middle layer"},
        "output_layer_with_an_activation": {
            "answers": _net(_FIRST_OK, _MIDDLE_OK, "4.0 * W, 2.0 * (b - W.sum(axis=0))"),
            "says": "output layer is linear"},
    },
    "threshold_functions_counted_by_random_search": {
        "counts_every_unit": {
            "answers": _count(
                "    labels = corners @ rng.standard_normal((n_inputs, n_samples)) + rng.standard_normal(n_samples) > 0\n"
                "    return int(labels.shape[1])\n"),
            "says": "each counted once"},
    },
    "cross_entropy_from_logits_is_finite_and_exact": {
        "naive_through_the_sigmoid": {
            "answers": _bce("    p = sigmoid(z)\n    return -(y * np.log(p) + (1 - y) * np.log(1 - p))\n"),
            "says": "FloatingPointError"},
        "clipped_probability_caps_the_loss": {
            "answers": _bce(
                "    p = np.clip(sigmoid(z), 1e-15, 1 - 1e-15)\n    return -(y * np.log(p) + (1 - y) * np.log(1 - p))\n"),
            "says": "not capped"},
    },
}
