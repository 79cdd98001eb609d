"""Plausible wrong answers to assignment 4 (ReLU), each expected to lose its part's points."""

ASSIGNMENT = "04-relu"
NOTEBOOK = "relu.ipynb"


def _gradcheck(body):
    """An answer to part E: ``gradcheck_failures`` with the given body."""
    return {"gradcheck_failures_answer": "def gradcheck_failures(z, dout, h=1e-5):\n" + body}


_ERROR = ("    error = np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))\n")
_CENTRED = ("    n = numerical_gradient(lambda v: float(np.sum(dout * np.maximum(v, 0.0))), z, h)\n")


def _frozen(slope="np.where(z > 0, 1.0, np.where(z == 0, grad_at_zero, 0.0))", b1="np.zeros(hidden)",
            count="int(np.sum(np.all(dw1 == 0.0, axis=0) & (db1 == 0.0)))",
            total="n_nets * hidden", loss="softmax"):
    """An answer to part G, one network at a time, with one piece replaced."""
    if loss == "softmax":
        upstream = ("        p = np.exp(out - out.max(axis=1, keepdims=True))\n"
                    "        p /= p.sum(axis=1, keepdims=True)\n"
                    "        p[np.arange(4), y] -= 1.0\n        dout = p / 4\n")
        w2_shape = "(hidden, 2)"
    else:  # mean squared error of one linear output against the labels
        upstream = "        dout = 2.0 * (out - y[:, None]) / 4\n"
        w2_shape = "(hidden, 1)"
    return {"frozen_fraction_answer": (
        "def frozen_fraction(grad_at_zero, n_nets=200, hidden=8, rng=None):\n"
        "    rng = np.random.default_rng(0) if rng is None else rng\n"
        "    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])\n"
        "    y = np.array([0, 1, 1, 0])\n    frozen = 0\n"
        "    for _ in range(n_nets):\n"
        "        w1 = rng.standard_normal((2, hidden))\n"
        "        w2 = rng.standard_normal(%s) * np.sqrt(2.0 / hidden)\n"
        "        z = X @ w1 + %s\n"
        "        out = np.maximum(z, 0.0) @ w2\n" % (w2_shape, b1)
        + upstream +
        "        dz = (dout @ w2.T) * %s\n"
        "        dw1, db1 = X.T @ dz, dz.sum(axis=0)\n"
        "        frozen += %s\n"
        "    return frozen / (%s)\n" % (slope, count, total))}


MUTANTS = {
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
    "gradcheck_fails_within_h_of_the_kink": {
        "forward_difference": _gradcheck(
            "    z = np.asarray(z, dtype=float)\n    a = dout * (z > 0)\n"
            "    n = dout * (np.maximum(z + h, 0.0) - np.maximum(z, 0.0)) / h\n" + _ERROR
            + "    return error > 1e-6\n"),
        "edge_counts_as_failing": _gradcheck("    return np.abs(z) <= h\n"),
        "returns_the_passing_entries": _gradcheck(
            "    z = np.asarray(z, dtype=float)\n    a = dout * (z > 0)\n" + _CENTRED + _ERROR
            + "    return error <= 1e-6\n"),
        "analytic_forgets_the_mask": _gradcheck(
            "    z = np.asarray(z, dtype=float)\n    a = dout * np.ones_like(z)\n" + _CENTRED + _ERROR
            + "    return error > 1e-6\n"),
        "threshold_far_too_loose": _gradcheck(
            "    z = np.asarray(z, dtype=float)\n    a = dout * (z > 0)\n" + _CENTRED + _ERROR
            + "    return error > 0.5\n"),
        "ignores_the_step_it_is_given": _gradcheck(
            "    z = np.asarray(z, dtype=float)\n    a = dout * (z > 0)\n"
            "    n = numerical_gradient(lambda v: float(np.sum(dout * np.maximum(v, 0.0))), z)\n" + _ERROR
            + "    return error > 1e-6\n"),
        "returns_flat_indices": _gradcheck(
            "    z = np.asarray(z, dtype=float)\n    a = dout * (z > 0)\n" + _CENTRED + _ERROR
            + "    return np.flatnonzero(error > 1e-6)\n"),
    },
    "frozen_fraction_on_xor": {
        "ignores_grad_at_zero": _frozen(slope="(z > 0)"),
        "one_at_the_kink_always": _frozen(slope="(z >= 0)"),
        "weights_only": _frozen(count="int(np.sum(np.all(dw1 == 0.0, axis=0)))"),
        "dead_in_the_forward_pass": _frozen(count="int(np.sum(np.all(z <= 0.0, axis=0)))"),
        "share_of_nets_with_a_frozen_unit": _frozen(
            count="int(np.any(np.all(dw1 == 0.0, axis=0) & (db1 == 0.0)))", total="n_nets"),
        "small_positive_bias": _frozen(b1="0.01"),
        "squared_error_output": _frozen(loss="mse"),
        "divides_by_networks_only": _frozen(total="n_nets"),
    },
}


_GRADIENT_LOOP_HEAD = "def numerical_gradient(f, x, h=1e-5):\n"

# Correct answers written the ways learners write them; each must earn full marks.
CORRECT = {
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
    "gradcheck_failures_answer": {
        "own_functions": (
            "def gradcheck_failures(z, dout, h=1e-5):\n    a = dout * relu_grad(z)\n"
            "    n = numerical_gradient(lambda v: float(np.sum(dout * relu(v))), z, h)\n"
            "    rel = np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))\n    return rel > 1e-6\n"),
        "elementwise_chord": (
            "def gradcheck_failures(z, dout, h=1e-5):\n    a = np.where(z > 0, dout, 0.0)\n"
            "    n = dout * (np.maximum(z + h, 0.0) - np.maximum(z - h, 0.0)) / (2 * h)\n"
            "    return np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n)) > 1e-6\n"),
        "loop_with_copies": (
            "def gradcheck_failures(z, dout, h=1e-5):\n    fails = np.zeros(z.shape, dtype=bool)\n"
            "    loss = lambda v: np.sum(dout * np.maximum(v, 0))\n"
            "    for i in np.ndindex(z.shape):\n        up, down = z.copy(), z.copy()\n"
            "        up[i] += h\n        down[i] -= h\n        n = (loss(up) - loss(down)) / (2 * h)\n"
            "        a = dout[i] if z[i] > 0 else 0.0\n"
            "        fails[i] = abs(a - n) / max(1e-8, abs(a) + abs(n)) > 1e-6\n    return fails\n"),
        "the_rule_once_found": "def gradcheck_failures(z, dout, h=1e-5):\n    return np.abs(z) < h\n",
    },
    "frozen_fraction_answer": {
        "loop_standard_normal": _frozen()["frozen_fraction_answer"],
        "loop_rng_normal_one_hot_by_index": (
            "def frozen_fraction(grad_at_zero, n_nets=200, hidden=8, rng=None):\n"
            "    rng = np.random.default_rng(0) if rng is None else rng\n"
            "    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])\n"
            "    y = np.array([0, 1, 1, 0])\n"
            "    frozen = 0\n"
            "    for _ in range(n_nets):\n"
            "        w1 = rng.normal(0.0, 1.0, size=(2, hidden))\n"
            "        w2 = rng.normal(0.0, np.sqrt(2.0 / hidden), size=(hidden, 2))\n"
            "        z = X @ w1 + np.zeros(hidden)\n"
            "        logits = np.maximum(z, 0.0) @ w2 + np.zeros(2)\n"
            "        p = np.exp(logits - logits.max(axis=1, keepdims=True))\n"
            "        p /= p.sum(axis=1, keepdims=True)\n"
            "        dlogits = p.copy()\n"
            "        dlogits[np.arange(4), y] -= 1.0\n"
            "        dlogits /= 4\n"
            "        slope = np.where(z > 0, 1.0, np.where(z == 0, grad_at_zero, 0.0))\n"
            "        dz = (dlogits @ w2.T) * slope\n"
            "        dw1, db1 = X.T @ dz, dz.sum(axis=0)\n"
            "        frozen += int(np.sum(np.all(dw1 == 0.0, axis=0) & (db1 == 0.0)))\n"
            "    return frozen / (n_nets * hidden)\n"),
        "all_networks_at_once": (
            "def frozen_fraction(grad_at_zero, n_nets=200, hidden=8, rng=None):\n"
            "    rng = rng if rng is not None else np.random.default_rng(0)\n"
            "    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])\n"
            "    onehot = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])\n"
            "    W1 = rng.normal(size=(n_nets, 2, hidden))\n"
            "    W2 = rng.normal(scale=np.sqrt(2 / hidden), size=(n_nets, hidden, 2))\n"
            "    Z = np.einsum('pd,ndh->nph', X, W1)\n"
            "    logits = np.einsum('nph,nhk->npk', np.maximum(Z, 0), W2)\n"
            "    logits -= logits.max(axis=2, keepdims=True)\n"
            "    P = np.exp(logits) / np.exp(logits).sum(axis=2, keepdims=True)\n"
            "    dZ = np.einsum('npk,nhk->nph', (P - onehot) / 4, W2)\n"
            "    dZ = dZ * np.where(Z > 0, 1.0, np.where(Z == 0, grad_at_zero, 0.0))\n"
            "    dW1 = np.einsum('pd,nph->ndh', X, dZ)\n    db1 = dZ.sum(axis=1)\n"
            "    frozen = (np.abs(dW1).sum(axis=1) == 0) & (db1 == 0)\n"
            "    return float(frozen.mean())\n"),
        "log_softmax_and_any": (
            "def frozen_fraction(grad_at_zero, n_nets=200, hidden=8, rng=None):\n"
            "    if rng is None:\n        rng = np.random.default_rng(0)\n"
            "    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)\n    y = [0, 1, 1, 0]\n"
            "    counts = []\n"
            "    for net in range(n_nets):\n"
            "        W1 = rng.normal(0, 1, (2, hidden))\n        b1 = np.zeros(hidden)\n"
            "        W2 = rng.normal(0, (2 / hidden) ** 0.5, (hidden, 2))\n        b2 = np.zeros(2)\n"
            "        z = X @ W1 + b1\n        s = np.maximum(0, z) @ W2 + b2\n"
            "        logp = s - s.max(axis=1, keepdims=True)\n"
            "        logp = logp - np.log(np.exp(logp).sum(axis=1, keepdims=True))\n"
            "        ds = np.exp(logp)\n        ds[range(4), y] -= 1\n        ds /= 4\n"
            "        g = np.zeros_like(z)\n        g[z > 0] = 1.0\n        g[z == 0] = grad_at_zero\n"
            "        dz = (ds @ W2.T) * g\n"
            "        moved = np.any(X.T @ dz != 0, axis=0) | np.any(dz != 0, axis=0)\n"
            "        counts.append(hidden - moved.sum())\n"
            "    return sum(counts) / (n_nets * hidden)\n"),
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
    "gradcheck_fails_within_h_of_the_kink": {
        "no_floor_in_the_relative_error": {
            "answers": _gradcheck(
                "    a = dout * (z > 0)\n" + _CENTRED
                + "    return np.abs(a - n) / (np.abs(a) + np.abs(n)) > 1e-6\n"),
            "says": "1e-8 floor"},
        "forward_difference": {
            "answers": _gradcheck(
                "    a = dout * (z > 0)\n"
                "    n = dout * (np.maximum(z + h, 0.0) - np.maximum(z, 0.0)) / h\n" + _ERROR
                + "    return error > 1e-6\n"),
            "says": "both sides of 0"},
        "edge_counts_as_failing": {
            "answers": _gradcheck("    return np.abs(z) <= h\n"),
            "says": "|z| = h exactly"},
    },
    "frozen_fraction_on_xor": {
        "weights_only": {
            "answers": _frozen(count="int(np.sum(np.all(dw1 == 0.0, axis=0)))"),
            "says": "its weights and its bias"},
        "small_positive_bias": {
            "answers": _frozen(b1="0.01"),
            "says": "zero biases"},
    },
}
