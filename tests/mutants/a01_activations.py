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
