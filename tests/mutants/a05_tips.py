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


MUTANTS = {
    "glorot_initialisers_have_the_right_spread": {
        "old_heuristic_presented_as_xavier": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n    a = 1.0 / np.sqrt(fan_in)\n"
            "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
        "uniform_limit_sqrt3_instead_of_sqrt6": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(3.0 / (fan_in + fan_out))\n"
            "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
        "normal_instead_of_uniform": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))\n")),
        "variance_passed_as_std": _glorot(normal=(
            "def glorot_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, 2.0 / (fan_in + fan_out), size=(fan_in, fan_out))\n")),
        "fan_in_only_lecun": _glorot(normal=(
            "def glorot_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out))\n")),
        "uniform_limit_used_as_std": _glorot(normal=(
            "def glorot_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(6.0 / (fan_in + fan_out)), size=(fan_in, fan_out))\n")),
        "transposed_shape": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
            "    return rng.uniform(-a, a, size=(fan_out, fan_in))\n")),
        "uniform_on_zero_to_a": _glorot(uniform=(
            "def glorot_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
            "    return rng.uniform(0.0, a, size=(fan_in, fan_out))\n")),
        "truncated_normal_keras_style": _glorot(normal=(
            "def glorot_normal(fan_in, fan_out, rng):\n"
            "    std = np.sqrt(2.0 / (fan_in + fan_out)) / 0.87962566103423978\n"
            "    w = rng.normal(0.0, std, size=(fan_in, fan_out))\n"
            "    bad = np.abs(w) > 2 * std\n"
            "    while bad.any():\n"
            "        w[bad] = rng.normal(0.0, std, size=int(bad.sum()))\n"
            "        bad = np.abs(w) > 2 * std\n"
            "    return w\n")),
    },
    "he_initialisers_use_fan_in": {
        "fan_out_instead_of_fan_in": _he(
            uniform=("def he_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(6.0 / fan_out)\n"
                     "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n"),
            normal=("def he_normal(fan_in, fan_out, rng):\n"
                    "    return rng.normal(0.0, np.sqrt(2.0 / fan_out), size=(fan_in, fan_out))\n")),
        "fan_in_plus_fan_out_instead_of_fan_in": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))\n")),
        "uniform_limit_sqrt3_over_n": _he(uniform=(
            "def he_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(3.0 / fan_in)\n"
            "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
        "variance_passed_as_std": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, 2.0 / fan_in, size=(fan_in, fan_out))\n")),
        "normal_instead_of_uniform": _he(uniform=(
            "def he_uniform(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))\n")),
        "forgets_the_factor_two": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out))\n")),
        "std_used_as_uniform_limit": _he(uniform=(
            "def he_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(2.0 / fan_in)\n"
            "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
        "fan_out_only_when_layer_widens": _he(normal=(
            "def he_normal(fan_in, fan_out, rng):\n"
            "    return rng.normal(0.0, np.sqrt(2.0 / max(fan_in, fan_out)), size=(fan_in, fan_out))\n")),
    },
    "bias_init_fills_a_constant_vector": {
        "ignores_value": {"bias_init_answer": "def bias_init(n_units, value=0.0):\n    return np.zeros(n_units)\n"},
        "column_vector": {"bias_init_answer": "def bias_init(n_units, value=0.0):\n    return np.full((n_units, 1), float(value))\n"},
        "scalar_not_vector": {"bias_init_answer": "def bias_init(n_units, value=0.0):\n    return float(value)\n"},
        "hard_coded_relu_bias": {"bias_init_answer": "def bias_init(n_units, value=0.1):\n    return np.full(n_units, 0.1)\n"},
        "one_entry_too_many": {"bias_init_answer": "def bias_init(n_units, value=0.0):\n    return np.full(n_units + 1, float(value))\n"},
        "ramp_instead_of_constant": {"bias_init_answer": "def bias_init(n_units, value=0.0):\n    return value * np.arange(1, n_units + 1, dtype=float)\n"},
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
    "l2_penalty_and_gradient": {
        "forgets_the_half": _l2(penalty="def l2_penalty(w, lam):\n    return lam * float(np.sum(np.asarray(w) ** 2))\n"),
        "norm_not_squared": _l2(penalty="def l2_penalty(w, lam):\n    return 0.5 * lam * float(np.linalg.norm(w))\n"),
        "mean_instead_of_sum": _l2(penalty="def l2_penalty(w, lam):\n    return 0.5 * lam * float(np.mean(np.asarray(w) ** 2))\n"),
        "gradient_twice_too_large": _l2(grad="def l2_penalty_grad(w, lam):\n    return 2 * lam * np.asarray(w, dtype=float)\n"),
        "gradient_without_w": _l2(grad="def l2_penalty_grad(w, lam):\n    return np.full(np.shape(w), float(lam))\n"),
        "gradient_in_place": _l2(grad="def l2_penalty_grad(w, lam):\n    w *= lam\n    return w\n"),
        "gradient_squares_w": _l2(grad="def l2_penalty_grad(w, lam):\n    return lam * np.asarray(w, dtype=float) ** 2\n"),
    },
    "l1_penalty_and_subgradient_zero_at_zero": {
        "sum_without_absolute_value": _l1(penalty="def l1_penalty(w, lam):\n    return lam * float(np.sum(w))\n"),
        "half_factor_copied_from_l2": _l1(penalty="def l1_penalty(w, lam):\n    return 0.5 * lam * float(np.sum(np.abs(w)))\n"),
        "subgradient_one_at_zero": _l1(grad="def l1_penalty_grad(w, lam):\n    return lam * np.where(np.asarray(w) >= 0, 1.0, -1.0)\n"),
        "divides_by_abs_w": _l1(grad="def l1_penalty_grad(w, lam):\n    w = np.asarray(w, dtype=float)\n    return lam * w / np.abs(w)\n"),
        "gradient_is_abs": _l1(grad="def l1_penalty_grad(w, lam):\n    return lam * np.abs(np.asarray(w, dtype=float))\n"),
        "gradient_is_l2_gradient": _l1(grad="def l1_penalty_grad(w, lam):\n    return lam * np.asarray(w, dtype=float)\n"),
        "near_zero_tolerance": _l1(grad=("def l1_penalty_grad(w, lam):\n    w = np.asarray(w, dtype=float)\n"
                                         "    return lam * np.where(np.abs(w) < 1e-12, 0.0, np.sign(w))\n")),
    },
    "penalty_gradients_match_finite_differences": {
        "l2_gradient_twice_too_large": _l2(grad="def l2_penalty_grad(w, lam):\n    return 2 * lam * np.asarray(w, dtype=float)\n"),
        "l2_gradient_constant": _l2(grad="def l2_penalty_grad(w, lam):\n    return np.full(np.shape(w), float(lam))\n"),
        "l2_gradient_half_size": _l2(grad="def l2_penalty_grad(w, lam):\n    return 0.5 * lam * np.asarray(w, dtype=float)\n"),
        "l1_gradient_sign_flipped": _l1(grad="def l1_penalty_grad(w, lam):\n    return -lam * np.sign(np.asarray(w, dtype=float))\n"),
        "l1_gradient_without_lam": _l1(grad="def l1_penalty_grad(w, lam):\n    return np.sign(np.asarray(w, dtype=float))\n"),
        "l1_gradient_is_lam_times_w": _l1(grad="def l1_penalty_grad(w, lam):\n    return lam * np.asarray(w, dtype=float)\n"),
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
    "bias_init_answer": {
        "zeros_plus_value": "def bias_init(n_units, value=0.0):\n    return np.zeros(n_units) + value\n",
        "ones_times_value": "def bias_init(n_units, value=0.0):\n    return value * np.ones(n_units)\n",
        "full_with_dtype": "def bias_init(n_units, value=0.0):\n    return np.full((n_units,), value, dtype=np.float64)\n",
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
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "glorot_initialisers_have_the_right_spread": {
        "old_heuristic_called_xavier": {
            "answers": _glorot(uniform=(
                "def glorot_uniform(fan_in, fan_out, rng):\n    a = 1.0 / np.sqrt(fan_in)\n"
                "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n")),
            "says": "2 / (fan_in + fan_out)"},
    },
    "he_initialisers_use_fan_in": {
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
    "l2_penalty_and_gradient": {
        "forgets_the_half": {
            "answers": _l2(penalty="def l2_penalty(w, lam):\n    return lam * float(np.sum(w ** 2))\n"),
            "says": "(lam / 2)"},
    },
    "l1_penalty_and_subgradient_zero_at_zero": {
        "plus_lam_at_zero": {
            "answers": _l1(grad="def l1_penalty_grad(w, lam):\n    return np.where(w >= 0, lam, -lam)\n"),
            "says": "0 at w = 0"},
    },
}
