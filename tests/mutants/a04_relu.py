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


_GRADIENT_LOOP_HEAD = "def numerical_gradient(f, x, h=1e-5):\n"

# Correct answers written the ways learners write them; each must earn full marks.
CORRECT = {
    "relu_scalar_answer": {
        "builtin_max": "def relu_scalar(z):\n    return max(0.0, z)\n",
        "if_else": "def relu_scalar(z):\n    if z > 0:\n        return float(z)\n    else:\n        return 0.0\n",
        "half_of_z_plus_abs": "def relu_scalar(z):\n    return (z + abs(z)) / 2\n",
    },
    "relu_answer": {
        "copy_and_mask": "def relu(x):\n    out = x.copy()\n    out[out < 0] = 0.0\n    return out\n",
        "where": "def relu(x):\n    return np.where(x > 0, x, 0.0)\n",
        "clip": "def relu(x):\n    return np.clip(x, 0.0, None)\n",
        "times_mask": "def relu(x):\n    return x * (x > 0)\n",
    },
    "relu_grad_answer": {
        "where": "def relu_grad(x):\n    return np.where(x > 0, 1.0, 0.0)\n",
        "heaviside": "def relu_grad(x):\n    return np.heaviside(x, 0.0)\n",
        "ndindex_loop": ("def relu_grad(x):\n    out = np.zeros(np.shape(x))\n"
                         "    for i in np.ndindex(out.shape):\n        if x[i] > 0:\n            out[i] = 1.0\n"
                         "    return out\n"),
    },
    "fraction_zero_answer": {
        "count_nonzero": "def fraction_zero(h):\n    return np.count_nonzero(h == 0) / h.size\n",
        "one_minus_nonzero": "def fraction_zero(h):\n    return 1.0 - np.count_nonzero(h) / np.size(h)\n",
        "nditer_loop": ("def fraction_zero(h):\n    zeros = 0\n    for v in np.nditer(h):\n        if v == 0:\n"
                        "            zeros += 1\n    return zeros / h.size\n"),
    },
    "numerical_gradient_answer": {
        "copies_per_entry": (
            _GRADIENT_LOOP_HEAD + "    grad = np.zeros(x.shape)\n    for i in np.ndindex(x.shape):\n"
            "        xp = x.copy()\n        xm = x.copy()\n        xp[i] += h\n        xm[i] -= h\n"
            "        grad[i] = (f(xp) - f(xm)) / (2 * h)\n    return grad\n"),
        "flat_index": (
            _GRADIENT_LOOP_HEAD + "    flat = np.array(x, dtype=float).ravel()\n    grad = np.zeros(flat.size)\n"
            "    for i in range(flat.size):\n        e = np.zeros(flat.size)\n        e[i] = h\n"
            "        grad[i] = (f((flat + e).reshape(x.shape)) - f((flat - e).reshape(x.shape))) / (2 * h)\n"
            "    return grad.reshape(x.shape)\n"),
        "nditer_multi_index": (
            _GRADIENT_LOOP_HEAD + "    x = x.astype(np.float64)\n    grad = np.zeros_like(x)\n"
            "    it = np.nditer(x, flags=['multi_index'])\n    while not it.finished:\n        i = it.multi_index\n"
            "        old = x[i]\n        x[i] = old + h\n        fp = f(x)\n        x[i] = old - h\n        fm = f(x)\n"
            "        x[i] = old\n        grad[i] = (fp - fm) / (2 * h)\n        it.iternext()\n    return grad\n"),
    },
    "relu_layer_backward_answer": {
        "np_dot": ("def relu_layer_backward(x, w, b, dout):\n    dz = dout * relu_grad(np.dot(x, w) + b)\n"
                   "    return np.dot(dz, w.T), np.dot(x.T, dz), np.sum(dz, axis=0)\n"),
        "einsum": ("def relu_layer_backward(x, w, b, dout):\n    z = np.einsum('nd,dm->nm', x, w) + b\n"
                   "    dz = dout * relu_grad(z)\n"
                   "    return np.einsum('nm,dm->nd', dz, w), np.einsum('nd,nm->dm', x, dz), np.einsum('nm->m', dz)\n"),
        "mask_inline": ("def relu_layer_backward(x, w, b, dout):\n    z = x @ w + b\n    dz = np.where(z > 0, dout, 0.0)\n"
                        "    dx = dz @ w.T\n    dw = x.T @ dz\n    db = dz.sum(axis=0)\n    return dx, dw, db\n"),
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "relu_vectorised_elementwise": {
        "changes_x_in_place": {
            "answers": {"relu_answer": "def relu(x):\n    x[x < 0] = 0.0\n    return x\n"},
            "says": "in place"},
    },
    "relu_grad_convention_at_zero": {
        "one_at_the_kink": {
            "answers": {"relu_grad_answer": "def relu_grad(x):\n    return (x >= 0).astype(float)\n"},
            "says": "relu_grad(0) = 0"},
    },
    "fraction_zero_counts_exact_zeros": {
        "tiny_counts_as_zero": {
            "answers": {"fraction_zero_answer": "def fraction_zero(h):\n    return float(np.mean(np.abs(h) < 1e-6))\n"},
            "says": "exact zeros"},
    },
    "numerical_gradient_is_centred": {
        "leaves_x_changed": {
            "answers": {"numerical_gradient_answer": (
                _GRADIENT_LOOP_HEAD + "    grad = np.zeros_like(x)\n    for i in np.ndindex(x.shape):\n"
                "        x[i] += h\n        fp = f(x)\n        x[i] -= 2 * h\n        fm = f(x)\n"
                "        grad[i] = (fp - fm) / (2 * h)\n    return grad\n")},
            "says": "in place"},
        "forward_difference": {
            "answers": {"numerical_gradient_answer": (
                _GRADIENT_LOOP_HEAD + "    grad = np.zeros(x.shape)\n    for i in np.ndindex(x.shape):\n"
                "        xp = x.copy()\n        xp[i] += h\n        grad[i] = (f(xp) - f(x)) / h\n    return grad\n")},
            "says": "centred"},
    },
    "relu_layer_backward_matches_reference": {
        "own_mask_one_at_the_kink": {
            "answers": {"relu_layer_backward_answer": (
                "def relu_layer_backward(x, w, b, dout):\n    z = x @ w + b\n    dz = dout * (z >= 0)\n"
                "    return dz @ w.T, x.T @ dz, dz.sum(axis=0)\n")},
            "says": "relu_grad(0) = 0"},
    },
}
