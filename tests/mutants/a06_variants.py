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


def _gain(gain_body, moments_body=None):
    """Both functions of part F: a mutated gain with the reference moments, or the other way round."""
    return {"leaky_he_gain_answer": "def rectifier_gain(alpha, beta=1.0):\n" + gain_body + "\n"
            "def preactivation_second_moments(x, unit_weights, alpha, gain):\n"
            + (moments_body or _MOMENTS)}


_MOMENTS = ("    h = np.asarray(x, dtype=float)\n    out = []\n    for u in unit_weights:\n"
            "        z = h @ (gain * u / np.sqrt(u.shape[0]))\n        out.append(np.mean(z ** 2))\n"
            "        h = np.where(z > 0, z, alpha * z)\n    return np.array(out)\n")
_GAIN = "    return float(np.sqrt(2.0 / (alpha ** 2 + beta ** 2)))\n"


def _moments(step, record="np.mean(z ** 2)", scale="np.sqrt(u.shape[0])"):
    return _gain(_GAIN, "    h = np.asarray(x, dtype=float)\n    out = []\n    for u in unit_weights:\n"
                 "        z = h @ (gain * u / %s)\n        out.append(%s)\n%s    return np.array(out)\n"
                 % (scale, record, step))


_LEAK_STEP = "        h = np.where(z > 0, z, alpha * z)\n"


def _curves(slope="np.where(z > 0, 1.0, alpha)", silent="np.all(z <= 0, axis=0)",
            sigma="0.5 * (1.0 + np.tanh(0.5 * s))", d="(p - y) / n", count="np.count_nonzero(silent & ~now)",
            start="        W, b, v, c = W1.copy(), b1.copy(), w2.copy(), float(b2)\n", grad_slope=None,
            census="        z = x @ W + b\n        now = %s\n", scale_fraction=".mean()"):
    """dead_fraction_curves with one piece replaced."""
    body = ("    x = np.asarray(x, dtype=float)\n    y = np.asarray(y, dtype=float)\n    n = x.shape[0]\n"
            "    fractions = np.zeros((len(learning_rates), epochs + 1))\n"
            "    recoveries = np.zeros(len(learning_rates), dtype=int)\n"
            "    W, b, v, c = W1.copy(), b1.copy(), w2.copy(), float(b2)\n"
            "    for i, lr in enumerate(learning_rates):\n" + start +
            "        z = x @ W + b\n        silent = {silent}\n        fractions[i, 0] = silent{frac}\n"
            "        for t in range(1, epochs + 1):\n"
            "            g = {slope}\n            h = np.where(z > 0, z, alpha * z)\n"
            "            s = h @ v + c\n            p = {sigma}\n            d = {d}\n"
            "            dz = np.outer(d, v) * ({grad_slope})\n"
            "            W, b, v, c = W - lr * (x.T @ dz), b - lr * dz.sum(axis=0), v - lr * (h.T @ d), c - lr * d.sum()\n"
            + census.replace("        ", "            ", 2) % "{silent_now}" +
            "            recoveries[i] += {count}\n            silent = now\n"
            "            fractions[i, t] = silent{frac}\n"
            "    return fractions, recoveries\n")
    body = body.format(silent=silent, frac=scale_fraction, slope=slope, sigma=sigma, d=d,
                       grad_slope=grad_slope or "g", silent_now=silent, count=count)
    return {"dead_fraction_curves_answer":
            "def dead_fraction_curves(x, y, W1, b1, w2, b2, learning_rates, epochs, alpha):\n" + body}


def _diagnose(dead="np.mean(np.all(h == 0, axis=0)) >= 0.3", low="0.1", high="10.0", first="dead",
              bias="h @ W + b", end="h"):
    """diagnose with one piece replaced; ``first`` says which fault is looked for first."""
    scale = ("    ratio = np.sqrt(np.mean({end} ** 2)) / rms_in\n"
             "    if ratio < {low}:\n        return 'vanishing'\n"
             "    if ratio > {high}:\n        return 'exploding'\n").format(end=end, low=low, high=high)
    dead_check = "    if many_dead:\n        return 'dead units'\n"
    body = ("    h = np.asarray(x, dtype=float)\n    rms_in = np.sqrt(np.mean(h ** 2))\n    many_dead = False\n"
            "    for W, b in zip(weights, biases):\n        h = np.maximum({bias}, 0.0)\n"
            "        many_dead = many_dead or bool({dead})\n").format(bias=bias, dead=dead)
    body += (dead_check + scale) if first == "dead" else (scale + dead_check)
    return {"diagnose_answer": "def diagnose(x, weights, biases):\n" + body + "    return 'healthy'\n"}


_Z = "    z = np.einsum('nd,dmk->nmk', x, W) + b\n"
_AFFINE_BACK = ("    dx = np.einsum('nmk,dmk->nd', dz, W)\n    dW = np.einsum('nd,nmk->dmk', x, dz)\n"
                "    db = dz.sum(axis=0)\n    return dx, dW, db\n")

MUTANTS = {
    "leaky_relu_and_prelu_forward_values": {
        "leaky_plain_relu": _leaky("    return np.maximum(np.asarray(x, dtype=float), 0.0)\n"),
        "leaky_ignores_alpha": _leaky("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, 0.01 * x)\n"),
        "leaky_leak_on_the_positive_side": _leaky("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, alpha * x, x)\n"),
        "leaky_wrong_default_alpha": {"leaky_relu_answer": "def leaky_relu(x, alpha=0.1):\n    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, alpha * x)\n"},
        "leaky_negative_slope_sign_flipped": _leaky("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, -alpha * x)\n"),
        "leaky_in_place_mutation": _leaky("    x[x < 0] *= alpha\n    return x\n"),
        "leaky_constant_alpha_instead_of_alpha_x": _leaky("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, alpha)\n"),
        "grad_one_at_zero": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x >= 0, 1.0, alpha)\n"),
        "grad_zero_at_zero": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, 1.0, np.where(x < 0, alpha, 0.0))\n"),
        "grad_returns_the_function": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, alpha * x)\n"),
        "grad_relu_gradient": _leaky_grad("    return (np.asarray(x) > 0).astype(float)\n"),
        "grad_ignores_alpha": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, 1.0, 0.01)\n"),
        "grad_alpha_on_the_wrong_side": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, alpha, 1.0)\n"),
        "grad_half_way_at_zero": _leaky_grad("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, 1.0, np.where(x < 0, alpha, (1 + alpha) / 2))\n"),
        "prelu_returns_out_and_cache": _prelu_fwd("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, alpha * x), (x, alpha)\n"),
        "prelu_plain_relu": _prelu_fwd("    return np.maximum(np.asarray(x, dtype=float), 0.0)\n"),
        "prelu_fixed_slope_quarter": _prelu_fwd("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, x, 0.25 * x)\n"),
        "prelu_max_of_x_and_alpha_x": _prelu_fwd("    x = np.asarray(x, dtype=float)\n    return np.maximum(x, alpha * x)\n"),
        "prelu_slope_on_positive_side": _prelu_fwd("    x = np.asarray(x, dtype=float)\n    return np.where(x > 0, alpha * x, x)\n"),
        "prelu_in_place_mutation": _prelu_fwd("    x[x <= 0] *= alpha\n    return x\n"),
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
    "leaky_he_gain_keeps_the_second_moment": {
        "he_relu_gain_for_every_alpha": _gain("    return float(np.sqrt(2.0))\n"),
        "alpha_not_squared": _gain("    return float(np.sqrt(2.0 / (alpha + beta)))\n"),
        "no_square_root": _gain("    return float(2.0 / (alpha ** 2 + beta ** 2))\n"),
        "beta_ignored": _gain("    return float(np.sqrt(2.0 / (1.0 + alpha ** 2)))\n"),
        "inverted": _gain("    return float(np.sqrt((alpha ** 2 + beta ** 2) / 2.0))\n"),
        "slopes_added_before_squaring": _gain("    return float(np.sqrt(2.0) / (alpha + beta))\n"),
        "variance_instead_of_second_moment": _moments(_LEAK_STEP, record="np.var(z)"),
        "fan_out_scaling": _moments(_LEAK_STEP, scale="np.sqrt(u.shape[1])"),
        "relu_instead_of_leaky": _moments("        h = np.maximum(z, 0.0)\n"),
        "moments_of_the_outputs": _moments("        h = np.where(z > 0, z, alpha * z)\n        out[-1] = np.mean(h ** 2)\n"),
        "gain_squared_in_the_weights": _moments(_LEAK_STEP, scale="np.sqrt(u.shape[0]) / gain"),
    },
    "dead_fractions_and_recoveries_per_learning_rate": {
        "no_restart_between_rates": _curves(start=""),
        "strictly_negative_is_silent": _curves(silent="np.all(z < 0, axis=0)"),
        "slope_one_at_the_kink": _curves(slope="np.where(z >= 0, 1.0, alpha)"),
        "silent_from_leaky_outputs_being_zero": _curves(silent="np.all(np.where(z > 0, z, alpha * z) == 0, axis=0)"),
        "relu_gradient_for_leaky_units": _curves(grad_slope="(z > 0)"),
        "net_change_instead_of_recoveries": _curves(count="max(0, int(silent.sum()) - int(now.sum()))"),
        "sum_instead_of_mean_loss": _curves(d="(p - y)"),
        "squared_error_gradient": _curves(d="(s - y) / n"),
        "counts_instead_of_fractions": _curves(scale_fraction=".sum() * 1.0"),
        "census_only_every_other_step": _curves(count="np.count_nonzero(silent & ~now) if t % 2 else 0"),
    },
    "diagnose_tells_scaling_from_dead_units": {
        "zero_outputs_taken_for_dead_units": _diagnose(dead="np.mean(h == 0) >= 0.3"),
        "scale_checked_before_dead_units": _diagnose(first="scale"),
        "only_the_last_layer_counted": {"diagnose_answer": (
            "def diagnose(x, weights, biases):\n    h = np.asarray(x, dtype=float)\n"
            "    rms_in = np.sqrt(np.mean(h ** 2))\n    for W, b in zip(weights, biases):\n"
            "        h = np.maximum(h @ W + b, 0.0)\n    if np.mean(np.all(h == 0, axis=0)) >= 0.3:\n"
            "        return 'dead units'\n    ratio = np.sqrt(np.mean(h ** 2)) / rms_in\n"
            "    if ratio < 0.1:\n        return 'vanishing'\n    if ratio > 10.0:\n        return 'exploding'\n"
            "    return 'healthy'\n")},
        "ratio_upside_down": _diagnose(end="1.0 / h"),
        "any_dead_unit_is_too_many": _diagnose(dead="np.any(np.all(h == 0, axis=0))"),
        "biases_ignored": _diagnose(bias="h @ W"),
        "dead_if_zero_on_any_example": _diagnose(dead="np.mean(np.any(h == 0, axis=0)) >= 0.3"),
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
    "leaky_he_gain_answer": {
        "hypot_and_loop": _only(_gain("    return float(np.sqrt(2.0) / np.hypot(alpha, beta))\n")),
        "math_module_and_list": {"leaky_he_gain_answer": (
            "import math\n\ndef rectifier_gain(alpha, beta=1.0):\n    return math.sqrt(2 / (alpha * alpha + beta * beta))\n\n"
            "def preactivation_second_moments(x, unit_weights, alpha, gain):\n    h = np.array(x, dtype=np.float64)\n"
            "    out = np.empty(len(unit_weights))\n    for l, u in enumerate(unit_weights):\n"
            "        fan_in = u.shape[0]\n        z = (h @ u) * (gain / math.sqrt(fan_in))\n"
            "        out[l] = (z * z).sum() / z.size\n        h = z.copy()\n        h[h <= 0] *= alpha\n"
            "    return out\n")}["leaky_he_gain_answer"],
        "two_halves": _only(_moments("        h = np.maximum(z, 0.0) + alpha * np.minimum(z, 0.0)\n",
                                     record="float(np.average(np.square(z)))")),
    },
    "dead_fraction_curves_answer": {
        "exp_sigmoid_and_einsum": {"dead_fraction_curves_answer": (
            "def dead_fraction_curves(x, y, W1, b1, w2, b2, learning_rates, epochs, alpha):\n"
            "    n, m = x.shape[0], W1.shape[1]\n    fractions, recoveries = [], []\n"
            "    for lr in learning_rates:\n        W, b, v, c = np.array(W1), np.array(b1), np.array(w2), b2\n"
            "        z = np.einsum('nd,dm->nm', x, W) + b\n        silent = z.max(axis=0) <= 0\n"
            "        row, back = [np.count_nonzero(silent) / m], 0\n        for _ in range(epochs):\n"
            "            g = np.ones_like(z)\n            g[z <= 0] = alpha\n            h = g * z\n"
            "            s = np.einsum('nm,m->n', h, v) + c\n            e = np.exp(-np.abs(s))\n"
            "            p = np.where(s >= 0, 1 / (1 + e), e / (1 + e))\n            d = (p - y) * (1.0 / n)\n"
            "            dz = d[:, None] * v[None, :] * g\n            dW = np.einsum('nd,nm->dm', x, dz)\n"
            "            db, dv, dc = dz.sum(axis=0), np.einsum('nm,n->m', h, d), d.sum()\n"
            "            W, b, v, c = W - lr * dW, b - lr * db, v - lr * dv, c - lr * dc\n"
            "            z = np.einsum('nd,dm->nm', x, W) + b\n            now = z.max(axis=0) <= 0\n"
            "            back += int(np.sum(silent & ~now))\n            silent = now\n"
            "            row.append(np.count_nonzero(silent) / m)\n"
            "        fractions.append(row)\n        recoveries.append(back)\n"
            "    return np.array(fractions, dtype=np.float64), np.array(recoveries)\n")}["dead_fraction_curves_answer"],
        "in_place_updates_on_copies": {"dead_fraction_curves_answer": (
            "def dead_fraction_curves(x, y, W1, b1, w2, b2, learning_rates, epochs, alpha):\n"
            "    n = len(y)\n    fractions = np.zeros((len(learning_rates), epochs + 1))\n"
            "    recoveries = np.zeros(len(learning_rates), dtype=np.int64)\n"
            "    for i in range(len(learning_rates)):\n        lr = learning_rates[i]\n"
            "        W, b, v = W1.copy(), b1.copy(), w2.copy()\n        c = float(b2)\n"
            "        for t in range(epochs + 1):\n            z = x @ W + b\n"
            "            silent = np.all(z <= 0, axis=0)\n            fractions[i, t] = np.mean(silent)\n"
            "            if t > 0:\n                recoveries[i] += np.sum(was & ~silent)\n"
            "            was = silent\n            if t == epochs:\n                break\n"
            "            h = np.maximum(z, 0) + alpha * np.minimum(z, 0)\n"
            "            p = (1 + np.tanh((h @ v + c) / 2)) / 2\n            d = (p - y) / n\n"
            "            dh = np.outer(d, v)\n            dz = np.where(z > 0, dh, alpha * dh)\n"
            "            dW, db, dv, dc = x.T @ dz, dz.sum(0), h.T @ d, d.sum()\n"
            "            W -= lr * dW\n            b -= lr * db\n            v -= lr * dv\n            c -= lr * dc\n"
            "    return fractions, recoveries\n")}["dead_fraction_curves_answer"],
        "loops_over_units": _only(_curves(silent="np.array([not np.any(z[:, j] > 0) for j in range(z.shape[1])])",
                                          count="sum(1 for j in range(len(now)) if silent[j] and not now[j])")),
    },
    "diagnose_answer": {
        "std_and_other_thresholds": _only(_diagnose(dead="np.count_nonzero(np.all(h == 0, axis=0)) >= 0.25 * h.shape[1]",
                                                    low="0.05", high="20.0")),
        "list_of_layer_stats": {"diagnose_answer": (
            "def diagnose(x, weights, biases):\n    h = x\n    dead = []\n"
            "    for W, b in zip(weights, biases):\n        h = np.maximum(h @ W + b, 0)\n"
            "        dead.append(np.mean(~np.any(h > 0, axis=0)))\n"
            "    if max(dead) > 1 / 3:\n        return 'Dead units'\n"
            "    ratio = np.linalg.norm(h) / np.sqrt(h.size) / (np.linalg.norm(x) / np.sqrt(x.size))\n"
            "    return 'vanishing' if ratio < 0.2 else 'exploding' if ratio > 5 else 'healthy'\n")}["diagnose_answer"],
        "log_ratio_per_layer": {"diagnose_answer": (
            "def diagnose(x, weights, biases):\n    h = np.array(x, dtype=float)\n    log_ratio = 0.0\n"
            "    for W, b in zip(weights, biases):\n        before = np.sqrt(np.mean(h ** 2))\n"
            "        h = np.maximum(h @ W + b, 0.0)\n        if np.all(h == 0):\n            return 'dead units'\n"
            "        log_ratio += np.log10(np.sqrt(np.mean(h ** 2)) / before)\n"
            "        if np.sum(h.max(axis=0) == 0) / h.shape[1] >= 0.35:\n            return 'dead units'\n"
            "    if log_ratio < -1:\n        return 'vanishing'\n    if log_ratio > 1:\n        return 'exploding'\n"
            "    return 'healthy'\n")}["diagnose_answer"],
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "leaky_relu_and_prelu_forward_values": {
        "changes_x_in_place": {"answers": _leaky("    x[x < 0] *= alpha\n    return x\n"), "says": "in place"},
        "one_at_the_kink": {"answers": _leaky_grad("    return np.where(x >= 0, 1.0, alpha)\n"),
                            "says": "at the kink"},
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
    "leaky_he_gain_keeps_the_second_moment": {
        "variance_instead_of_second_moment": {
            "answers": _moments(_LEAK_STEP, record="np.var(z)"), "says": "not the variance"},
        "fan_out_scaling": {"answers": _moments(_LEAK_STEP, scale="np.sqrt(u.shape[1])"), "says": "number of rows"},
    },
    "dead_fractions_and_recoveries_per_learning_rate": {
        "strictly_negative_is_silent": {"answers": _curves(silent="np.all(z < 0, axis=0)"), "says": "exactly 0"},
        "no_restart_between_rates": {"answers": _curves(start=""), "says": "starts from the given weights"},
        "silent_from_leaky_outputs_being_zero": {
            "answers": _curves(silent="np.all(np.where(z > 0, z, alpha * z) == 0, axis=0)"), "says": "not zeros"},
    },
    "diagnose_tells_scaling_from_dead_units": {
        "zero_outputs_taken_for_dead_units": {"answers": _diagnose(dead="np.mean(h == 0) >= 0.3"),
                                              "says": "its units are not dead"},
        "scale_checked_before_dead_units": {"answers": _diagnose(first="scale"), "says": "also shrinks"},
    },
}
