"""Plausible wrong answers to assignment 6 (ReLU variants), each expected to lose its part's points."""

ASSIGNMENT = "06-variants"
NOTEBOOK = "variants.ipynb"


def _fn(grade_id, header, body):
    return {grade_id: header + "\n" + body}


def _leaky(body):
    return _fn("leaky_relu_answer", "def leaky_relu(x, alpha=0.01):", body)


def _leaky_grad(body):
    return _fn("leaky_relu_grad_answer", "def leaky_relu_grad(x, alpha=0.01):", body)


def _prelu_fwd(body):
    return _fn("prelu_forward_answer", "def prelu_forward(x, alpha):", body)


def _prelu_bwd(body):
    return _fn("prelu_backward_answer", "def prelu_backward(dout, x, alpha):",
               "    x = np.asarray(x, dtype=float)\n    dout = np.asarray(dout, dtype=float)\n" + body)


def _elu(body):
    return _fn("elu_answer", "def elu(x, alpha=1.0):", "    x = np.asarray(x, dtype=float)\n" + body)


def _mx_fwd(body):
    return _fn("maxout_forward_answer", "def maxout_forward(x, W, b):", body)


def _mx_bwd(body):
    return _fn("maxout_backward_answer", "def maxout_backward(dout, x, W, b):", body)


def _dead(body):
    return _fn("dead_units_answer", "def dead_units(h):", "    h = np.asarray(h, dtype=float)\n" + body)


_Z = "    z = np.einsum('nd,dmk->nmk', x, W) + b\n"
_AFFINE_BACK = ("    dx = np.einsum('nmk,dmk->nd', dz, W)\n    dW = np.einsum('nd,nmk->dmk', x, dz)\n"
                "    db = dz.sum(axis=0)\n    return dx, dW, db\n")

MUTANTS = {
    "leaky_relu_values": {
        "plain_relu": _leaky("    return np.maximum(np.asarray(x, dtype=float), 0.0)\n"),
        "ignores_alpha": _leaky("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, 0.01 * x)\n"),
        "leak_on_the_positive_side": _leaky("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, alpha * x, x)\n"),
        "wrong_default_alpha": {"leaky_relu_answer": "def leaky_relu(x, alpha=0.1):\n    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, alpha * x)\n"},
        "negative_slope_sign_flipped": _leaky("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, -alpha * x)\n"),
        "in_place_mutation": _leaky("    x[x < 0] *= alpha\n    return x\n"),
        "constant_alpha_instead_of_alpha_x": _leaky("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, alpha)\n"),
    },
    "leaky_relu_grad_kink_is_alpha": {
        "one_at_zero": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x >= 0, 1.0, alpha)\n"),
        "zero_at_zero": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, 1.0, np.where(x < 0, alpha, 0.0))\n"),
        "returns_the_function": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, alpha * x)\n"),
        "relu_gradient": _leaky_grad("    return (np.asarray(x) > 0).astype(float)\n"),
        "ignores_alpha": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, 1.0, 0.01)\n"),
        "alpha_on_the_wrong_side": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, alpha, 1.0)\n"),
        "half_way_at_zero": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, 1.0, np.where(x < 0, alpha, (1 + alpha) / 2))\n"),
    },
    "prelu_forward_values": {
        "returns_out_and_cache": _prelu_fwd("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, alpha * x), (x, alpha)\n"),
        "plain_relu": _prelu_fwd("    return np.maximum(np.asarray(x, dtype=float), 0.0)\n"),
        "fixed_slope_quarter": _prelu_fwd("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, 0.25 * x)\n"),
        "max_of_x_and_alpha_x": _prelu_fwd("    x = np.asarray(x, dtype=float)\n    return np.maximum(x, alpha * x)\n"),
        "slope_on_positive_side": _prelu_fwd("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, alpha * x, x)\n"),
        "in_place_mutation": _prelu_fwd("    x[x <= 0] *= alpha\n    return x\n"),
    },
    "prelu_backward_matches_finite_differences": {
        "dalpha_sums_all_x": _prelu_bwd("    dx = dout * np.where(x > 0, 1.0, alpha)\n    return dx, float(np.sum(dout * x))\n"),
        "dalpha_not_summed": _prelu_bwd("    dx = dout * np.where(x > 0, 1.0, alpha)\n    return dx, dout * np.minimum(x, 0.0)\n"),
        "dalpha_forgets_dout": _prelu_bwd("    dx = dout * np.where(x > 0, 1.0, alpha)\n    return dx, float(np.sum(np.minimum(x, 0.0)))\n"),
        "dx_forgets_alpha": _prelu_bwd("    dx = dout * (x > 0)\n    return dx, float(np.sum(dout * np.minimum(x, 0.0)))\n"),
        "dx_one_at_zero": _prelu_bwd("    dx = dout * np.where(x >= 0, 1.0, alpha)\n    return dx, float(np.sum(dout * np.minimum(x, 0.0)))\n"),
        "dalpha_from_positive_side": _prelu_bwd("    dx = dout * np.where(x > 0, 1.0, alpha)\n    return dx, float(np.sum(dout * np.maximum(x, 0.0)))\n"),
        "dalpha_is_mean_not_sum": _prelu_bwd("    dx = dout * np.where(x > 0, 1.0, alpha)\n    return dx, float(np.mean(dout * np.minimum(x, 0.0)))\n"),
    },
    "elu_is_stable_at_extremes": {
        "naive_exp_overflows": _elu("    return np.where(x > 0, x, alpha * (np.exp(x) - 1.0))\n"),
        "expm1_without_minimum": _elu("    return np.where(x > 0, x, alpha * np.expm1(x))\n"),
        "forgets_the_minus_one": _elu("    return np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0.0)))\n"),
        "ignores_alpha": _elu("    return np.where(x > 0, x, np.expm1(np.minimum(x, 0.0)))\n"),
        "alpha_scales_both_sides": _elu("    return alpha * np.where(x > 0, x, np.expm1(np.minimum(x, 0.0)))\n"),
        "leaky_instead_of_exponential": _elu("    return np.where(x > 0, x, alpha * x)\n"),
        "pieces_swapped": _elu("    return np.where(x <= 0, x, alpha * np.expm1(x))\n"),
    },
    "maxout_forward_takes_the_largest_piece": {
        "max_over_units_not_pieces": _mx_fwd(_Z + "    return z.max(axis=1)\n"),
        "forgets_the_bias": _mx_fwd("    z = np.einsum('nd,dmk->nmk', x, W)\n    return z.max(axis=2)\n"),
        "min_instead_of_max": _mx_fwd(_Z + "    return z.min(axis=2)\n"),
        "sums_the_pieces": _mx_fwd(_Z + "    return z.sum(axis=2)\n"),
        "wrong_reshape_of_W": _mx_fwd("    D, M, K = W.shape\n"
                                      "    z = (x @ W.reshape(D, M * K)).reshape(-1, K, M).transpose(0, 2, 1) + b\n"
                                      "    return z.max(axis=2)\n"),
        "returns_the_winning_index": _mx_fwd(_Z + "    return z.argmax(axis=2)\n"),
        "relu_after_the_max": _mx_fwd(_Z + "    return np.maximum(z.max(axis=2), 0.0)\n"),
    },
    "maxout_backward_matches_finite_differences": {
        "gradient_to_every_piece": _mx_bwd("    z = np.einsum('nd,dmk->nmk', x, W) + b\n"
                                           "    dz = np.repeat(dout[:, :, None], z.shape[2], axis=2)\n" + _AFFINE_BACK),
        "gradient_to_the_smallest_piece": _mx_bwd(_Z + "    dz = np.zeros_like(z)\n"
                                                  "    np.put_along_axis(dz, z.argmin(axis=2)[:, :, None], dout[:, :, None], axis=2)\n"
                                                  + _AFFINE_BACK),
        "winner_chosen_without_bias": _mx_bwd("    z = np.einsum('nd,dmk->nmk', x, W)\n    dz = np.zeros_like(z)\n"
                                              "    np.put_along_axis(dz, z.argmax(axis=2)[:, :, None], dout[:, :, None], axis=2)\n"
                                              + _AFFINE_BACK),
        "db_not_summed_over_examples": _mx_bwd(_Z + "    dz = np.zeros_like(z)\n"
                                               "    np.put_along_axis(dz, z.argmax(axis=2)[:, :, None], dout[:, :, None], axis=2)\n"
                                               "    dx = np.einsum('nmk,dmk->nd', dz, W)\n    dW = np.einsum('nd,nmk->dmk', x, dz)\n"
                                               "    return dx, dW, dz.mean(axis=0)\n"),
        "dx_ignores_the_routing": _mx_bwd(_Z + "    dz = np.zeros_like(z)\n"
                                          "    np.put_along_axis(dz, z.argmax(axis=2)[:, :, None], dout[:, :, None], axis=2)\n"
                                          "    dx = dout @ W.sum(axis=2).T\n    dW = np.einsum('nd,nmk->dmk', x, dz)\n"
                                          "    return dx, dW, dz.sum(axis=0)\n"),
        "softmax_weights_instead_of_argmax": _mx_bwd(_Z + "    p = np.exp(z - z.max(axis=2, keepdims=True))\n"
                                                     "    p /= p.sum(axis=2, keepdims=True)\n    dz = dout[:, :, None] * p\n"
                                                     + _AFFINE_BACK),
        "dW_without_x": _mx_bwd(_Z + "    dz = np.zeros_like(z)\n"
                                "    np.put_along_axis(dz, z.argmax(axis=2)[:, :, None], dout[:, :, None], axis=2)\n"
                                "    dx = np.einsum('nmk,dmk->nd', dz, W)\n    dW = np.broadcast_to(dz.sum(axis=0), W.shape).copy()\n"
                                "    return dx, dW, dz.sum(axis=0)\n"),
    },
    "dead_units_are_zero_in_every_row": {
        "any_zero_instead_of_all": _dead("    return np.any(h == 0.0, axis=0)\n"),
        "per_row_instead_of_per_unit": _dead("    return np.all(h == 0.0, axis=1)\n"),
        "non_positive_counts_as_dead": _dead("    return np.all(h <= 0.0, axis=0)\n"),
        "near_zero_counts_as_dead": _dead("    return np.all(np.abs(h) < 1e-12, axis=0)\n"),
        "returns_indices": _dead("    return np.flatnonzero(np.all(h == 0.0, axis=0))\n"),
        "returns_the_fraction": _dead("    return float(np.mean(np.all(h == 0.0, axis=0)))\n"),
        "zero_mean_counts_as_dead": _dead("    return h.mean(axis=0) == 0.0\n"),
    },
}


def _only(mapping):
    """The one ``{answer_grade_id: code}`` of a helper above, for CORRECT."""
    (code,) = mapping.values()
    return code


_ARGMAX_DZ = ("    dz = np.zeros_like(z)\n"
              "    np.put_along_axis(dz, z.argmax(axis=2)[:, :, None], dout[:, :, None], axis=2)\n")

# Correct answers written the ways learners write them; each must earn full marks.
CORRECT = {
    "leaky_relu_answer": {
        "copy_and_mask": _only(_leaky("    out = x.copy()\n    out[out <= 0] *= alpha\n    return out\n")),
        "maximum_for_a_small_alpha": _only(_leaky("    return np.maximum(x, alpha * x)\n")),
        "two_halves": _only(_leaky("    return np.maximum(x, 0) + alpha * np.minimum(x, 0)\n")),
    },
    "leaky_relu_grad_answer": {
        "ones_then_mask": _only(_leaky_grad("    g = np.ones_like(x)\n    g[x <= 0] = alpha\n    return g\n")),
        "interpolate": _only(_leaky_grad("    return alpha + (1.0 - alpha) * (x > 0)\n")),
        "ndindex_loop": _only(_leaky_grad(
            "    g = np.empty(x.shape)\n    for i in np.ndindex(x.shape):\n"
            "        g[i] = 1.0 if x[i] > 0 else alpha\n    return g\n")),
    },
    "prelu_forward_answer": {
        "copy_and_mask": _only(_prelu_fwd("    out = x.copy()\n    out[x <= 0] *= alpha\n    return out\n")),
        "two_halves": _only(_prelu_fwd("    return np.maximum(x, 0.0) + alpha * np.minimum(x, 0.0)\n")),
        "slope_array": _only(_prelu_fwd("    return x * np.where(x > 0, 1.0, alpha)\n")),
    },
    "prelu_backward_answer": {
        "boolean_indexing": _only(_prelu_bwd(
            "    neg = x <= 0\n    dx = dout.copy()\n    dx[neg] *= alpha\n"
            "    return dx, float(np.sum(dout[neg] * x[neg]))\n")),
        "vdot_with_minimum": _only(_prelu_bwd(
            "    dx = np.where(x > 0, dout, alpha * dout)\n    return dx, float(np.vdot(dout, np.minimum(x, 0.0)))\n")),
        "ndindex_loop": _only(_prelu_bwd(
            "    dx = np.zeros_like(x)\n    dalpha = 0.0\n    for i in np.ndindex(x.shape):\n"
            "        if x[i] > 0:\n            dx[i] = dout[i]\n        else:\n            dx[i] = alpha * dout[i]\n"
            "            dalpha += dout[i] * x[i]\n    return dx, dalpha\n")),
    },
    "elu_answer": {
        "mask_the_negative_entries": _only(_elu(
            "    out = x.copy()\n    neg = x <= 0\n    out[neg] = alpha * np.expm1(x[neg])\n    return out\n")),
        "two_halves": _only(_elu("    return np.maximum(x, 0.0) + alpha * np.expm1(np.minimum(x, 0.0))\n")),
        "exp_minus_one_of_the_minimum": _only(_elu(
            "    return np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0.0)) - 1.0))\n")),
    },
    "maxout_forward_answer": {
        "reshape_W": _only(_mx_fwd(
            "    N, D = x.shape\n    _, M, K = W.shape\n"
            "    z = (x @ W.reshape(D, M * K)).reshape(N, M, K) + b\n    return z.max(axis=2)\n")),
        "tensordot": _only(_mx_fwd("    return np.max(np.tensordot(x, W, axes=1) + b, axis=-1)\n")),
        "loops_over_pieces": _only(_mx_fwd(
            "    D, M, K = W.shape\n    out = np.full((x.shape[0], M), -np.inf)\n"
            "    for m in range(M):\n        for k in range(K):\n"
            "            out[:, m] = np.maximum(out[:, m], x @ W[:, m, k] + b[m, k])\n    return out\n")),
    },
    "maxout_backward_answer": {
        "one_hot_from_eye": _only(_mx_bwd(
            _Z + "    K = W.shape[2]\n    dz = np.eye(K)[z.argmax(axis=2)] * dout[:, :, None]\n" + _AFFINE_BACK)),
        "tensordot": _only(_mx_bwd(
            "    z = np.tensordot(x, W, axes=1) + b\n" + _ARGMAX_DZ +
            "    dx = np.tensordot(dz, W, axes=([1, 2], [1, 2]))\n    dW = np.tensordot(x, dz, axes=([0], [0]))\n"
            "    return dx, dW, dz.sum(axis=0)\n")),
        "loops": _only(_mx_bwd(
            "    N, D = x.shape\n    _, M, K = W.shape\n    dx, dW, db = np.zeros_like(x), np.zeros_like(W), np.zeros_like(b)\n"
            "    for n in range(N):\n        for m in range(M):\n            z = x[n] @ W[:, m, :] + b[m]\n"
            "            k = int(np.argmax(z))\n            dx[n] += dout[n, m] * W[:, m, k]\n"
            "            dW[:, m, k] += dout[n, m] * x[n]\n            db[m, k] += dout[n, m]\n"
            "    return dx, dW, db\n")),
    },
    "dead_units_answer": {
        "count_nonzero": _only(_dead("    return np.count_nonzero(h, axis=0) == 0\n")),
        "not_any_nonzero": _only(_dead("    return ~np.any(h != 0, axis=0)\n")),
        "loop_over_columns": _only(_dead(
            "    return np.array([bool(np.all(h[:, m] == 0)) for m in range(h.shape[1])])\n")),
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "leaky_relu_values": {
        "changes_x_in_place": {"answers": _leaky("    x[x < 0] *= alpha\n    return x\n"), "says": "in place"},
    },
    "leaky_relu_grad_kink_is_alpha": {
        "one_at_the_kink": {"answers": _leaky_grad("    return np.where(x >= 0, 1.0, alpha)\n"),
                            "says": "at the kink"},
    },
    "prelu_forward_values": {
        "maximum_is_wrong_for_alpha_above_one": {
            "answers": _prelu_fwd("    return np.maximum(x, alpha * x)\n"), "says": "alpha > 1"},
    },
    "prelu_backward_matches_finite_differences": {
        "dalpha_per_entry": {
            "answers": _prelu_bwd("    dx = dout * np.where(x > 0, 1.0, alpha)\n    return dx, dout * np.minimum(x, 0.0)\n"),
            "says": "sum over every entry"},
        "one_at_the_kink": {
            "answers": _prelu_bwd("    dx = dout * np.where(x >= 0, 1.0, alpha)\n"
                                  "    return dx, float(np.sum(dout * np.minimum(x, 0.0)))\n"),
            "says": "at x = 0"},
    },
    "elu_is_stable_at_extremes": {
        "naive_where_overflows": {
            "answers": _elu("    return np.where(x > 0, x, alpha * (np.exp(x) - 1.0))\n"), "says": "FloatingPointError"},
        "expm1_of_every_entry_overflows": {
            "answers": _elu("    return np.where(x > 0, x, alpha * np.expm1(x))\n"), "says": "FloatingPointError"},
    },
    "maxout_backward_matches_finite_differences": {
        "every_tied_piece_gets_the_gradient": {
            "answers": _mx_bwd(_Z + "    dz = (z == z.max(axis=2, keepdims=True)) * dout[:, :, None]\n" + _AFFINE_BACK),
            "says": "a tie"},
    },
    "dead_units_are_zero_in_every_row": {
        "non_positive_counts_as_dead": {"answers": _dead("    return np.all(h <= 0.0, axis=0)\n"),
                                        "says": "exact zeros"},
        "near_zero_counts_as_dead": {"answers": _dead("    return np.all(np.abs(h) < 1e-12, axis=0)\n"),
                                     "says": "exact zeros"},
    },
}
