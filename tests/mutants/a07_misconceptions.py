"""Answers to assignment 7 (misconceptions) that must and must not earn points.

``MUTANTS``: plausible wrong answers, each expected to lose its part's points.
``CORRECT``: right answers in the styles learners write (vectorised, copy-and-mask, loops,
closed forms), each expected to earn full marks.
``PITFALLS``: the mistakes the assignment's text warns about; each must fail a *visible* check,
whose message contains ``says``, so the learner meets it before submitting.
"""

ASSIGNMENT = "07-misconceptions"
NOTEBOOK = "misconceptions.ipynb"


def _census(body):
    return {"relu_layer_census_answer": "def relu_layer_census(z):\n" + body}


def _overflow(body):
    return {"naive_sigmoid_overflow_threshold_answer": "def naive_sigmoid_overflow_threshold(dtype):\n" + body}


def _rounding(body):
    return {"sigmoid_rounding_points_answer": "def sigmoid_rounding_points(dtype):\n" + body}


def _limits(body):
    return {"uniform_limits_answer": "def uniform_limits(fan_in, fan_out):\n" + body}


def _stds(body):
    return {"layer_output_stds_answer": "def layer_output_stds(x, weights, activation):\n" + body}



def _convert(body):
    return {"tanh_to_sigmoid_answer": "def tanh_to_sigmoid(weights, biases):\n" + body}


# A conversion loop; {first} and {later} set (V, c) from (W, b), {hidden} scales a hidden layer.
_CONVERT = (
    "    vs, cs = [], []\n"
    "    for l, (W, b) in enumerate(zip(weights, biases)):\n"
    "        if l == 0:\n            V, c = {first}\n        else:\n            V, c = {later}\n"
    "        if l < len(weights) - 1:\n            V, c = {hidden}\n"
    "        vs.append(V)\n        cs.append(c)\n"
    "    return vs, cs\n")


def _conversion(first="W.copy(), b.copy()", later="2 * W, b - W.sum(axis=0)", hidden="2 * V, 2 * c"):
    return _convert(_CONVERT.format(first=first, later=later, hidden=hidden))


def _bce(body):
    return {"binary_cross_entropy_answer": "def binary_cross_entropy(z, y):\n" + body}


# A bisection for part B with the naive formula in a given form; {formula} uses `v`.
_BISECT_OVERFLOW = (
    "    def overflows(x):\n"
    "        v = {convert}\n"
    "        try:\n"
    "            with np.errstate(over='raise'):\n"
    "                {formula}\n"
    "        except FloatingPointError:\n"
    "            return True\n"
    "        return False\n"
    "    lo, hi = -1000.0, 0.0\n"
    "    for _ in range({steps}):\n"
    "        mid = (lo + hi) / 2\n"
    "        if overflows(mid):\n"
    "            lo = mid\n"
    "        else:\n"
    "            hi = mid\n"
    "    return {result}\n")


def _bisect_overflow(convert="np.array(x, dtype=dtype)", formula="1 / (1 + np.exp(-v))",
                     steps=100, result="hi"):
    return _overflow(_BISECT_OVERFLOW.format(convert=convert, formula=formula, steps=steps,
                                             result=result))


# A bisection for part C; {sigmoid} is the body of sig(x), which converts x itself.
_BISECT_ROUNDING = (
    "    def sig(x):\n"
    "{sigmoid}"
    "    def switch(pred, inside, outside):\n"
    "        for _ in range(100):\n"
    "            mid = (inside + outside) / 2\n"
    "            if pred(mid):\n"
    "                outside = mid\n"
    "            else:\n"
    "                inside = mid\n"
    "        return outside\n"
    "    one = switch(lambda x: {one_test}, 0.0, 1000.0)\n"
    "    zero = switch(lambda x: {zero_test}, 0.0, -1000.0)\n"
    "    return {result}\n")

_STABLE = ("        x = np.array(x, dtype=dtype)\n"
           "        z = np.exp(-np.abs(x))\n"
           "        return 1 / (1 + z) if x >= 0 else z / (1 + z)\n")


def _bisect_rounding(sigmoid=_STABLE, one_test="sig(x) == 1", zero_test="sig(x) == 0",
                     result="float(one), float(zero)"):
    return _rounding(_BISECT_ROUNDING.format(sigmoid=sigmoid, one_test=one_test,
                                             zero_test=zero_test, result=result))


# A forward pass for part E; {step} turns `z` into the layer's output `h`, {spread} measures h.
_FORWARD = (
    "    h = np.asarray(x, dtype=float)\n"
    "    out = {start}\n"
    "    for w in weights:\n"
    "        z = h @ w\n"
    "        {step}\n"
    "        out.append({spread})\n"
    "    return np.array(out)\n")

_ACT = "h = np.tanh(z) if activation == 'tanh' else np.maximum(z, 0.0)"


def _forward(step=_ACT, spread="np.std(h)", start="[]"):
    return _stds(_FORWARD.format(step=step, spread=spread, start=start))


MUTANTS = {
    "relu_census_separates_dead_units_from_zeros": {
        "strictly_negative_is_dead": _census(
            "    z = np.asarray(z, dtype=float)\n    h = np.maximum(z, 0.0)\n"
            "    return float(np.mean(np.all(z < 0, axis=0))), float(np.mean(h == 0)), float(h.min())\n"),
        "examples_instead_of_units": _census(
            "    h = np.maximum(z, 0.0)\n"
            "    return float(np.mean(np.all(h == 0, axis=1))), float(np.mean(h == 0)), float(h.min())\n"),
        "sparsity_taken_for_death": _census(
            "    h = np.maximum(z, 0.0)\n    zero = float(np.mean(h == 0))\n"
            "    return zero, zero, float(h.min())\n"),
        "lowest_preactivation": _census(
            "    h = np.maximum(z, 0.0)\n"
            "    return float(np.mean(np.all(h == 0, axis=0))), float(np.mean(h == 0)), float(z.min())\n"),
        "near_zero_counts_as_zero": _census(
            "    h = np.maximum(z, 0.0)\n    zero = h < 1e-12\n"
            "    return float(np.mean(zero.all(axis=0))), float(np.mean(zero)), float(h.min())\n"),
        "counts_not_fractions": _census(
            "    h = np.maximum(z, 0.0)\n"
            "    return float(np.sum(np.all(h == 0, axis=0))), float(np.sum(h == 0)), float(h.min())\n"),
        "leaky_by_mistake": _census(
            "    h = np.where(z > 0, z, 0.01 * z)\n"
            "    return float(np.mean(np.all(h <= 0, axis=0))), float(np.mean(h <= 0)), float(h.min())\n"),
        "relu_in_place": _census(
            "    z[z < 0] = 0.0\n"
            "    return float(np.mean(np.all(z == 0, axis=0))), float(np.mean(z == 0)), float(z.min())\n"),
    },
    "naive_sigmoid_overflows_where_exp_does": {
        "always_float64": _bisect_overflow(convert="np.float64(x)"),
        "overflow_not_caught": _overflow(
            "    lo, hi = -1000.0, 0.0\n    for _ in range(100):\n        mid = (lo + hi) / 2\n"
            "        with np.errstate(over='raise'):\n"
            "            s = 1 / (1 + np.exp(-np.array(mid, dtype=dtype)))\n"
            "        if np.isfinite(s):\n            hi = mid\n        else:\n            lo = mid\n"
            "    return hi\n"),
        "sign_flipped": _bisect_overflow(result="-hi"),
        "integer_steps": _overflow(
            "    x = 0\n"
            "    while True:\n"
            "        try:\n"
            "            with np.errstate(over='raise'):\n"
            "                np.exp(-np.array(x - 1, dtype=dtype))\n"
            "        except FloatingPointError:\n"
            "            return float(x)\n"
            "        x -= 1\n"),
        "too_few_halvings": _bisect_overflow(steps=8),
        "smallest_normal_instead_of_largest": _overflow(
            "    return float(np.log(np.finfo(dtype).tiny))\n"),
        "visible_answers_by_heart": _overflow(
            "    return {'float64': -709.78271, 'float32': -88.722835}[dtype]\n"),
        "bound_of_the_search_returned": _bisect_overflow(result="lo - 1.0"),
    },
    "sigmoid_rounds_to_exact_zero_and_one": {
        "naive_formula_overflows": _bisect_rounding(
            sigmoid="        x = np.array(x, dtype=dtype)\n        return 1 / (1 + np.exp(-x))\n"),
        "float64_constant_widens": _bisect_rounding(
            sigmoid="        x = np.array(x, dtype=dtype)\n        z = np.exp(-np.abs(x))\n"
                    "        return np.float64(1) / (np.float64(1) + z) if x >= 0 else z / (np.float64(1) + z)\n"),
        "isclose_instead_of_exact": _bisect_rounding(
            one_test="np.isclose(sig(x), 1.0)", zero_test="np.isclose(sig(x), 0.0)"),
        "whole_spacing_not_half": _rounding(
            "    info = np.finfo(dtype)\n"
            "    return float(-np.log(float(info.eps))), float(np.log(float(info.smallest_subnormal)))\n"),
        "symmetric_guess": _bisect_rounding(result="float(one), -float(one)"),
        "order_swapped": _bisect_rounding(result="float(zero), float(one)"),
        "smallest_normal_for_zero": _rounding(
            "    info = np.finfo(dtype)\n"
            "    return float(-np.log(float(info.eps) / 2)), float(np.log(float(info.tiny)))\n"),
        "visible_answers_by_heart": _rounding(
            "    return {'float64': (36.736801, -745.13322), 'float32': (16.635532, -103.97208)}[dtype]\n"),
    },
    "glorot_and_heuristic_limits_differ": {
        "standard_deviations_not_limits": _limits(
            "    return float(np.sqrt(2 / (fan_in + fan_out))), float(np.sqrt(1 / (3 * fan_in)))\n"),
        "heuristic_called_glorot": _limits(
            "    return float(1 / np.sqrt(fan_in)), float(1 / np.sqrt(fan_in))\n"),
        "product_of_fans": _limits(
            "    return float(np.sqrt(6 / (fan_in * fan_out))), float(1 / np.sqrt(fan_in))\n"),
        "heuristic_on_fan_out": _limits(
            "    return float(np.sqrt(6 / (fan_in + fan_out))), float(1 / np.sqrt(fan_out))\n"),
        "order_swapped": _limits(
            "    return float(1 / np.sqrt(fan_in)), float(np.sqrt(6 / (fan_in + fan_out)))\n"),
        "he_limit_for_glorot": _limits(
            "    return float(np.sqrt(6 / fan_in)), float(1 / np.sqrt(fan_in))\n"),
        "three_not_six": _limits(
            "    return float(np.sqrt(3 / (fan_in + fan_out))), float(1 / np.sqrt(fan_in))\n"),
    },
    "layer_output_stds_track_the_signal": {
        "sample_std": _forward(spread="np.std(h, ddof=1)"),
        "input_included": _forward(start="[np.std(h)]"),
        "preactivation_spread": _forward(spread="np.std(z)"),
        "mean_of_unit_stds": _forward(spread="np.mean(np.std(h, axis=0))"),
        "always_tanh": _forward(step="h = np.tanh(z)"),
        "last_layer_linear": _stds(
            "    h = np.asarray(x, dtype=float)\n    out = []\n"
            "    for i, w in enumerate(weights):\n        h = h @ w\n"
            "        if i < len(weights) - 1:\n"
            "            h = np.tanh(h) if activation == 'tanh' else np.maximum(h, 0.0)\n"
            "        out.append(np.std(h))\n    return np.array(out)\n"),
        "variance_not_std": _forward(spread="np.var(h)"),
        "activation_before_product": _stds(
            "    h = np.asarray(x, dtype=float)\n    out = []\n"
            "    for w in weights:\n"
            "        h = (np.tanh(h) if activation == 'tanh' else np.maximum(h, 0.0)) @ w\n"
            "        out.append(np.std(h))\n    return np.array(out)\n"),
    },
    "tanh_network_is_a_sigmoid_network": {
        "weights_doubled_biases_kept": _convert(
            "    return [2 * W for W in weights[:-1]] + [weights[-1].copy()], [b.copy() for b in biases]\n"),
        "no_factor_two_inside_the_sigmoid": _conversion(hidden="V, c"),
        "no_bias_shift": _conversion(later="2 * W, b.copy()"),
        "row_sums_not_column_sums": _conversion(later="2 * W, b - W.sum(axis=1)[:W.shape[1]]"),
        "shift_with_the_wrong_sign": _conversion(later="2 * W, b + W.sum(axis=0)"),
        "first_layer_treated_like_the_others": _conversion(first="2 * W, b - W.sum(axis=0)"),
        "output_layer_scaled_like_a_hidden_one": _convert(
            _CONVERT.format(first="W.copy(), b.copy()", later="2 * W, b - W.sum(axis=0)", hidden="2 * V, 2 * c")
            .replace("if l < len(weights) - 1:", "if True:")),
        "scales_the_given_arrays_in_place": _convert(
            "    for l in range(len(weights)):\n"
            "        if l > 0:\n            biases[l] -= weights[l].sum(axis=0)\n            weights[l] *= 2\n"
            "        if l < len(weights) - 1:\n            weights[l] *= 2\n            biases[l] *= 2\n"
            "    return list(weights), list(biases)\n"),
    },
    "cross_entropy_survives_large_logits": {
        "the_colleague_s_function": _bce(
            "    p = 1 / (1 + np.exp(-z))\n    return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))\n"),
        "clipped_probabilities": _bce(
            "    p = np.clip(1 / (1 + np.exp(-z)), 1e-7, 1 - 1e-7)\n"
            "    return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))\n"),
        "stable_sigmoid_then_clipped": _bce(
            "    e = np.exp(-np.abs(z))\n    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"
            "    p = np.clip(p, 1e-15, 1 - 1e-15)\n"
            "    return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))\n"),
        "log1p_of_exp_unguarded": _bce(
            "    return float(np.mean(y * np.log1p(np.exp(-z)) + (1 - y) * np.log1p(np.exp(z))))\n"),
        "np_where_evaluates_both_branches": _bce(
            "    loss = np.where(z >= 0, np.log1p(np.exp(-z)) + (1 - y) * z, np.log1p(np.exp(z)) - y * z)\n"
            "    return float(np.mean(loss))\n"),
        "labels_swapped": _bce(
            "    return float(np.mean((1 - y) * np.logaddexp(0, -z) + y * np.logaddexp(0, z)))\n"),
        "sum_not_mean": _bce(
            "    return float(np.sum(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))\n"),
        "sign_of_z_flipped": _bce(
            "    return float(np.mean(y * np.logaddexp(0, z) + (1 - y) * np.logaddexp(0, -z)))\n"),
    },
}

CORRECT = {
    "relu_layer_census_answer": {
        "np_where": (
            "def relu_layer_census(z):\n"
            "    h = np.where(z > 0, z, 0.0)\n"
            "    dead = h.max(axis=0) == 0\n"
            "    return float(dead.mean()), float((h == 0).mean()), float(h.min())\n"),
        "copy_and_mask": (
            "def relu_layer_census(z):\n"
            "    h = z.copy()\n"
            "    h[h < 0] = 0.0\n"
            "    n_dead = sum(1 for j in range(h.shape[1]) if not h[:, j].any())\n"
            "    return n_dead / h.shape[1], np.count_nonzero(h == 0) / h.size, float(h.min())\n"),
        "loops": (
            "def relu_layer_census(z):\n"
            "    n, m = z.shape\n"
            "    outputs = [[max(0.0, float(z[i, j])) for j in range(m)] for i in range(n)]\n"
            "    dead = 0\n"
            "    for j in range(m):\n"
            "        if all(outputs[i][j] == 0.0 for i in range(n)):\n"
            "            dead += 1\n"
            "    zeros = sum(v == 0.0 for row in outputs for v in row)\n"
            "    lowest = min(v for row in outputs for v in row)\n"
            "    return dead / m, zeros / (n * m), lowest\n"),
        "clip": (
            "def relu_layer_census(z):\n"
            "    h = np.clip(z, 0.0, None)\n"
            "    zero = h == 0\n"
            "    return (np.sum(np.all(zero, axis=0)) / z.shape[1], np.sum(zero) / z.size,\n"
            "            np.min(h))\n"),
    },
    "naive_sigmoid_overflow_threshold_answer": {
        "closed_form": (
            "def naive_sigmoid_overflow_threshold(dtype):\n"
            "    # exp(-x) is finite as long as -x <= log(largest finite number of the type)\n"
            "    return float(-np.log(np.finfo(dtype).max))\n"),
        "bisection_with_isfinite": (
            "def naive_sigmoid_overflow_threshold(dtype):\n"
            "    def ok(x):\n"
            "        with np.errstate(over='ignore'):\n"
            "            return bool(np.isfinite(np.exp(-np.dtype(dtype).type(x))))\n"
            "    lo, hi = -1000.0, 0.0\n"
            "    while hi - lo > 1e-9:\n"
            "        mid = (lo + hi) / 2\n"
            "        lo, hi = (lo, mid) if ok(mid) else (mid, hi)\n"
            "    return hi\n"),
        "coarse_to_fine_scan": (
            "def naive_sigmoid_overflow_threshold(dtype):\n"
            "    def runs(x):\n"
            "        try:\n"
            "            with np.errstate(over='raise'):\n"
            "                one = np.array(1, dtype=dtype)\n"
            "                one / (one + np.exp(-np.array(x, dtype=dtype)))\n"
            "            return True\n"
            "        except FloatingPointError:\n"
            "            return False\n"
            "    x, step = 0.0, 100.0\n"
            "    while step > 1e-8:\n"
            "        while runs(x - step):\n"
            "            x -= step\n"
            "        step /= 10\n"
            "    return x\n"),
    },
    "sigmoid_rounding_points_answer": {
        "closed_form": (
            "def sigmoid_rounding_points(dtype):\n"
            "    info = np.finfo(dtype)\n"
            "    # 1 + e^-x rounds to 1 once e^-x <= eps/2; e^x rounds to 0 below half the\n"
            "    # smallest subnormal number\n"
            "    one_from = -np.log(float(info.eps) / 2)\n"
            "    zero_below = np.log(float(info.smallest_subnormal)) - np.log(2.0)\n"
            "    return float(one_from), float(zero_below)\n"),
        "np_where_grid_refinement": (
            "def sigmoid_rounding_points(dtype):\n"
            "    def sig(x):\n"
            "        x = x.astype(dtype)\n"
            "        z = np.exp(-np.abs(x))\n"
            "        return np.where(x >= 0, 1 / (1 + z), z / (1 + z))\n"
            "    def first(pred, start, stop):\n"
            "        for _ in range(12):\n"
            "            grid = np.linspace(start, stop, 101)\n"
            "            k = int(np.argmax(pred(sig(grid))))\n"
            "            start, stop = grid[k - 1], grid[k]\n"
            "        return stop\n"
            "    return float(first(lambda s: s == 1, 0.0, 1000.0)), float(first(lambda s: s == 0, 0.0, -1000.0))\n"),
        "loop_of_halvings": (
            "def sigmoid_rounding_points(dtype):\n"
            "    t = np.dtype(dtype).type\n"
            "    def sigma(x):\n"
            "        x = t(x)\n"
            "        if x >= 0:\n"
            "            return t(1) / (t(1) + np.exp(-x))\n"
            "        e = np.exp(x)\n"
            "        return e / (t(1) + e)\n"
            "    a, b = 0.0, 1000.0\n"
            "    for _ in range(80):\n"
            "        m = (a + b) / 2\n"
            "        if sigma(m) == 1:\n"
            "            b = m\n"
            "        else:\n"
            "            a = m\n"
            "    c, d = -1000.0, 0.0\n"
            "    for _ in range(80):\n"
            "        m = (c + d) / 2\n"
            "        if sigma(m) == 0:\n"
            "            c = m\n"
            "        else:\n"
            "            d = m\n"
            "    return b, c\n"),
    },
    "uniform_limits_answer": {
        "math_sqrt": (
            "import math\n\n"
            "def uniform_limits(fan_in, fan_out):\n"
            "    return math.sqrt(6 / (fan_in + fan_out)), 1 / math.sqrt(fan_in)\n"),
        "from_the_variances": (
            "def uniform_limits(fan_in, fan_out):\n"
            "    # U[-a, a] has variance a^2 / 3\n"
            "    var_glorot = 2.0 / (fan_in + fan_out)\n"
            "    var_heuristic = 1.0 / (3.0 * fan_in)\n"
            "    return float(np.sqrt(3 * var_glorot)), float(np.sqrt(3 * var_heuristic))\n"),
        "powers": (
            "def uniform_limits(fan_in, fan_out):\n"
            "    return (6 / (fan_in + fan_out)) ** 0.5, fan_in ** -0.5\n"),
    },
    "layer_output_stds_answer": {
        "dictionary_of_activations": (
            "ACTS = {'tanh': np.tanh, 'relu': lambda v: np.maximum(v, 0)}\n\n"
            "def layer_output_stds(x, weights, activation):\n"
            "    g = ACTS[activation]\n"
            "    outputs = []\n"
            "    h = x\n"
            "    for w in weights:\n"
            "        h = g(h @ w)\n"
            "        outputs.append(h)\n"
            "    return np.array([o.std() for o in outputs])\n"),
        "std_by_hand": (
            "def layer_output_stds(x, weights, activation):\n"
            "    result = np.zeros(len(weights))\n"
            "    h = x.copy()\n"
            "    for l in range(len(weights)):\n"
            "        z = np.dot(h, weights[l])\n"
            "        if activation == 'relu':\n"
            "            z[z < 0] = 0.0\n"
            "            h = z\n"
            "        else:\n"
            "            h = np.tanh(z)\n"
            "        result[l] = np.sqrt(np.mean((h - np.mean(h)) ** 2))\n"
            "    return result\n"),
        "np_where_relu": (
            "def layer_output_stds(x, weights, activation):\n"
            "    stds = []\n"
            "    h = np.array(x, dtype=np.float64)\n"
            "    for w in weights:\n"
            "        z = h @ w\n"
            "        h = np.where(z > 0, z, 0.0) if activation == 'relu' else np.tanh(z)\n"
            "        stds.append(float(np.std(h)))\n"
            "    return np.asarray(stds)\n"),
    },
    "tanh_to_sigmoid_answer": {
        "ones_vector_and_indices": (
            "def tanh_to_sigmoid(weights, biases):\n    L = len(weights)\n    V = [None] * L\n    c = [None] * L\n"
            "    for l in range(L):\n        W, b = weights[l], biases[l]\n"
            "        scale_in = 1.0 if l == 0 else 2.0\n        shift = 0.0 if l == 0 else np.ones(W.shape[0]) @ W\n"
            "        scale_out = 2.0 if l < L - 1 else 1.0\n"
            "        V[l] = scale_out * scale_in * W\n        c[l] = scale_out * (b - shift)\n    return V, c\n"),
        "first_hidden_output_separately": (
            "def tanh_to_sigmoid(weights, biases):\n    if len(weights) == 1:\n"
            "        return [np.array(weights[0], dtype=float)], [np.array(biases[0], dtype=float)]\n"
            "    new_w = [2 * weights[0]]\n    new_b = [2 * biases[0]]\n"
            "    for W, b in zip(weights[1:-1], biases[1:-1]):\n"
            "        new_w.append(4 * W)\n        new_b.append(2 * b - 2 * np.sum(W, axis=0))\n"
            "    new_w.append(2 * weights[-1])\n    new_b.append(biases[-1] - np.sum(weights[-1], axis=0))\n"
            "    return new_w, new_b\n"),
        "copies_then_edits_in_a_loop": (
            "def tanh_to_sigmoid(weights, biases):\n"
            "    ws = [np.array(W, dtype=np.float64) for W in weights]\n"
            "    bs = [np.array(b, dtype=np.float64) for b in biases]\n"
            "    for l in range(1, len(ws)):\n        for j in range(ws[l].shape[1]):\n"
            "            bs[l][j] -= ws[l][:, j].sum()\n        ws[l] *= 2\n"
            "    for l in range(len(ws) - 1):\n        ws[l] *= 2\n        bs[l] *= 2\n"
            "    return ws, bs\n"),
    },
    "binary_cross_entropy_answer": {
        "max_plus_log1p": (
            "def binary_cross_entropy(z, y):\n"
            "    loss = np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))\n    return float(loss.mean())\n"),
        "loop_with_math": (
            "import math\n\n"
            "def binary_cross_entropy(z, y):\n    total = 0.0\n    for zi, yi in zip(z, y):\n"
            "        t = -zi if yi == 1 else zi    # the loss is log(1 + e^t)\n"
            "        total += t + math.log1p(math.exp(-t)) if t > 0 else math.log1p(math.exp(t))\n"
            "    return total / len(z)\n"),
        "log_sigmoid_helper": (
            "def log_sigmoid(t):\n    out = np.empty_like(t)\n    pos = t >= 0\n"
            "    out[pos] = -np.log1p(np.exp(-t[pos]))\n    out[~pos] = t[~pos] - np.log1p(np.exp(t[~pos]))\n"
            "    return out\n\n\n"
            "def binary_cross_entropy(z, y):\n"
            "    return float(np.mean(-y * log_sigmoid(z) - (1 - y) * log_sigmoid(-z)))\n"),
    },
}

_M = MUTANTS
PITFALLS = {
    "relu_census_separates_dead_units_from_zeros": {
        "zero_preactivation_not_dead": {
            "answers": _M["relu_census_separates_dead_units_from_zeros"]["strictly_negative_is_dead"],
            "says": "relu_layer_census([[-1.,  2.,  0.],  [-3., -1.,  0.]])"},
        "tiny_output_counted_as_zero": {
            "answers": _M["relu_census_separates_dead_units_from_zeros"]["near_zero_counts_as_zero"],
            "says": "relu_layer_census([[ 1.e-300, -1.e+000]])"},
        "examples_instead_of_units": {
            "answers": _M["relu_census_separates_dead_units_from_zeros"]["examples_instead_of_units"],
            "says": "item 0: 1 of 1 values differ"},
        "sparsity_taken_for_death": {
            "answers": _M["relu_census_separates_dead_units_from_zeros"]["sparsity_taken_for_death"],
            "says": "item 0: 1 of 1 values differ"},
        "negative_lowest_output": {
            "answers": _M["relu_census_separates_dead_units_from_zeros"]["lowest_preactivation"],
            "says": "item 2: 1 of 1 values differ"},
        "relu_in_place": {
            "answers": _M["relu_census_separates_dead_units_from_zeros"]["relu_in_place"],
            "says": "changed its input array in place"},
        "array_instead_of_tuple": {
            "answers": _census(
                "    h = np.maximum(z, 0.0)\n"
                "    return np.array([np.mean(np.all(h == 0, axis=0)), np.mean(h == 0), h.min()])\n"),
            "says": "expected 3 values"},
    },
    "naive_sigmoid_overflows_where_exp_does": {
        "type_ignored": {
            "answers": _M["naive_sigmoid_overflows_where_exp_does"]["always_float64"],
            "says": "naive_sigmoid_overflow_threshold('float32'): expected -88.722835"},
        "overflow_not_caught": {
            "answers": _M["naive_sigmoid_overflows_where_exp_does"]["overflow_not_caught"],
            "says": "raised FloatingPointError"},
        "too_coarse": {
            "answers": _M["naive_sigmoid_overflows_where_exp_does"]["integer_steps"],
            "says": "differ by more than the tolerance (|result - expected| <= 1e-10 + 1e-06"},
    },
    "sigmoid_rounds_to_exact_zero_and_one": {
        "naive_formula_overflows": {
            "answers": _M["sigmoid_rounds_to_exact_zero_and_one"]["naive_formula_overflows"],
            "says": "raised FloatingPointError"},
        "float64_constant_widens": {
            "answers": _M["sigmoid_rounds_to_exact_zero_and_one"]["float64_constant_widens"],
            "says": "sigmoid_rounding_points('float32'): expected (16.635532, -103.97208)"},
        "close_is_not_exact": {
            "answers": _M["sigmoid_rounds_to_exact_zero_and_one"]["isclose_instead_of_exact"],
            "says": "sigmoid_rounding_points('float64'): expected (36.736801, -745.13322)"},
    },
    "glorot_and_heuristic_limits_differ": {
        "standard_deviations_not_limits": {
            "answers": _M["glorot_and_heuristic_limits_differ"]["standard_deviations_not_limits"],
            "says": "item 0: 1 of 1 values differ"},
        "heuristic_called_glorot": {
            "answers": _M["glorot_and_heuristic_limits_differ"]["heuristic_called_glorot"],
            "says": "uniform_limits(784, 100): expected (0.08238525546, 0.03571428571), your code returned (0.0357142857"},
    },
    "layer_output_stds_track_the_signal": {
        "sample_std": {
            "answers": _M["layer_output_stds_track_the_signal"]["sample_std"],
            "says": "values differ by more than the tolerance"},
        "input_included": {
            "answers": _M["layer_output_stds_track_the_signal"]["input_included"],
            "says": "expected shape (2,), your code returned shape (3,)"},
        "spread_over_units_averaged": {
            "answers": _M["layer_output_stds_track_the_signal"]["mean_of_unit_stds"],
            "says": "values differ by more than the tolerance"},
        "last_layer_without_activation": {
            "answers": _M["layer_output_stds_track_the_signal"]["last_layer_linear"],
            "says": "values differ by more than the tolerance"},
    },
    "tanh_network_is_a_sigmoid_network": {
        "no_factor_two_inside_the_sigmoid": {
            "answers": _M["tanh_network_is_a_sigmoid_network"]["no_factor_two_inside_the_sigmoid"],
            "says": "the sigmoid sees 2z"},
        "no_bias_shift": {"answers": _M["tanh_network_is_a_sigmoid_network"]["no_bias_shift"],
                          "says": "absorbs the -1 of 2s - 1"},
        "later_layer_like_the_first": {
            "answers": _conversion(later="W.copy(), b.copy()"),
            "says": "absorbs the -1 of 2s - 1"},
        "changes_the_given_arrays": {
            "answers": _M["tanh_network_is_a_sigmoid_network"]["scales_the_given_arrays_in_place"],
            "says": "changed its input array in place"},
    },
    "cross_entropy_survives_large_logits": {
        "the_colleague_s_function": {
            "answers": _M["cross_entropy_survives_large_logits"]["the_colleague_s_function"],
            "says": "raised FloatingPointError"},
        "clipped_probabilities": {
            "answers": _M["cross_entropy_survives_large_logits"]["stable_sigmoid_then_clipped"],
            "says": "not a clipped value"},
        "np_where_evaluates_both_branches": {
            "answers": _M["cross_entropy_survives_large_logits"]["np_where_evaluates_both_branches"],
            "says": "every branch your code evaluates"},
    },
}
