"""Plausible wrong answers to assignment 2 (saturation), each expected to lose its part's points."""

ASSIGNMENT = "02-saturation"
NOTEBOOK = "saturation.ipynb"


def _bounds(sigmoid_lines, tanh_lines):
    """A saturation_bounds answer whose two halves are given as code computing zs and zt."""
    return {"saturation_bounds_answer": (
        "def saturation_bounds(threshold):\n    eps = float(threshold)\n"
        + sigmoid_lines + tanh_lines + "    return zs, zt\n")}


_SIG_OK = ("    zs = 0.0\n    if eps < 0.25:\n        p = 0.5 * (1.0 + np.sqrt(1.0 - 4.0 * eps))\n"
           "        zs = float(np.log(p / (1.0 - p)))\n")
_TANH_OK = "    zt = 0.0\n    if eps < 1.0:\n        zt = float(np.arctanh(np.sqrt(1.0 - eps)))\n"


def _centred(body):
    return {"centred_difference_sigmoid_answer": (
        "def centred_difference_sigmoid(z, h):\n    z = np.asarray(z, dtype=float)\n" + body)}


def _predicted(expr):
    return {"predicted_flat_fraction_answer": (
        "import math\n\n\ndef predicted_flat_fraction(z_star, weight_scale, n_inputs):\n"
        "    sigma = math.sqrt(n_inputs) * weight_scale\n    return " + expr + "\n")}


_GRADS = ("def g_sig(z):\n    s = sigmoid(z)\n    return s * (1.0 - s)\n\n\n"
          "def g_tanh(z):\n    return 1.0 - np.tanh(z) ** 2\n\n\n"
          "def measured_flat_fraction(activation, weight_scale, n_inputs, threshold, rng):\n")


def _measured(body):
    return {"measured_flat_fraction_answer": _GRADS + body}


MUTANTS = {
    "sigmoid_grad_matches_centred_difference": {
        "plus_instead_of_minus": {"sigmoid_grad_answer": "def sigmoid_grad(x):\n    s = sigmoid(x)\n    return s * (1.0 + s)\n"},
        "formula_applied_to_the_input": {"sigmoid_grad_answer": (
            "def sigmoid_grad(x):\n    x = np.asarray(x, dtype=float)\n    return x * (1.0 - x)\n")},
        "returns_the_sigmoid": {"sigmoid_grad_answer": "def sigmoid_grad(x):\n    return sigmoid(x)\n"},
        "tanh_style_one_minus_square": {"sigmoid_grad_answer": "def sigmoid_grad(x):\n    return 1.0 - sigmoid(x) ** 2\n"},
        "naive_exponential_form": {"sigmoid_grad_answer": (
            "def sigmoid_grad(x):\n    e = np.exp(-np.asarray(x, dtype=float))\n    return e / (1.0 + e) ** 2\n")},
        "exp_times_sigmoid_squared": {"sigmoid_grad_answer": (
            "def sigmoid_grad(x):\n    return np.exp(-np.asarray(x, dtype=float)) * sigmoid(x) ** 2\n")},
        "overwrites_the_input": {"sigmoid_grad_answer": (
            "def sigmoid_grad(x):\n    x = np.asarray(x, dtype=float)\n    s = sigmoid(x)\n"
            "    x[...] = s * (1.0 - s)\n    return x\n")},
    },
    "tanh_grad_matches_centred_difference": {
        "missing_the_square": {"tanh_grad_answer": "def tanh_grad(x):\n    return 1.0 - np.tanh(x)\n"},
        "plus_instead_of_minus": {"tanh_grad_answer": "def tanh_grad(x):\n    return 1.0 + np.tanh(x) ** 2\n"},
        "formula_applied_to_the_input": {"tanh_grad_answer": (
            "def tanh_grad(x):\n    x = np.asarray(x, dtype=float)\n    return 1.0 - x ** 2\n")},
        "sech_squared_via_cosh": {"tanh_grad_answer": "def tanh_grad(x):\n    return 1.0 / np.cosh(np.asarray(x, dtype=float)) ** 2\n"},
        "from_sigmoid_without_the_4": {"tanh_grad_answer": (
            "def tanh_grad(x):\n    s = sigmoid(2.0 * np.asarray(x, dtype=float))\n    return s * (1.0 - s)\n")},
        "from_sigmoid_without_the_2x": {"tanh_grad_answer": (
            "def tanh_grad(x):\n    s = sigmoid(x)\n    return 4.0 * s * (1.0 - s)\n")},
        "square_of_the_difference": {"tanh_grad_answer": "def tanh_grad(x):\n    return (1.0 - np.tanh(x)) ** 2\n"},
    },
    "saturation_bounds_match_closed_form": {
        "returned_in_swapped_order": {"saturation_bounds_answer": (
            "def saturation_bounds(threshold):\n    eps = float(threshold)\n" + _SIG_OK + _TANH_OK
            + "    return zt, zs\n")},
        "wrong_root_of_the_quadratic": _bounds(
            "    zs = 0.0\n    if eps < 0.25:\n        p = 0.5 * (1.0 - np.sqrt(1.0 - 4.0 * eps))\n"
            "        zs = float(np.log(p / (1.0 - p)))\n", _TANH_OK),
        "no_zero_above_the_peak": _bounds(
            "    p = 0.5 * (1.0 + np.sqrt(1.0 - 4.0 * eps))\n    zs = float(np.log(p / (1.0 - p)))\n",
            "    zt = float(np.arctanh(np.sqrt(1.0 - eps)))\n"),
        "tanh_without_the_square_root": _bounds(
            _SIG_OK, "    zt = 0.0\n    if eps < 1.0:\n        zt = float(np.arctanh(1.0 - eps))\n"),
        "tanh_as_sigmoid_of_2z_without_the_4": _bounds(
            _SIG_OK, "    zt = 0.5 * zs\n"),
        "tanh_from_sigmoid_without_halving": _bounds(
            _SIG_OK, "    zt = 0.0\n    if eps < 1.0:\n        q = 0.5 * (1.0 + np.sqrt(1.0 - eps))\n"
            "        zt = float(np.log(q / (1.0 - q)))\n"),
        "solves_sigma_equals_one_minus_eps": _bounds(
            "    zs = 0.0\n    if eps < 0.25:\n        zs = float(np.log((1.0 - eps) / eps))\n", _TANH_OK),
        "log_of_one_over_one_minus_p": _bounds(
            "    zs = 0.0\n    if eps < 0.25:\n        p = 0.5 * (1.0 + np.sqrt(1.0 - 4.0 * eps))\n"
            "        zs = float(-np.log(1.0 - p))\n", _TANH_OK),
        "coarse_grid_search": {"saturation_bounds_answer": (
            "def saturation_bounds(threshold):\n    z = np.arange(0.0, 50.0, 0.01)\n"
            "    s = sigmoid(z)\n    t = np.tanh(z)\n"
            "    flat_s = np.nonzero(s * (1.0 - s) < threshold)[0]\n"
            "    flat_t = np.nonzero(1.0 - t * t < threshold)[0]\n"
            "    return float(z[flat_s[0]]), float(z[flat_t[0]])\n")},
    },
    "centred_difference_stays_accurate_in_the_tails": {
        "naive_difference_near_one": _centred("    return (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)\n"),
        "forward_difference": _centred(
            "    m = -np.abs(z)\n    return (sigmoid(m + h) - sigmoid(m)) / h\n"),
        "divides_by_h": _centred("    m = -np.abs(z)\n    return (sigmoid(m + h) - sigmoid(m - h)) / h\n"),
        "mirrors_to_the_wrong_side": _centred(
            "    m = np.abs(z)\n    return (sigmoid(m + h) - sigmoid(m - h)) / (2 * h)\n"),
        "analytic_derivative": _centred("    s = sigmoid(z)\n    return s * (1.0 - s)\n"),
        "mirrors_every_z": _centred("    m = -z\n    return (sigmoid(m + h) - sigmoid(m - h)) / (2 * h)\n"),
        "difference_the_wrong_way_round": _centred(
            "    m = -np.abs(z)\n    return (sigmoid(m - h) - sigmoid(m + h)) / (2 * h)\n"),
    },
    "predicted_flat_fraction_matches_gaussian_tail": {
        "one_tail_only": _predicted("0.5 * math.erfc(z_star / (sigma * math.sqrt(2.0)))"),
        "forgets_the_root_two": _predicted("math.erfc(z_star / sigma)"),
        "forgets_the_root_d": _predicted("math.erfc(z_star / (weight_scale * math.sqrt(2.0)))"),
        "variance_as_standard_deviation": _predicted("math.erfc(z_star / (sigma ** 2 * math.sqrt(2.0)))"),
        "fraction_inside_instead": _predicted("math.erf(z_star / (sigma * math.sqrt(2.0)))"),
        "d_times_s": _predicted("math.erfc(z_star / (n_inputs * weight_scale * math.sqrt(2.0)))"),
        "one_minus_phi_without_scaling": _predicted("1.0 - 0.5 * (1.0 + math.erf(z_star / sigma))"),
    },
    "measured_flat_fraction_agrees_with_prediction": {
        "variance_as_scale": _measured(
            "    X = rng.standard_normal((2000, n_inputs))\n"
            "    W = rng.normal(0.0, weight_scale ** 2, size=(n_inputs, 100))\n"
            "    g = g_sig if activation == 'sigmoid' else g_tanh\n    return float(np.mean(g(X @ W) < threshold))\n"),
        "activations_swapped": _measured(
            "    X = rng.standard_normal((2000, n_inputs))\n    W = rng.normal(0.0, weight_scale, size=(n_inputs, 100))\n"
            "    g = g_tanh if activation == 'sigmoid' else g_sig\n    return float(np.mean(g(X @ W) < threshold))\n"),
        "counts_the_sensitive_units": _measured(
            "    X = rng.standard_normal((2000, n_inputs))\n    W = rng.normal(0.0, weight_scale, size=(n_inputs, 100))\n"
            "    g = g_sig if activation == 'sigmoid' else g_tanh\n    return float(np.mean(g(X @ W) >= threshold))\n"),
        "samples_z_with_the_weight_scale": _measured(
            "    z = rng.normal(0.0, weight_scale, size=(2000, 100))\n"
            "    g = g_sig if activation == 'sigmoid' else g_tanh\n    return float(np.mean(g(z) < threshold))\n"),
        "uniform_weights_up_to_s": _measured(
            "    X = rng.standard_normal((2000, n_inputs))\n"
            "    W = rng.uniform(-weight_scale, weight_scale, size=(n_inputs, 100))\n"
            "    g = g_sig if activation == 'sigmoid' else g_tanh\n    return float(np.mean(g(X @ W) < threshold))\n"),
        "the_function_not_its_derivative": _measured(
            "    X = rng.standard_normal((2000, n_inputs))\n    W = rng.normal(0.0, weight_scale, size=(n_inputs, 100))\n"
            "    f = sigmoid if activation == 'sigmoid' else np.tanh\n    return float(np.mean(f(X @ W) < threshold))\n"),
        "units_flat_on_every_example": _measured(
            "    X = rng.standard_normal((2000, n_inputs))\n    W = rng.normal(0.0, weight_scale, size=(n_inputs, 100))\n"
            "    g = g_sig if activation == 'sigmoid' else g_tanh\n"
            "    return float(np.mean(np.all(g(X @ W) < threshold, axis=0)))\n"),
    },
}


# Correct answers written the ways learners write them; each must earn full marks.
CORRECT = {
    "sigmoid_grad_answer": {
        "s_minus_s_squared": "def sigmoid_grad(x):\n    s = sigmoid(x)\n    return s - s ** 2\n",
        "sigmoid_of_plus_and_minus_x": (
            "def sigmoid_grad(x):\n    x = np.asarray(x, dtype=float)\n    return sigmoid(x) * sigmoid(-x)\n"),
        "stable_exp_of_minus_abs": (
            "def sigmoid_grad(x):\n    e = np.exp(-np.abs(np.asarray(x, dtype=float)))\n    return e / (1.0 + e) ** 2\n"),
    },
    "tanh_grad_answer": {
        "one_minus_square": "def tanh_grad(x):\n    return 1.0 - np.tanh(x) ** 2\n",
        "factored": "def tanh_grad(x):\n    t = np.tanh(np.asarray(x, dtype=float))\n    return (1.0 - t) * (1.0 + t)\n",
        "from_the_sigmoid": (
            "def tanh_grad(x):\n    x = np.asarray(x, dtype=float)\n    return 4.0 * sigmoid(2 * x) * sigmoid(-2 * x)\n"),
    },
    "saturation_bounds_answer": {
        "bisection": (
            "def saturation_bounds(threshold):\n"
            "    def solve(grad, peak):\n        if threshold >= peak:\n            return 0.0\n"
            "        lo, hi = 0.0, 50.0\n        for _ in range(200):\n            mid = 0.5 * (lo + hi)\n"
            "            if grad(mid) >= threshold:\n                lo = mid\n            else:\n                hi = mid\n"
            "        return 0.5 * (lo + hi)\n"
            "    s = lambda z: 1.0 / (1.0 + np.exp(-z))\n"
            "    return solve(lambda z: s(z) * (1.0 - s(z)), 0.25), solve(lambda z: 1.0 - np.tanh(z) ** 2, 1.0)\n"),
        "arccosh": (
            "def saturation_bounds(threshold):\n    eps = float(threshold)\n"
            "    z_sigmoid = float(np.arccosh(1.0 / (2.0 * eps) - 1.0)) if eps < 0.25 else 0.0\n"
            "    z_tanh = float(np.arccosh(1.0 / np.sqrt(eps))) if eps < 1.0 else 0.0\n"
            "    return z_sigmoid, z_tanh\n"),
        "quadratic_formula_and_logs": (
            "import math\n\n\ndef saturation_bounds(threshold):\n    z_sigmoid, z_tanh = 0.0, 0.0\n"
            "    if threshold < 0.25:\n        a, b, c = 1.0, -1.0, threshold\n"
            "        p = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)\n        z_sigmoid = math.log(p) - math.log(1 - p)\n"
            "    if threshold < 1:\n        t = math.sqrt(1 - threshold)\n        z_tanh = 0.5 * math.log((1 + t) / (1 - t))\n"
            "    return z_sigmoid, z_tanh\n"),
    },
    "centred_difference_sigmoid_answer": {
        "where_on_the_sign": (
            "def centred_difference_sigmoid(z, h):\n    z = np.asarray(z, dtype=float)\n"
            "    right = sigmoid(-z + h) - sigmoid(-z - h)\n    left = sigmoid(z + h) - sigmoid(z - h)\n"
            "    return np.where(z > 0, right, left) / (2 * h)\n"),
        "one_minus_sigma_by_masks": (
            "def centred_difference_sigmoid(z, h):\n    z = np.array(z, dtype=np.float64)\n"
            "    out = np.empty_like(z)\n    pos = z >= 0\n"
            "    # for z >= 0 use 1 - sigma(t) = sigma(-t): the difference of the small complements\n"
            "    out[pos] = (sigmoid(-(z[pos] - h)) - sigmoid(-(z[pos] + h))) / (2 * h)\n"
            "    out[~pos] = (sigmoid(z[~pos] + h) - sigmoid(z[~pos] - h)) / (2 * h)\n    return out\n"),
        "products_of_complements": (
            "def centred_difference_sigmoid(z, h):\n    a = np.asarray(z, dtype=float) + h\n    b = a - 2 * h\n"
            "    # sigma(a) - sigma(b) = sigma(a) sigma(-b) - sigma(b) sigma(-a), with no 1 - (near 1)\n"
            "    return (sigmoid(a) * sigmoid(-b) - sigmoid(b) * sigmoid(-a)) / (2 * h)\n"),
    },
    "predicted_flat_fraction_answer": {
        "one_minus_erf": (
            "import math\n\n\ndef predicted_flat_fraction(z_star, weight_scale, n_inputs):\n"
            "    return 1.0 - math.erf(z_star / (math.sqrt(2 * n_inputs) * weight_scale))\n"),
        "two_upper_tails_of_phi": (
            "import math\n\n\ndef predicted_flat_fraction(z_star, weight_scale, n_inputs):\n"
            "    x = z_star / (weight_scale * n_inputs ** 0.5)\n    phi = 0.5 * (1 + math.erf(x / math.sqrt(2)))\n"
            "    return 2 * (1 - phi)\n"),
        "erfc_of_the_variance": (
            "from math import erfc, sqrt\n\n\ndef predicted_flat_fraction(z_star, weight_scale, n_inputs):\n"
            "    variance = n_inputs * weight_scale ** 2\n    return float(erfc(z_star / sqrt(2 * variance)))\n"),
    },
    "measured_flat_fraction_answer": {
        "through_the_bounds": (
            "def measured_flat_fraction(activation, weight_scale, n_inputs, threshold, rng):\n"
            "    W = weight_scale * rng.standard_normal((n_inputs, 100))\n    X = rng.normal(size=(2000, n_inputs))\n"
            "    z_sig, z_tanh = saturation_bounds(threshold)\n"
            "    edge = z_sig if activation == 'sigmoid' else z_tanh\n"
            "    return float(np.mean(np.abs(X @ W) > edge))\n"),
        "derivatives_inline": (
            "def measured_flat_fraction(activation, weight_scale, n_inputs, threshold, rng):\n"
            "    X = rng.normal(0.0, 1.0, size=(2000, n_inputs))\n    W = rng.normal(0.0, weight_scale, size=(n_inputs, 100))\n"
            "    z = X @ W\n    if activation == 'sigmoid':\n        e = np.exp(-np.abs(z))\n        d = e / (1 + e) ** 2\n"
            "    else:\n        d = 1 - np.tanh(z) ** 2\n    return float((d < threshold).sum() / d.size)\n"),
        "one_unit_at_a_time": (
            "def measured_flat_fraction(activation, weight_scale, n_inputs, threshold, rng):\n"
            "    X = rng.standard_normal((2000, n_inputs))\n    grad = {'sigmoid': sigmoid_grad, 'tanh': tanh_grad}[activation]\n"
            "    flat = 0\n    for unit in range(100):\n        w = rng.normal(0.0, weight_scale, size=n_inputs)\n"
            "        flat += int(np.count_nonzero(grad(X @ w) < threshold))\n    return flat / (2000 * 100)\n"),
    },
}

_BOUNDS_TAIL = ("    zt = 0.0\n    if eps < 1.0:\n        zt = float(np.arctanh(np.sqrt(1.0 - eps)))\n"
                "    return zs, zt\n")

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "sigmoid_grad_matches_centred_difference": {
        "exp_form_overflows": {
            "answers": {"sigmoid_grad_answer": (
                "def sigmoid_grad(x):\n    e = np.exp(-np.asarray(x, dtype=float))\n    return e / (1.0 + e) ** 2\n")},
            "says": "FloatingPointError"},
    },
    "tanh_grad_matches_centred_difference": {
        "sech_squared_via_cosh_overflows": {
            "answers": {"tanh_grad_answer": "def tanh_grad(x):\n    return 1.0 / np.cosh(np.asarray(x, dtype=float)) ** 2\n"},
            "says": "FloatingPointError"},
    },
    "saturation_bounds_match_closed_form": {
        "root_of_the_wrong_sign": {
            "answers": {"saturation_bounds_answer": (
                "def saturation_bounds(threshold):\n    eps = float(threshold)\n    zs = 0.0\n"
                "    if eps < 0.25:\n        p = 0.5 * (1.0 - np.sqrt(1.0 - 4.0 * eps))\n"
                "        zs = float(np.log(p / (1.0 - p)))\n" + _BOUNDS_TAIL)},
            "says": "positive solution"},
        "coarse_grid_search": {
            "answers": {"saturation_bounds_answer": (
                "def saturation_bounds(threshold):\n    z = np.linspace(0.0, 20.0, 2001)\n"
                "    s = 1.0 / (1.0 + np.exp(-z))\n    flat_s = z[s * (1 - s) < threshold]\n"
                "    flat_t = z[1 - np.tanh(z) ** 2 < threshold]\n"
                "    return float(flat_s[0]) if flat_s[0] > 0 else 0.0, float(flat_t[0]) if flat_t[0] > 0 else 0.0\n")},
            "says": "accurate to 1e-6"},
        "no_case_above_the_peak": {
            "answers": {"saturation_bounds_answer": (
                "def saturation_bounds(threshold):\n    eps = float(threshold)\n"
                "    p = 0.5 * (1.0 + np.sqrt(1.0 - 4.0 * eps))\n    zs = float(np.log(p / (1.0 - p)))\n"
                "    zt = float(np.arctanh(np.sqrt(1.0 - eps)))\n    return zs, zt\n")},
            "says": "FloatingPointError"},
    },
    "centred_difference_stays_accurate_in_the_tails": {
        "subtracts_numbers_next_to_one": {
            "answers": _centred("    return (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)\n"),
            "says": "next to 1"},
        "returns_the_derivative": {
            "answers": _centred("    s = sigmoid(-np.abs(z))\n    return s * (1.0 - s)\n"),
            "says": "not the derivative"},
    },
    "predicted_flat_fraction_matches_gaussian_tail": {
        "one_tail_only": {
            "answers": _predicted("0.5 * math.erfc(z_star / (sigma * math.sqrt(2.0)))"),
            "says": "both tails"},
        "variance_as_standard_deviation": {
            "answers": _predicted("math.erfc(z_star / (sigma ** 2 * math.sqrt(2.0)))"),
            "says": "not its variance"},
    },
    "measured_flat_fraction_agrees_with_prediction": {
        "variance_as_scale": {
            "answers": _measured(
                "    X = rng.standard_normal((2000, n_inputs))\n"
                "    W = rng.normal(0.0, weight_scale ** 2, size=(n_inputs, 100))\n"
                "    g = g_sig if activation == 'sigmoid' else g_tanh\n    return float(np.mean(g(X @ W) < threshold))\n"),
            "says": "standard deviation s"},
    },
}
