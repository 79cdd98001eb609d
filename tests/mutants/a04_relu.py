"""Plausible wrong answers to assignment 4 (ReLU), each expected to lose its part's points."""

ASSIGNMENT = "04-relu"
NOTEBOOK = "relu.ipynb"

MUTANTS = {
    "relu_scalar_matches_table": {
        "returns_input": {"relu_scalar_answer": "def relu_scalar(z):\n    return float(z)\n"},
        "min_instead_of_max": {"relu_scalar_answer": "def relu_scalar(z):\n    return min(0.0, z)\n"},
        "absolute_value": {"relu_scalar_answer": "def relu_scalar(z):\n    return abs(z)\n"},
        "off_by_sign": {"relu_scalar_answer": "def relu_scalar(z):\n    return max(0.0, -z)\n"},
        "step_instead_of_ramp": {"relu_scalar_answer": "def relu_scalar(z):\n    return 1.0 if z > 0 else 0.0\n"},
    },
    "relu_vectorised_elementwise": {
        "python_max_on_array": {"relu_answer": "def relu(x):\n    return np.max(x)\n"},
        "abs_instead_of_max": {"relu_answer": "def relu(x):\n    return np.abs(x)\n"},
        "in_place_mutation": {"relu_answer": "def relu(x):\n    x[x < 0] = 0.0\n    return x\n"},
        "flattens_the_shape": {"relu_answer": "def relu(x):\n    return np.maximum(np.ravel(x), 0.0)\n"},
        "leaky_by_mistake": {"relu_answer": "def relu(x):\n    return np.where(x > 0, x, 0.01 * x)\n"},
        "clips_at_one": {"relu_answer": "def relu(x):\n    return np.clip(x, 0.0, 1.0)\n"},
    },
    "relu_grad_convention_at_zero": {
        "one_at_zero": {"relu_grad_answer": "def relu_grad(x):\n    return (np.asarray(x) >= 0).astype(float)\n"},
        "half_at_zero": {"relu_grad_answer": "def relu_grad(x):\n    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, 1.0, np.where(x == 0, 0.5, 0.0))\n"},
        "returns_relu_not_grad": {"relu_grad_answer": "def relu_grad(x):\n    return np.maximum(np.asarray(x, dtype=float), 0.0)\n"},
        "sign_function": {"relu_grad_answer": "def relu_grad(x):\n    return np.sign(np.asarray(x, dtype=float))\n"},
        "boolean_of_wrong_side": {"relu_grad_answer": "def relu_grad(x):\n    return (np.asarray(x) < 0).astype(float)\n"},
    },
    "fraction_zero_counts_exact_zeros": {
        "counts_near_zero": {"fraction_zero_answer": "def fraction_zero(h):\n    return float(np.mean(np.abs(h) < 1e-6))\n"},
        "counts_non_positive": {"fraction_zero_answer": "def fraction_zero(h):\n    return float(np.mean(np.asarray(h) <= 0))\n"},
        "returns_count_not_fraction": {"fraction_zero_answer": "def fraction_zero(h):\n    return float(np.sum(np.asarray(h) == 0))\n"},
        "fraction_nonzero": {"fraction_zero_answer": "def fraction_zero(h):\n    return float(np.mean(np.asarray(h) != 0))\n"},
        "first_row_only": {"fraction_zero_answer": "def fraction_zero(h):\n    h = np.atleast_2d(h)\n    return float(np.mean(h[0] == 0))\n"},
    },
    "numerical_gradient_is_centred": {
        "forward_difference": {"numerical_gradient_answer": (
            "def numerical_gradient(f, x, h=1e-5):\n    x = np.array(x, dtype=float)\n    g = np.zeros_like(x)\n"
            "    fx = f(x)\n    for i in np.ndindex(x.shape):\n        old = x[i]\n        x[i] = old + h\n"
            "        g[i] = (f(x) - fx) / h\n        x[i] = old\n    return g\n")},
        "forgets_to_restore": {"numerical_gradient_answer": (
            "def numerical_gradient(f, x, h=1e-5):\n    x = np.array(x, dtype=float)\n    g = np.zeros_like(x)\n"
            "    for i in np.ndindex(x.shape):\n        x[i] += h\n        fp = f(x)\n        x[i] -= 2 * h\n"
            "        fm = f(x)\n        g[i] = (fp - fm) / (2 * h)\n    return g\n")},
        "divides_by_h_not_2h": {"numerical_gradient_answer": (
            "def numerical_gradient(f, x, h=1e-5):\n    x = np.array(x, dtype=float)\n    g = np.zeros_like(x)\n"
            "    for i in np.ndindex(x.shape):\n        old = x[i]\n        x[i] = old + h\n        fp = f(x)\n"
            "        x[i] = old - h\n        fm = f(x)\n        x[i] = old\n        g[i] = (fp - fm) / h\n    return g\n")},
        "perturbs_all_entries_at_once": {"numerical_gradient_answer": (
            "def numerical_gradient(f, x, h=1e-5):\n    x = np.array(x, dtype=float)\n"
            "    return np.full_like(x, (f(x + h) - f(x - h)) / (2 * h))\n")},
        "flat_loop_wrong_shape": {"numerical_gradient_answer": (
            "def numerical_gradient(f, x, h=1e-5):\n    x = np.array(x, dtype=float).ravel()\n    g = np.zeros_like(x)\n"
            "    for i in range(x.size):\n        old = x[i]\n        x[i] = old + h\n        fp = f(x)\n"
            "        x[i] = old - h\n        fm = f(x)\n        x[i] = old\n        g[i] = (fp - fm) / (2 * h)\n    return g\n")},
    },
    "relu_layer_backward_matches_reference": {
        "forgets_relu_mask": {"relu_layer_backward_answer": (
            "def relu_layer_backward(x, w, b, dout):\n    return dout @ w.T, x.T @ dout, dout.sum(axis=0)\n")},
        "db_not_summed": {"relu_layer_backward_answer": (
            "def relu_layer_backward(x, w, b, dout):\n    dz = dout * relu_grad(x @ w + b)\n    return dz @ w.T, x.T @ dz, dz\n")},
        "db_wrong_axis": {"relu_layer_backward_answer": (
            "def relu_layer_backward(x, w, b, dout):\n    dz = dout * relu_grad(x @ w + b)\n    return dz @ w.T, x.T @ dz, dz.sum(axis=1)\n")},
        "mask_from_input_not_preactivation": {"relu_layer_backward_answer": (
            "def relu_layer_backward(x, w, b, dout):\n    dz = dout * relu_grad(x @ w)\n    return dz @ w.T, x.T @ dz, dz.sum(axis=0)\n")},
        "transposes_swapped": {"relu_layer_backward_answer": (
            "def relu_layer_backward(x, w, b, dout):\n    dz = dout * relu_grad(x @ w + b)\n    return dz @ w, x @ dz.T, dz.sum(axis=0)\n")},
    },
}
