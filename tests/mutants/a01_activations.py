"""Plausible wrong answers to assignment 1 (activations), each expected to lose its part's points."""

ASSIGNMENT = "01-activations"
NOTEBOOK = "activations.ipynb"

_STABLE = "    e = np.exp(-np.abs(x))\n"

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
}
