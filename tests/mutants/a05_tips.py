"""Plausible wrong answers to assignment 5 (using ReLU well), each expected to lose its part's points."""

ASSIGNMENT = "05-tips"
NOTEBOOK = "tips.ipynb"

_GLOROT_UNIFORM = ("def glorot_uniform(fan_in, fan_out, rng):\n"
                   "    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
                   "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")
_GLOROT_NORMAL = ("def glorot_normal(fan_in, fan_out, rng):\n"
                  "    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))\n")
_HE_UNIFORM = ("def he_uniform(fan_in, fan_out, rng):\n"
               "    a = np.sqrt(6.0 / fan_in)\n"
               "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")
_HE_NORMAL = ("def he_normal(fan_in, fan_out, rng):\n"
              "    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))\n")
_L2 = ("def l2_penalty(w, lam):\n    return 0.5 * lam * float(np.sum(np.asarray(w) ** 2))\n")
_L2_GRAD = ("def l2_penalty_grad(w, lam):\n    return lam * np.asarray(w, dtype=float)\n")
_L1 = ("def l1_penalty(w, lam):\n    return lam * float(np.sum(np.abs(w)))\n")
_L1_GRAD = ("def l1_penalty_grad(w, lam):\n    return lam * np.sign(np.asarray(w, dtype=float))\n")


def _glorot(uniform=_GLOROT_UNIFORM, normal=_GLOROT_NORMAL):
    return {"glorot_answer": uniform + "\n\n" + normal}


def _he(uniform=_HE_UNIFORM, normal=_HE_NORMAL):
    return {"he_answer": uniform + "\n\n" + normal}


def _l2(penalty=_L2, grad=_L2_GRAD):
    return {"l2_penalty_answer": penalty + "\n\n" + grad}


def _l1(penalty=_L1, grad=_L1_GRAD):
    return {"l1_penalty_answer": penalty + "\n\n" + grad}


def _standardise(body):
    return {"standardise_answer": "def standardise_with_training_stats(x_train, x_test):\n" + body}


def _ratio(weights="rng.normal(0.0, gain / np.sqrt(width), size=(width, width))", measure="np.var(z)",
           activate="np.maximum(z, 0.0)", summary="(v[-1] / v[0]) ** (1.0 / (depth - 1))"):
    return {"variance_ratio_answer": (
        "def variance_ratio_per_layer(gain, depth, width, batch, rng):\n"
        "    h = rng.standard_normal((batch, width))\n    v = []\n"
        "    for _ in range(depth):\n        z = h @ " + weights + "\n        v.append(" + measure + ")\n"
        "        h = " + activate + "\n    return float(" + summary + ")\n")}


def _diagnose(dead="np.mean(np.all(h == 0.0, axis=0))", dead_cut="0.25", combine="min",
              growth="rms[-1] / rms[0]"):
    return {"diagnose_answer": (
        "def diagnose(activations):\n"
        "    rms = [np.sqrt(np.mean(h ** 2)) for h in activations]\n"
        "    dead = [" + dead + " for h in activations]\n"
        "    if " + combine + "(dead) >= " + dead_cut + ":\n        return 'dead units'\n"
        "    growth = " + growth + "\n"
        "    if growth > 30.0:\n        return 'exploding'\n"
        "    if growth < 1.0 / 30.0:\n        return 'vanishing'\n    return 'healthy'\n")}


def _shrink(body):
    return {"steps_to_shrink_answer": "def steps_to_shrink(lr, lam, fraction):\n" + body}


MUTANTS = {
    "initialisers_have_the_right_spread": {
        "glorot_old_heuristic_presented_as_xavier": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n    a = 1.0 / np.sqrt(fan_in)\n"
            "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
        "glorot_uniform_limit_sqrt3_instead_of_sqrt6": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(3.0 / (fan_in + fan_out))\n"
            "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
        "glorot_normal_instead_of_uniform": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))\n")),
        "glorot_variance_passed_as_std": _glorot(normal=(
            "def glorot_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, 2.0 / (fan_in + fan_out), size=(fan_in, fan_out))\n")),
        "glorot_fan_in_only_lecun": _glorot(normal=(
            "def glorot_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out))\n")),
        "glorot_uniform_limit_used_as_std": _glorot(normal=(
            "def glorot_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(6.0 / (fan_in + fan_out)), size=(fan_in, fan_out))\n")),
        "glorot_transposed_shape": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
            "    return rng.uniform(-a, a, size=(fan_out, fan_in))\n")),
        "glorot_uniform_on_zero_to_a": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
            "    return rng.uniform(0.0, a, size=(fan_in, fan_out))\n")),
        "glorot_truncated_normal_keras_style": _glorot(normal=(
            "def glorot_normal(fan_in, fan_out, rng):\n"
            "    std = np.sqrt(2.0 / (fan_in + fan_out)) / 0.87962566103423978\n"
            "    w = rng.normal(0.0, std, size=(fan_in, fan_out))\n"
            "    bad = np.abs(w) > 2 * std\n"
            "    while bad.any():\n"
            "        w[bad] = rng.normal(0.0, std, size=int(bad.sum()))\n"
            "        bad = np.abs(w) > 2 * std\n"
            "    return w\n")),
        "he_fan_out_instead_of_fan_in": _he(
            uniform=("def he_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(6.0 / fan_out)\n"
                     "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n"),
            normal=("def he_normal(fan_in, fan_out, rng):\n"
                    "    return rng.normal(0.0, np.sqrt(2.0 / fan_out), size=(fan_in, fan_out))\n")),
        "he_fan_in_plus_fan_out_instead_of_fan_in": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))\n")),
        "he_uniform_limit_sqrt3_over_n": _he(uniform=(
            "def he_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(3.0 / fan_in)\n"
            "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
        "he_variance_passed_as_std": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, 2.0 / fan_in, size=(fan_in, fan_out))\n")),
        "he_normal_instead_of_uniform": _he(uniform=(
            "def he_uniform(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))\n")),
        "he_forgets_the_factor_two": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out))\n")),
        "he_std_used_as_uniform_limit": _he(uniform=(
            "def he_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(2.0 / fan_in)\n"
            "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
        "he_fan_out_only_when_layer_widens": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(2.0 / max(fan_in, fan_out)), size=(fan_in, fan_out))\n")),
        "he_truncated_normal": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    std = np.sqrt(2.0 / fan_in)\n"
            "    return np.clip(rng.normal(0.0, std, size=(fan_in, fan_out)), -2 * std, 2 * std)\n")),
    },
    "variance_ratio_matches_a_seeded_experiment": {
        "ratio_of_standard_deviations": _ratio(measure="np.std(z)"),
        "no_relu_between_layers": _ratio(activate="z"),
        "weight_std_gain_over_width": _ratio(weights="rng.normal(0.0, gain / width, size=(width, width))"),
        "variance_passed_as_std": _ratio(weights="rng.normal(0.0, gain ** 2 / width, size=(width, width))"),
        "total_drift_without_the_root": _ratio(summary="v[-1] / v[0]"),
        "inverted_ratio": _ratio(summary="(v[0] / v[-1]) ** (1.0 / (depth - 1))"),
        "ignores_the_gain_uses_he": _ratio(weights="rng.normal(0.0, np.sqrt(2.0 / width), size=(width, width))"),
        "weights_drawn_once_for_all_layers": {"variance_ratio_answer": (
            "def variance_ratio_per_layer(gain, depth, width, batch, rng):\n"
            "    h = rng.standard_normal((batch, width))\n"
            "    w = rng.normal(0.0, gain / np.sqrt(width), size=(width, width))\n    v = []\n"
            "    for _ in range(depth):\n        z = h @ w\n        v.append(np.var(z))\n        h = np.maximum(z, 0.0)\n"
            "    return float(np.exp(np.mean(np.log(np.array(v[1:]) / np.array(v[:-1])))))\n")},
    },
    "diagnose_tells_scale_from_dead_units": {
        "zero_entries_counted_as_dead": _diagnose(dead="np.mean(h == 0.0)", dead_cut="0.4"),
        "absolute_size_instead_of_growth": _diagnose(growth="rms[-1]"),
        "tiny_counted_as_dead": _diagnose(dead="np.mean(np.all(h < 1e-6, axis=0))"),
        "exploding_and_vanishing_swapped": _diagnose(growth="rms[0] / rms[-1]"),
        "any_dead_unit_means_dead": _diagnose(dead="np.mean(np.all(h == 0.0, axis=0))", dead_cut="1e-9",
                                              combine="max"),
        "dead_units_never_reported": _diagnose(dead_cut="2.0"),
        "growth_of_the_first_two_layers_only": _diagnose(growth="rms[1] / rms[0]"),
    },
    "weight_decay_steps_to_shrink": {
        "forgets_the_half_in_the_gradient": _shrink("    factor = abs(1.0 - 2.0 * lr * lam)\n"
                                                    "    return int(np.ceil(np.log(fraction) / np.log(factor)))\n"),
        "continuous_exponential_decay": _shrink("    return int(np.ceil(np.log(1.0 / fraction) / (lr * lam)))\n"),
        "floor_instead_of_ceil": _shrink("    factor = abs(1.0 - lr * lam)\n"
                                         "    return int(np.floor(np.log(fraction) / np.log(factor)))\n"),
        "no_absolute_value_for_overshoot": _shrink("    return int(np.ceil(np.log(fraction) / np.log(1.0 - lr * lam)))\n"),
        "forgets_the_step_size": _shrink("    factor = abs(1.0 - lam)\n"
                                         "    return int(np.ceil(np.log(fraction) / np.log(factor)))\n"),
        "rounds_to_nearest": _shrink("    factor = abs(1.0 - lr * lam)\n"
                                     "    return int(round(np.log(fraction) / np.log(factor)))\n"),
        "loop_counts_one_step_too_many": _shrink("    w, k = 1.0, 1\n    while abs(w) > fraction:\n"
                                                 "        w -= lr * lam * w\n        k += 1\n    return k\n"),
        "fraction_of_the_step_not_the_weight": _shrink("    factor = lr * lam\n"
                                                       "    return int(np.ceil(np.log(fraction) / np.log(factor)))\n"),
    },
    "standardise_uses_training_statistics_only": {
        "test_split_uses_its_own_statistics": _standardise(
            "    m1, s1 = x_train.mean(axis=0), x_train.std(axis=0)\n    s1[s1 == 0] = 1.0\n"
            "    m2, s2 = x_test.mean(axis=0), x_test.std(axis=0)\n    s2[s2 == 0] = 1.0\n"
            "    return (x_train - m1) / s1, (x_test - m2) / s2\n"),
        "statistics_of_both_splits_together": _standardise(
            "    both = np.vstack([x_train, x_test])\n    m, s = both.mean(axis=0), both.std(axis=0)\n"
            "    s[s == 0] = 1.0\n    return (x_train - m) / s, (x_test - m) / s\n"),
        "sample_std_ddof_1": _standardise(
            "    m, s = x_train.mean(axis=0), x_train.std(axis=0, ddof=1)\n    s[s == 0] = 1.0\n"
            "    return (x_train - m) / s, (x_test - m) / s\n"),
        "per_row_instead_of_per_feature": _standardise(
            "    m, s = x_train.mean(axis=1, keepdims=True), x_train.std(axis=1, keepdims=True)\n"
            "    s[s == 0] = 1.0\n"
            "    mt, st = x_test.mean(axis=1, keepdims=True), x_test.std(axis=1, keepdims=True)\n"
            "    st[st == 0] = 1.0\n    return (x_train - m) / s, (x_test - mt) / st\n"),
        "epsilon_instead_of_std_one": _standardise(
            "    m, s = x_train.mean(axis=0), x_train.std(axis=0)\n"
            "    return (x_train - m) / (s + 1e-8), (x_test - m) / (s + 1e-8)\n"),
        "divides_by_zero_for_constant_feature": _standardise(
            "    m, s = x_train.mean(axis=0), x_train.std(axis=0)\n"
            "    return (x_train - m) / s, (x_test - m) / s\n"),
        "centres_but_does_not_scale": _standardise(
            "    m = x_train.mean(axis=0)\n    return x_train - m, x_test - m\n"),
        "in_place_on_the_inputs": _standardise(
            "    m, s = x_train.mean(axis=0), x_train.std(axis=0)\n    s[s == 0] = 1.0\n"
            "    x_train -= m\n    x_train /= s\n    x_test -= m\n    x_test /= s\n"
            "    return x_train, x_test\n"),
        "min_max_scaling_instead": _standardise(
            "    lo, hi = x_train.min(axis=0), x_train.max(axis=0)\n    span = hi - lo\n"
            "    span[span == 0] = 1.0\n    return (x_train - lo) / span, (x_test - lo) / span\n"),
    },
    "penalties_and_gradients": {
        "l2_forgets_the_half": _l2(penalty="def l2_penalty(w, lam):\n    return lam * float(np.sum(np.asarray(w) ** 2))\n"),
        "l2_norm_not_squared": _l2(penalty="def l2_penalty(w, lam):\n    return 0.5 * lam * float(np.linalg.norm(w))\n"),
        "l2_mean_instead_of_sum": _l2(penalty="def l2_penalty(w, lam):\n    return 0.5 * lam * float(np.mean(np.asarray(w) ** 2))\n"),
        "l2_gradient_twice_too_large": _l2(grad="def l2_penalty_grad(w, lam):\n    return 2 * lam * np.asarray(w, dtype=float)\n"),
        "l2_gradient_without_w": _l2(grad="def l2_penalty_grad(w, lam):\n    return np.full(np.shape(w), float(lam))\n"),
        "l2_gradient_in_place": _l2(grad="def l2_penalty_grad(w, lam):\n    w *= lam\n    return w\n"),
        "l2_gradient_squares_w": _l2(grad="def l2_penalty_grad(w, lam):\n    return lam * np.asarray(w, dtype=float) ** 2\n"),
        "l1_sum_without_absolute_value": _l1(penalty="def l1_penalty(w, lam):\n    return lam * float(np.sum(w))\n"),
        "l1_half_factor_copied_from_l2": _l1(penalty="def l1_penalty(w, lam):\n    return 0.5 * lam * float(np.sum(np.abs(w)))\n"),
        "l1_subgradient_one_at_zero": _l1(grad="def l1_penalty_grad(w, lam):\n    return lam * np.where(np.asarray(w) >= 0, 1.0, -1.0)\n"),
        "l1_divides_by_abs_w": _l1(grad="def l1_penalty_grad(w, lam):\n    w = np.asarray(w, dtype=float)\n    return lam * w / np.abs(w)\n"),
        "l1_gradient_is_abs": _l1(grad="def l1_penalty_grad(w, lam):\n    return lam * np.abs(np.asarray(w, dtype=float))\n"),
        "l1_gradient_is_l2_gradient": _l1(grad="def l1_penalty_grad(w, lam):\n    return lam * np.asarray(w, dtype=float)\n"),
        "l1_near_zero_tolerance": _l1(grad=("def l1_penalty_grad(w, lam):\n    w = np.asarray(w, dtype=float)\n"
                                         "    return lam * np.where(np.abs(w) < 1e-12, 0.0, np.sign(w))\n")),
    },
}

def _only(mapping):
    """The one ``{answer_grade_id: code}`` of a helper above, for CORRECT."""
    (code,) = mapping.values()
    return code


# Correct answers written the ways learners write them; each must earn full marks. The
# initialisers are graded by their spread, so any method of ``rng`` with the right
# distribution is correct.
CORRECT = {
    "glorot_answer": {
        "keyword_arguments_and_standard_normal": _only(_glorot(
            uniform=("def glorot_uniform(fan_in, fan_out, rng):\n    limit = np.sqrt(6 / (fan_in + fan_out))\n"
                     "    return rng.uniform(low=-limit, high=limit, size=(fan_in, fan_out))\n"),
            normal=("def glorot_normal(fan_in, fan_out, rng):\n"
                    "    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / (fan_in + fan_out))\n"))),
        "scaled_random_and_default_normal": _only(_glorot(
            uniform=("def glorot_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
                     "    return a * (2.0 * rng.random((fan_in, fan_out)) - 1.0)\n"),
            normal=("def glorot_normal(fan_in, fan_out, rng):\n"
                    "    return np.sqrt(2.0 / (fan_in + fan_out)) * rng.normal(size=(fan_in, fan_out))\n"))),
        "from_the_variance": _only(_glorot(
            uniform=("def glorot_uniform(fan_in, fan_out, rng):\n    var = 2.0 / (fan_in + fan_out)\n"
                     "    a = np.sqrt(3.0 * var)\n    return rng.uniform(-a, a, (fan_in, fan_out))\n"),
            normal=("def glorot_normal(fan_in, fan_out, rng):\n    var = 2.0 / (fan_in + fan_out)\n"
                    "    return rng.normal(0.0, var ** 0.5, (fan_in, fan_out))\n"))),
    },
    "he_answer": {
        "keyword_arguments_and_standard_normal": _only(_he(
            uniform=("def he_uniform(fan_in, fan_out, rng):\n    limit = np.sqrt(6 / fan_in)\n"
                     "    return rng.uniform(low=-limit, high=limit, size=(fan_in, fan_out))\n"),
            normal=("def he_normal(fan_in, fan_out, rng):\n"
                    "    return rng.standard_normal(size=(fan_in, fan_out)) * np.sqrt(2 / fan_in)\n"))),
        "scaled_random_and_default_normal": _only(_he(
            uniform=("def he_uniform(fan_in, fan_out, rng):\n"
                     "    return np.sqrt(6.0 / fan_in) * (2.0 * rng.random((fan_in, fan_out)) - 1.0)\n"),
            normal=("def he_normal(fan_in, fan_out, rng):\n"
                    "    return rng.normal(size=(fan_in, fan_out)) * (2.0 / fan_in) ** 0.5\n"))),
        "from_the_variance": _only(_he(
            uniform=("def he_uniform(fan_in, fan_out, rng):\n    var = 2.0 / fan_in\n"
                     "    return rng.uniform(-np.sqrt(3 * var), np.sqrt(3 * var), size=(fan_in, fan_out))\n"),
            normal=("def he_normal(fan_in, fan_out, rng):\n    var = 2.0 / fan_in\n"
                    "    return rng.normal(loc=0.0, scale=np.sqrt(var), size=(fan_in, fan_out))\n"))),
    },
    "standardise_answer": {
        "where_for_constant_features": _only(_standardise(
            "    mu = np.mean(x_train, axis=0)\n    sd = np.std(x_train, axis=0)\n    sd = np.where(sd == 0, 1.0, sd)\n"
            "    return (x_train - mu) / sd, (x_test - mu) / sd\n")),
        "keepdims_and_manual_std": _only(_standardise(
            "    mean = x_train.mean(axis=0, keepdims=True)\n"
            "    std = np.sqrt(((x_train - mean) ** 2).mean(axis=0, keepdims=True))\n"
            "    std[std == 0] = 1.0\n    return (x_train - mean) / std, (x_test - mean) / std\n")),
        "loop_over_features": _only(_standardise(
            "    train = x_train.astype(float)\n    test = x_test.astype(float)\n"
            "    for j in range(x_train.shape[1]):\n        m = x_train[:, j].mean()\n        s = x_train[:, j].std(ddof=0)\n"
            "        if s == 0:\n            s = 1.0\n        train[:, j] = (x_train[:, j] - m) / s\n"
            "        test[:, j] = (x_test[:, j] - m) / s\n    return train, test\n")),
    },
    "l2_penalty_answer": {
        "half_lam_vdot": _only(_l2(
            penalty="def l2_penalty(w, lam):\n    return lam / 2 * np.vdot(w, w)\n",
            grad="def l2_penalty_grad(w, lam):\n    return w * lam\n")),
        "squared_norm": _only(_l2(
            penalty="def l2_penalty(w, lam):\n    return 0.5 * lam * np.linalg.norm(w) ** 2\n",
            grad="def l2_penalty_grad(w, lam):\n    return np.multiply(lam, w)\n")),
        "sum_of_squares": _only(_l2(
            penalty="def l2_penalty(w, lam):\n    return float(lam * np.sum(np.square(w)) / 2)\n",
            grad="def l2_penalty_grad(w, lam):\n    return lam * w.astype(np.float64)\n")),
    },
    "l1_penalty_answer": {
        "abs_sum_method": _only(_l1(
            penalty="def l1_penalty(w, lam):\n    return lam * np.abs(w).sum()\n",
            grad="def l1_penalty_grad(w, lam):\n    return np.sign(w) * lam\n")),
        "nested_where": _only(_l1(
            penalty="def l1_penalty(w, lam):\n    return float(lam * np.linalg.norm(w.ravel(), 1))\n",
            grad="def l1_penalty_grad(w, lam):\n    return np.where(w > 0, lam, np.where(w < 0, -lam, 0.0))\n")),
        "ndindex_loop": _only(_l1(
            penalty="def l1_penalty(w, lam):\n    return lam * sum(abs(v) for v in w.ravel())\n",
            grad=("def l1_penalty_grad(w, lam):\n    g = np.zeros(w.shape)\n    for i in np.ndindex(w.shape):\n"
                  "        if w[i] > 0:\n            g[i] = lam\n        elif w[i] < 0:\n            g[i] = -lam\n"
                  "    return g\n"))),
    },
    "variance_ratio_answer": {
        "uniform_weights_post_activation_variance_mean_of_ratios": (
            "def variance_ratio_per_layer(gain, depth, width, batch, rng):\n"
            "    h = rng.normal(size=(batch, width))\n    a = gain * np.sqrt(3.0 / width)\n    v = []\n"
            "    for _ in range(depth):\n        h = np.maximum(h @ rng.uniform(-a, a, (width, width)), 0.0)\n"
            "        v.append(h.var())\n    v = np.array(v)\n    return float(np.mean(v[1:] / v[:-1]))\n"),
        "slope_of_log_variance": (
            "def variance_ratio_per_layer(gain, depth, width, batch, rng):\n"
            "    x = rng.normal(size=(batch, width))\n    logs = []\n"
            "    for layer in range(depth):\n"
            "        z = x @ (rng.standard_normal((width, width)) * gain / np.sqrt(width))\n"
            "        logs.append(np.log(z.var()))\n        x = np.where(z > 0, z, 0.0)\n"
            "    return float(np.exp(np.polyfit(np.arange(depth), logs, 1)[0]))\n"),
        "weights_first_then_mean_square": (
            "def variance_ratio_per_layer(gain, depth, width, batch, rng):\n"
            "    weights = [rng.normal(scale=gain * width ** -0.5, size=(width, width)) for _ in range(depth)]\n"
            "    h = rng.standard_normal(size=(batch, width))\n    second = []\n"
            "    for w in weights:\n        z = h @ w\n        second.append(np.mean(z * z))\n"
            "        h = z * (z > 0)\n"
            "    return (second[-1] / second[0]) ** (1 / (depth - 1))\n"),
    },
    "diagnose_answer": {
        "mean_dead_fraction_and_log_growth": (
            "def diagnose(activations):\n"
            "    sizes = np.array([np.sqrt(np.mean(h ** 2)) for h in activations])\n"
            "    dead = np.mean([np.mean(~h.any(axis=0)) for h in activations])\n"
            "    if dead > 0.3:\n        return 'dead units'\n"
            "    change = np.log10(sizes[-1] / sizes[0])\n"
            "    if change > 1.5:\n        return 'exploding'\n"
            "    elif change < -1.5:\n        return 'vanishing'\n    return 'healthy'\n"),
        "loop_with_norms": (
            "def diagnose(activations):\n    n_dead = []\n    size = []\n"
            "    for h in activations:\n        n_dead.append(int(np.sum(h.max(axis=0) == 0)) / h.shape[1])\n"
            "        size.append(np.linalg.norm(h) / np.sqrt(h.size))\n"
            "    if all(f > 0.25 for f in n_dead):\n        return 'dead units'\n"
            "    if size[-1] > 10 * size[0]:\n        return 'exploding'\n"
            "    if size[-1] < size[0] / 10:\n        return 'vanishing'\n    return 'healthy'\n"),
        "std_and_last_layer": (
            "def diagnose(activations):\n    first, last = activations[0], activations[-1]\n"
            "    if np.mean(np.all(last == 0, axis=0)) >= 0.25:\n        return 'dead units'\n"
            "    ratio = last.std() / first.std()\n"
            "    return 'exploding' if ratio > 50 else 'vanishing' if ratio < 0.02 else 'healthy'\n"),
    },
    "steps_to_shrink_answer": {
        "loop_multiplying_the_factor": (
            "def steps_to_shrink(lr, lam, fraction):\n    size, k = 1.0, 0\n"
            "    while size > fraction:\n        size *= abs(1 - lr * lam)\n        k += 1\n    return k\n"),
        "math_log_ceil": (
            "import math\n\ndef steps_to_shrink(lr, lam, fraction):\n"
            "    return math.ceil(math.log(fraction) / math.log(abs(1 - lr * lam)))\n"),
        "simulated_gradient_steps": (
            "def steps_to_shrink(lr, lam, fraction):\n    w = 1.0\n    steps = 0\n"
            "    while abs(w) > fraction:\n        w = w - lr * (lam * w)\n        steps += 1\n    return steps\n"),
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "initialisers_have_the_right_spread": {
        "old_heuristic_called_xavier": {
            "answers": _glorot(uniform=(
                "def glorot_uniform(fan_in, fan_out, rng):\n    a = 1.0 / np.sqrt(fan_in)\n"
                "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
            "says": "2 / (fan_in + fan_out)"},
        "variance_passed_as_standard_deviation": {
            "answers": _he(normal=(
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return rng.normal(0.0, 2.0 / fan_in, size=(fan_in, fan_out))\n")),
            "says": "standard deviation"},
    },
    "standardise_uses_training_statistics_only": {
        "statistics_include_the_test_data": {
            "answers": _standardise(
                "    both = np.vstack([x_train, x_test])\n    mean, std = both.mean(axis=0), both.std(axis=0)\n"
                "    std[std == 0] = 1.0\n    return (x_train - mean) / std, (x_test - mean) / std\n"),
            "says": "statistics of x_train only"},
        "each_split_with_its_own_statistics": {
            "answers": _standardise(
                "    def z(a):\n        s = a.std(axis=0)\n        s[s == 0] = 1.0\n        return (a - a.mean(axis=0)) / s\n"
                "    return z(x_train), z(x_test)\n"),
            "says": "statistics of x_train only"},
        "constant_feature_divides_by_zero": {
            "answers": _standardise(
                "    mean, std = x_train.mean(axis=0), x_train.std(axis=0)\n"
                "    return (x_train - mean) / std, (x_test - mean) / std\n"),
            "says": "FloatingPointError"},
        "sample_standard_deviation": {
            "answers": _standardise(
                "    mean, std = x_train.mean(axis=0), x_train.std(axis=0, ddof=1)\n"
                "    std[std == 0] = 1.0\n    return (x_train - mean) / std, (x_test - mean) / std\n"),
            "says": "ddof=0"},
    },
    "penalties_and_gradients": {
        "forgets_the_half": {
            "answers": _l2(penalty="def l2_penalty(w, lam):\n    return lam * float(np.sum(w ** 2))\n"),
            "says": "(lam / 2)"},
        "plus_lam_at_zero": {
            "answers": _l1(grad="def l1_penalty_grad(w, lam):\n    return np.where(w >= 0, lam, -lam)\n"),
            "says": "0 at w = 0"},
    },
    "variance_ratio_matches_a_seeded_experiment": {
        "ratio_of_standard_deviations": {"answers": _ratio(measure="np.std(z)"), "says": "not of standard deviations"},
        "variance_used_as_standard_deviation": {
            "answers": _ratio(weights="rng.normal(0.0, gain ** 2 / width, size=(width, width))"),
            "says": "standard deviation is gain / sqrt(width)"},
    },
    "diagnose_tells_scale_from_dead_units": {
        "half_zero_entries_called_dead": {"answers": _diagnose(dead="np.mean(h == 0.0)", dead_cut="0.4"),
                                          "says": "every unit is nonzero for some example"},
        "tiny_called_dead": {"answers": _diagnose(dead="np.mean(np.all(h < 1e-6, axis=0))"),
                             "says": "tiny is not dead"},
        "absolute_size_called_exploding": {"answers": _diagnose(growth="rms[-1]"),
                                           "says": "compare the layers with each other"},
    },
    "weight_decay_steps_to_shrink": {
        "forgets_the_half": {"answers": _shrink("    factor = abs(1.0 - 2.0 * lr * lam)\n"
                                                "    return int(np.ceil(np.log(fraction) / np.log(factor)))\n"),
                             "says": "is lam * w"},
        "continuous_decay": {"answers": _shrink("    return int(np.ceil(np.log(1.0 / fraction) / (lr * lam)))\n"),
                             "says": "continuous decay"},
        "overshoot_not_handled": {"answers": _shrink("    return int(np.ceil(np.log(fraction) / np.log(1.0 - lr * lam)))\n"),
                                  "says": "overshoots zero"},
    },
}
