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
}
