"""Plausible wrong answers to assignment 3 (vanishing gradients), each expected to lose its part's points."""

ASSIGNMENT = "03-vanishing-gradients"
NOTEBOOK = "vanishing_gradients.ipynb"


def _chain(loop_body, result="np.abs(np.cumprod(factors[::-1])[::-1])"):
    """A backprop_chain answer with the given loop body (computing factors[k]) and result."""
    return {"backprop_chain_answer": (
        "def backprop_chain(x0, weights, activation):\n"
        "    g, g_grad = ACTIVATIONS[activation]\n"
        "    weights = np.asarray(weights, dtype=float)\n"
        "    h = float(x0)\n    factors = np.empty(weights.size)\n"
        "    for k, w in enumerate(weights):\n" + loop_body +
        "    return " + result + "\n")}


_CHAIN_OK = "        z = w * h\n        factors[k] = g_grad(z) * w\n        h = float(g(z))\n"


def _norms(forward="", backward="", norm="np.linalg.norm(hs[l].T @ delta)", result="norms",
           output=""):
    """A layer_gradient_norms answer with pieces replaced."""
    forward = forward or ("    for W in weights[:-1]:\n        zs.append(hs[-1] @ W)\n"
                          "        hs.append(g(zs[-1]))\n")
    backward = backward or "            delta = (delta @ weights[l].T) * g_grad(zs[l - 1])\n"
    return {"layer_gradient_norms_answer": (
        "def layer_gradient_norms(x, weights, dout, activation):\n"
        "    g, g_grad = ACTIVATIONS[activation]\n"
        "    hs, zs = [np.asarray(x, dtype=float)], []\n" + forward +
        "    delta = np.asarray(dout, dtype=float)\n" + output +
        "    norms = np.zeros(len(weights))\n"
        "    for l in range(len(weights) - 1, -1, -1):\n"
        "        norms[l] = " + norm + "\n"
        "        if l > 0:\n" + backward +
        "    return " + result + "\n")}


def _shrink(body):
    return {"predicted_shrink_factor_answer": "def predicted_shrink_factor(w):\n" + body}


# A fixed point found by iteration, then a result computed from w and h.
_FIXED = "    h = 0.5\n    for _ in range(2000):\n        h = float(sigmoid(w * h))\n"


def _ratio(draws=None, backward=None, result="float(np.log10(np.linalg.norm(e) / last))"):
    """A gradient_ratio answer with its draws, its backward pass or its result replaced."""
    draws = draws or ("    x = rng.normal(0.0, input_std, size=(64, width))\n"
                      "    ws = [rng.normal(0.0, gain / np.sqrt(width), size=(width, width)) for _ in range(depth)]\n"
                      "    dout = rng.standard_normal((64, width))\n")
    backward = backward or ("    e = dout @ ws[-1].T\n    last = np.linalg.norm(e)\n"
                            "    for l in range(depth - 2, -1, -1):\n"
                            "        e = (e * g_grad(zs[l])) @ ws[l].T\n")
    return {"gradient_ratio_answer": (
        "def gradient_ratio(activation, gain, depth, width, input_std, rng):\n"
        "    g, g_grad = ACTIVATIONS[activation]\n" + draws +
        "    h, zs, hs = x, [], [x]\n"
        "    for W in ws[:-1]:\n        zs.append(h @ W)\n        h = g(zs[-1])\n        hs.append(h)\n"
        + backward + "    return " + result + "\n")}


def _gain(draws=None, log_ratio=None, search=None):
    """A critical_gain answer (common random numbers, bisection) with pieces replaced."""
    draws = draws or ("    x = rng.normal(0.0, input_std, size=(64, width))\n"
                      "    unit = [rng.standard_normal((width, width)) / np.sqrt(width) for _ in range(depth)]\n"
                      "    dout = rng.standard_normal((64, width))\n")
    log_ratio = log_ratio or (
        "    def log_ratio(gain):\n        ws = [gain * U for U in unit]\n        h, zs = x, []\n"
        "        for W in ws[:-1]:\n            zs.append(h @ W)\n            h = g(zs[-1])\n"
        "        e = dout @ ws[-1].T\n        last = np.linalg.norm(e)\n"
        "        for l in range(depth - 2, -1, -1):\n            e = (e * g_grad(zs[l])) @ ws[l].T\n"
        "        return np.log10(np.linalg.norm(e) / last)\n")
    search = search or ("    lo, hi = 0.5, 3.0\n    for _ in range(40):\n        mid = (lo + hi) / 2\n"
                        "        if log_ratio(mid) < 0:\n            lo = mid\n        else:\n            hi = mid\n"
                        "    return (lo + hi) / 2\n")
    return {"critical_gain_answer": (
        "def critical_gain(activation, depth, width, input_std, rng):\n"
        "    g, g_grad = ACTIVATIONS[activation]\n" + draws + log_ratio + search)}


def _suspect(numeric=None, flag=None, grads="colleague_weight_gradients(x, weights, dout, activation)"):
    """A suspect_layers answer with its numeric gradient or its decision replaced."""
    numeric = numeric or (
        "        for idx in np.ndindex(weights[l].shape):\n"
        "            plus = [np.array(W, dtype=float) for W in weights]\n"
        "            minus = [np.array(W, dtype=float) for W in weights]\n"
        "            plus[l][idx] += step\n            minus[l][idx] -= step\n"
        "            numeric[idx] = (loss(plus) - loss(minus)) / (2 * step)\n")
    flag = flag or "np.linalg.norm(grads[l] - numeric) > 1e-6 * (1 + np.linalg.norm(numeric))"
    return {"suspect_layers_answer": (
        "def suspect_layers(x, weights, dout, activation):\n    step = 1e-5\n"
        "    grads = " + grads + "\n"
        "    loss = lambda ws: float(np.sum(network_output(x, ws, activation) * dout))\n"
        "    flags = []\n    for l in range(len(weights)):\n"
        "        numeric = np.zeros(np.shape(weights[l]))\n" + numeric +
        "        flags.append(" + flag + ")\n    return np.array(flags)\n")}


# A correct backprop (derivative at z), for a mutant that checks it instead of the colleague's.
_OWN_BACKPROP = (
    "def own_gradients(x, weights, dout, activation):\n    g, g_grad = ACTIVATIONS[activation]\n"
    "    hs, zs = [x], []\n    for W in weights[:-1]:\n        zs.append(hs[-1] @ W)\n        hs.append(g(zs[-1]))\n"
    "    delta, grads = dout, [None] * len(weights)\n"
    "    for l in range(len(weights) - 1, -1, -1):\n        grads[l] = hs[l].T @ delta\n"
    "        if l > 0:\n            delta = (delta @ weights[l].T) * g_grad(zs[l - 1])\n    return grads\n\n\n")


MUTANTS = {
    "backprop_chain_matches_chain_rule": {
        "signed_not_absolute": _chain(_CHAIN_OK, result="np.cumprod(factors[::-1])[::-1]"),
        "forgets_the_weight": _chain("        z = w * h\n        factors[k] = g_grad(z)\n        h = float(g(z))\n"),
        "derivative_at_the_input_h": _chain("        z = w * h\n        factors[k] = g_grad(h) * w\n        h = float(g(z))\n"),
        "derivative_at_the_output": _chain("        z = w * h\n        h = float(g(z))\n        factors[k] = g_grad(h) * w\n"),
        "product_from_the_wrong_end": _chain(_CHAIN_OK, result="np.abs(np.cumprod(factors))"),
        "reversed_order": _chain(_CHAIN_OK, result="np.abs(np.cumprod(factors[::-1]))"),
        "excludes_its_own_layer": _chain(
            _CHAIN_OK, result="np.abs(np.append(np.cumprod(factors[::-1])[::-1][1:], 1.0))"),
        "relu_grad_one_at_zero": _chain(
            "        z = w * h\n        d = float(z >= 0) if activation == 'relu' else g_grad(z)\n"
            "        factors[k] = d * w\n        h = float(g(z))\n"),
        "overwrites_the_weights": {"backprop_chain_answer": (
            "def backprop_chain(x0, weights, activation):\n"
            "    g, g_grad = ACTIVATIONS[activation]\n    h = float(x0)\n"
            "    for k in range(len(weights)):\n        z = weights[k] * h\n        h = float(g(z))\n"
            "        weights[k] = abs(g_grad(z) * weights[k])\n"
            "    return np.cumprod(weights[::-1])[::-1]\n")},
    },
    "layer_gradient_norms_match_backprop": {
        "activation_on_the_output_too": _norms(
            forward=("    for W in weights[:-1]:\n        zs.append(hs[-1] @ W)\n        hs.append(g(zs[-1]))\n"
                     "    z_out = hs[-1] @ weights[-1]\n"),
            output="    delta = delta * g_grad(z_out)\n"),
        "forgets_the_activation_derivative": _norms(
            backward="            delta = delta @ weights[l].T\n"),
        "derivative_at_h_not_z": _norms(
            backward="            delta = (delta @ weights[l].T) * g_grad(hs[l])\n"),
        "weights_not_transposed": _norms(
            backward="            delta = (delta @ weights[l]) * g_grad(zs[l - 1])\n"),
        "mean_over_the_batch": _norms(norm="np.linalg.norm(hs[l].T @ delta) / len(hs[0])"),
        "spectral_norm_not_frobenius": _norms(norm="np.linalg.norm(hs[l].T @ delta, 2)"),
        "last_layer_first": _norms(result="norms[::-1]"),
        "sum_of_absolute_values": _norms(norm="np.sum(np.abs(hs[l].T @ delta))"),
    },
    "shrink_factor_matches_the_fixed_point": {
        "the_bound_w_over_4": _shrink("    return w / 4\n"),
        "derivative_at_the_input_h": _shrink(_FIXED + "    return float(w * sigmoid_grad(h))\n"),
        "forgets_the_weight": _shrink(_FIXED + "    return h * (1 - h)\n"),
        "one_step_from_one_half": _shrink("    h = float(sigmoid(w * 0.5))\n    return w * h * (1 - h)\n"),
        "fixed_point_without_w": _shrink(
            "    h = 0.5\n    for _ in range(2000):\n        h = float(sigmoid(h))\n    return w * h * (1 - h)\n"),
        "returns_the_fixed_point": _shrink(_FIXED + "    return h\n"),
        "first_factor_from_x0_zero": _shrink("    return float(w * sigmoid_grad(0.0))\n"),
    },
    "gradient_ratio_vanishes_and_explodes": {
        "weight_gradients_not_error_signals": _ratio(backward=(
            "    delta = dout\n    norms = [0.0] * depth\n"
            "    for l in range(depth - 1, -1, -1):\n        norms[l] = np.linalg.norm(hs[l].T @ delta)\n"
            "        if l > 0:\n            delta = (delta @ ws[l].T) * g_grad(zs[l - 1])\n"
            "    e, last = norms[0], norms[-1]\n")),
        "forgets_the_derivative": _ratio(backward=(
            "    e = dout @ ws[-1].T\n    last = np.linalg.norm(e)\n"
            "    for l in range(depth - 2, -1, -1):\n        e = e @ ws[l].T\n")),
        "std_gain_over_width": _ratio(draws=(
            "    x = rng.normal(0.0, input_std, size=(64, width))\n"
            "    ws = [rng.normal(0.0, gain / width, size=(width, width)) for _ in range(depth)]\n"
            "    dout = rng.standard_normal((64, width))\n")),
        "gain_on_the_variance": _ratio(draws=(
            "    x = rng.normal(0.0, input_std, size=(64, width))\n"
            "    ws = [rng.normal(0.0, np.sqrt(gain / width), size=(width, width)) for _ in range(depth)]\n"
            "    dout = rng.standard_normal((64, width))\n")),
        "last_over_first": _ratio(result="float(np.log10(last / np.linalg.norm(e)))"),
        "natural_log": _ratio(result="float(np.log(np.linalg.norm(e) / last))"),
        "input_std_ignored": _ratio(draws=(
            "    x = rng.standard_normal((64, width))\n"
            "    ws = [rng.normal(0.0, gain / np.sqrt(width), size=(width, width)) for _ in range(depth)]\n"
            "    dout = rng.standard_normal((64, width))\n")),
        "ratio_not_its_log": _ratio(result="float(np.linalg.norm(e) / last)"),
    },
    "critical_gain_balances_the_gradient": {
        "weight_gradients_not_error_signals": _gain(log_ratio=(
            "    def log_ratio(gain):\n        ws = [gain * U for U in unit]\n        hs, zs = [x], []\n"
            "        for W in ws[:-1]:\n            zs.append(hs[-1] @ W)\n            hs.append(g(zs[-1]))\n"
            "        delta = dout\n        norms = [0.0] * depth\n"
            "        for l in range(depth - 1, -1, -1):\n            norms[l] = np.linalg.norm(hs[l].T @ delta)\n"
            "            if l > 0:\n                delta = (delta @ ws[l].T) * g_grad(zs[l - 1])\n"
            "        return np.log10(norms[0] / norms[-1])\n")),
        "input_std_ignored": _gain(draws=(
            "    x = rng.standard_normal((64, width))\n"
            "    unit = [rng.standard_normal((width, width)) / np.sqrt(width) for _ in range(depth)]\n"
            "    dout = rng.standard_normal((64, width))\n")),
        "known_answers_by_heart": {"critical_gain_answer": (
            "def critical_gain(activation, depth, width, input_std, rng):\n"
            "    return float(np.sqrt(2.0)) if activation == 'relu' else 1.0\n")},
        "bisection_the_wrong_way": _gain(search=(
            "    lo, hi = 0.5, 3.0\n    for _ in range(40):\n        mid = (lo + hi) / 2\n"
            "        if log_ratio(mid) > 0:\n            lo = mid\n        else:\n            hi = mid\n"
            "    return (lo + hi) / 2\n")),
        "forgets_the_derivative": _gain(log_ratio=(
            "    def log_ratio(gain):\n        ws = [gain * U for U in unit]\n"
            "        e = dout @ ws[-1].T\n        last = np.linalg.norm(e)\n"
            "        for l in range(depth - 2, -1, -1):\n            e = e @ ws[l].T\n"
            "        return np.log10(np.linalg.norm(e) / last)\n")),
        "returns_the_variance": _gain(search=(
            "    lo, hi = 0.5, 3.0\n    for _ in range(40):\n        mid = (lo + hi) / 2\n"
            "        if log_ratio(mid) < 0:\n            lo = mid\n        else:\n            hi = mid\n"
            "    return ((lo + hi) / 2) ** 2\n")),
        "std_gain_over_width": _gain(draws=(
            "    x = rng.normal(0.0, input_std, size=(64, width))\n"
            "    unit = [rng.standard_normal((width, width)) / width for _ in range(depth)]\n"
            "    dout = rng.standard_normal((64, width))\n")),
    },
    "suspect_layers_find_the_bug": {
        "mean_not_sum_in_the_loss": {"suspect_layers_answer": _suspect()["suspect_layers_answer"].replace(
            "np.sum(network_output(x, ws, activation) * dout)", "np.mean(network_output(x, ws, activation) * dout)")},
        "loss_without_dout": {"suspect_layers_answer": _suspect()["suspect_layers_answer"].replace(
            "np.sum(network_output(x, ws, activation) * dout)", "np.sum(network_output(x, ws, activation))")},
        "checks_a_correct_backprop": {"suspect_layers_answer": _OWN_BACKPROP + _suspect(
            grads="own_gradients(x, weights, dout, activation)")["suspect_layers_answer"]},
        "every_hidden_layer_unless_relu": {"suspect_layers_answer": (
            "def suspect_layers(x, weights, dout, activation):\n"
            "    return np.array([activation != 'relu'] * (len(weights) - 1) + [False])\n")},
        "flags_the_layers_that_agree": _suspect(
            flag="np.linalg.norm(grads[l] - numeric) <= 1e-6 * (1 + np.linalg.norm(numeric))"),
        "last_layer_first": {"suspect_layers_answer": _suspect()["suspect_layers_answer"].replace(
            "    return np.array(flags)\n", "    return np.array(flags[::-1])\n")},
        "perturbs_in_place_without_restoring": _suspect(numeric=(
            "        for idx in np.ndindex(weights[l].shape):\n"
            "            weights[l][idx] += step\n            up = loss(weights)\n"
            "            weights[l][idx] -= 2 * step\n            down = loss(weights)\n"
            "            weights[l][idx] += step\n"
            "            numeric[idx] = (up - down) / (2 * step)\n")),
    },
}


# Correct answers written the ways learners write them; each must earn full marks.
CORRECT = {
    "backprop_chain_answer": {
        "forward_then_backward_loop": (
            "def backprop_chain(x0, weights, activation):\n    g, g_grad = ACTIVATIONS[activation]\n"
            "    h, zs = x0, []\n    for w in weights:\n        z = w * h\n        zs.append(z)\n        h = g(z)\n"
            "    out = np.zeros(len(weights))\n    running = 1.0\n"
            "    for k in reversed(range(len(weights))):\n        running = running * g_grad(zs[k]) * weights[k]\n"
            "        out[k] = abs(running)\n    return out\n"),
        "product_of_each_tail": (
            "def backprop_chain(x0, weights, activation):\n    g, g_grad = ACTIVATIONS[activation]\n"
            "    factors = []\n    h = x0\n    for w in weights:\n        factors.append(float(g_grad(w * h)) * w)\n"
            "        h = g(w * h)\n"
            "    return np.array([abs(np.prod(factors[k:])) for k in range(len(factors))])\n"),
        "multiply_accumulate": (
            "def backprop_chain(x0, weights, activation):\n    g, g_grad = ACTIVATIONS[activation]\n"
            "    weights = np.asarray(weights, dtype=np.float64)\n    hs = np.empty(weights.size)\n    h = x0\n"
            "    for k in range(weights.size):\n        hs[k] = h\n        h = g(weights[k] * h)\n"
            "    factors = np.abs(g_grad(weights * hs) * weights)\n"
            "    return np.multiply.accumulate(factors[::-1])[::-1].copy()\n"),
    },
    "layer_gradient_norms_answer": {
        "caches_then_backward": (
            "def layer_gradient_norms(x, weights, dout, activation):\n    g, g_grad = ACTIVATIONS[activation]\n"
            "    L = len(weights)\n    h = [x]\n    z = []\n    for W in weights[:-1]:\n        z.append(h[-1] @ W)\n"
            "        h.append(g(z[-1]))\n    grads = [None] * L\n    delta = dout\n"
            "    for l in reversed(range(L)):\n        grads[l] = h[l].T @ delta\n"
            "        if l:\n            delta = delta @ weights[l].T * g_grad(z[l - 1])\n"
            "    return np.array([np.sqrt(np.sum(G ** 2)) for G in grads])\n"),
        "einsum_and_fro": (
            "def layer_gradient_norms(x, weights, dout, activation):\n    g, g_grad = ACTIVATIONS[activation]\n"
            "    inputs, pre = [], []\n    h = np.asarray(x, dtype=float)\n"
            "    for W in weights:\n        inputs.append(h)\n        z = np.einsum('nd,dm->nm', h, W)\n        pre.append(z)\n"
            "        h = g(z)\n    norms = []\n    delta = np.asarray(dout, dtype=float)\n"
            "    for l in range(len(weights) - 1, -1, -1):\n"
            "        norms.append(np.linalg.norm(np.einsum('nd,nm->dm', inputs[l], delta), 'fro'))\n"
            "        if l > 0:\n            delta = np.einsum('nm,dm->nd', delta, weights[l]) * g_grad(pre[l - 1])\n"
            "    return np.array(norms[::-1])\n"),
        "list_reversed": (
            "def layer_gradient_norms(x, weights, dout, activation):\n    g, g_grad = ACTIVATIONS[activation]\n"
            "    weights = list(weights)\n    hs, zs = [x], [None]\n    for W in weights[:-1]:\n"
            "        zs.append(hs[-1] @ W)\n        hs.append(g(zs[-1]))\n    out = []\n    delta = dout\n"
            "    for l in range(len(weights), 0, -1):\n        dW = hs[l - 1].T @ delta\n"
            "        out.insert(0, float(np.sqrt((dW * dW).sum())))\n"
            "        if l > 1:\n            delta = np.dot(delta, weights[l - 1].T) * g_grad(zs[l - 1])\n"
            "    return np.array(out, dtype=np.float64)\n"),
    },
    "predicted_shrink_factor_answer": {
        "iterate_until_it_settles": (
            "def predicted_shrink_factor(w):\n    h = 0.5\n    while True:\n"
            "        new = 1.0 / (1.0 + np.exp(-w * h))\n        if abs(new - h) < 1e-15:\n            break\n"
            "        h = new\n    s = 1.0 / (1.0 + np.exp(-w * h))\n    return float(w * s * (1 - s))\n"),
        "newton_on_the_fixed_point_equation": (
            "def predicted_shrink_factor(w):\n    h = 0.5\n    for _ in range(60):\n"
            "        s = float(sigmoid(w * h))\n        f = h - s\n        df = 1 - w * s * (1 - s)\n"
            "        h = h - f / df\n    return w * float(sigmoid_grad(w * h))\n"),
        "last_factor_of_a_long_measured_chain": (
            "def predicted_shrink_factor(w):\n    d = backprop_chain(0.3, np.full(300, float(w)), 'sigmoid')\n"
            "    return float(d[-1])\n"),
    },
    "gradient_ratio_answer": {
        "weights_first_scaled_standard_normals": (
            "def gradient_ratio(activation, gain, depth, width, input_std, rng):\n"
            "    g, g_grad = ACTIVATIONS[activation]\n"
            "    Ws = [gain / np.sqrt(width) * rng.standard_normal((width, width)) for _ in range(depth)]\n"
            "    X = input_std * rng.standard_normal((64, width))\n    D = rng.standard_normal((64, width))\n"
            "    pre = []\n    h = X\n    for W in Ws[:-1]:\n        z = np.dot(h, W)\n        pre.append(z)\n        h = g(z)\n"
            "    grad = np.dot(D, Ws[-1].T)\n    top = np.sqrt(np.sum(grad ** 2))\n"
            "    for W, z in zip(reversed(Ws[:-1]), reversed(pre)):\n        grad = np.dot(grad * g_grad(z), W.T)\n"
            "    return float(np.log(np.sqrt(np.sum(grad ** 2)) / top) / np.log(10))\n"),
        "network_output_then_backward_with_deltas": (
            "def gradient_ratio(activation, gain, depth, width, input_std, rng):\n"
            "    g, g_grad = ACTIVATIONS[activation]\n    dout = rng.normal(size=(64, width))\n"
            "    x = rng.normal(scale=input_std, size=(64, width))\n"
            "    weights = []\n    for _ in range(depth):\n"
            "        weights.append(rng.normal(scale=gain * width ** -0.5, size=(width, width)))\n"
            "    zs = []\n    h = x\n    for l in range(depth - 1):\n        zs.append(h @ weights[l])\n        h = g(zs[l])\n"
            "    first_grad = dout @ weights[depth - 1].T\n    e = first_grad\n"
            "    for l in range(depth - 2, -1, -1):\n        delta = e * g_grad(zs[l])\n        e = delta @ weights[l].T\n"
            "    return float(np.log10(np.linalg.norm(e, 'fro')) - np.log10(np.linalg.norm(first_grad, 'fro')))\n"),
        "einsum_and_a_list_of_signals": (
            "def gradient_ratio(activation, gain, depth, width, input_std, rng):\n"
            "    g, g_grad = ACTIVATIONS[activation]\n    scale = gain / np.sqrt(width)\n"
            "    x = rng.normal(0, 1, (64, width)) * input_std\n    dout = rng.normal(0, 1, (64, width))\n"
            "    W = rng.normal(0, 1, (depth, width, width)) * scale\n"
            "    zs = []\n    h = x\n    for l in range(depth - 1):\n        z = np.einsum('nd,dm->nm', h, W[l])\n"
            "        zs.append(z)\n        h = g(z)\n"
            "    signals = [np.einsum('nm,dm->nd', dout, W[-1])]\n"
            "    for l in reversed(range(depth - 1)):\n"
            "        signals.append(np.einsum('nm,dm->nd', signals[-1] * g_grad(zs[l]), W[l]))\n"
            "    norms = [np.linalg.norm(s) for s in signals]\n    return float(np.log10(norms[-1] / norms[0]))\n"),
    },
    "critical_gain_answer": {
        "fresh_draws_for_every_gain": (
            "def critical_gain(activation, depth, width, input_std, rng):\n"
            "    lo, hi = 0.5, 3.0\n    for _ in range(30):\n        mid = (lo + hi) / 2\n"
            "        if gradient_ratio(activation, mid, depth, width, input_std, rng) < 0:\n"
            "            lo = mid\n        else:\n            hi = mid\n    return (lo + hi) / 2\n"),
        "same_seed_through_gradient_ratio": (
            "def critical_gain(activation, depth, width, input_std, rng):\n"
            "    seed = int(rng.integers(2 ** 32))\n"
            "    r = lambda gain: gradient_ratio(activation, gain, depth, width, input_std, np.random.default_rng(seed))\n"
            "    a, b = np.log(0.5), np.log(3.0)\n    for _ in range(50):\n        m = (a + b) / 2\n"
            "        if r(np.exp(m)) > 0:\n            b = m\n        else:\n            a = m\n"
            "    return float(np.exp((a + b) / 2))\n"),
        "grid_then_interpolate": (
            "def critical_gain(activation, depth, width, input_std, rng):\n"
            "    g, g_grad = ACTIVATIONS[activation]\n"
            "    ws = [rng.normal(size=(width, width)) for _ in range(depth)]\n"
            "    x = rng.normal(size=(64, width)) * input_std\n    dout = rng.normal(size=(64, width))\n"
            "    def ratio(gain):\n        W = [w * gain / np.sqrt(width) for w in ws]\n        zs = []\n        h = x\n"
            "        for w in W[:-1]:\n            zs.append(h @ w)\n            h = g(zs[-1])\n"
            "        e = dout @ W[-1].T\n        top = np.linalg.norm(e)\n"
            "        for w, z in zip(W[-2::-1], zs[::-1]):\n            e = (e * g_grad(z)) @ w.T\n"
            "        return np.log10(np.linalg.norm(e) / top)\n"
            "    grid = np.linspace(0.5, 3.0, 26)\n    values = np.array([ratio(v) for v in grid])\n"
            "    k = int(np.argmax(values > 0))\n    lo, hi = grid[k - 1], grid[k]\n"
            "    for _ in range(30):\n        mid = (lo + hi) / 2\n        if ratio(mid) > 0:\n            hi = mid\n"
            "        else:\n            lo = mid\n    return float(mid)\n"),
    },
    "suspect_layers_answer": {
        "save_and_restore_each_entry": (
            "def suspect_layers(x, weights, dout, activation):\n"
            "    G = colleague_weight_gradients(x, weights, dout, activation)\n    out = []\n"
            "    for l, W in enumerate(weights):\n        N = np.zeros_like(W)\n"
            "        it = np.nditer(W, flags=['multi_index'])\n        for _ in it:\n            i = it.multi_index\n"
            "            old = W[i]\n            W[i] = old + 1e-5\n"
            "            up = np.sum(network_output(x, weights, activation) * dout)\n"
            "            W[i] = old - 1e-5\n            down = np.sum(network_output(x, weights, activation) * dout)\n"
            "            W[i] = old\n            N[i] = (up - down) / 2e-5\n"
            "        out.append(bool(np.linalg.norm(G[l] - N) > 1e-6 * (1 + np.linalg.norm(N))))\n"
            "    return np.array(out)\n"),
        "flat_copies_and_a_helper": (
            "def numeric_gradient(loss, weights, l, h=1e-5):\n    grad = np.zeros(weights[l].size)\n"
            "    for k in range(weights[l].size):\n        ws = [w.copy() for w in weights]\n"
            "        flat = ws[l].reshape(-1)\n        flat[k] += h\n        a = loss(ws)\n        flat[k] -= 2 * h\n"
            "        b = loss(ws)\n        grad[k] = (a - b) / (2 * h)\n    return grad.reshape(weights[l].shape)\n\n\n"
            "def suspect_layers(x, weights, dout, activation):\n"
            "    loss = lambda ws: np.sum(network_output(x, ws, activation) * dout)\n"
            "    theirs = colleague_weight_gradients(x, weights, dout, activation)\n    result = np.zeros(len(weights), dtype=bool)\n"
            "    for l in range(len(weights)):\n        N = numeric_gradient(loss, weights, l)\n"
            "        result[l] = np.sqrt(np.sum((theirs[l] - N) ** 2)) > 1e-6 * (1 + np.sqrt(np.sum(N ** 2)))\n"
            "    return result\n"),
        "direction_matrices": (
            "def suspect_layers(x, weights, dout, activation):\n    h = 1e-5\n"
            "    given = colleague_weight_gradients(x, weights, dout, activation)\n    flags = []\n"
            "    for l in range(len(weights)):\n        rows, cols = weights[l].shape\n        num = np.empty((rows, cols))\n"
            "        for i in range(rows):\n            for j in range(cols):\n"
            "                E = np.zeros((rows, cols))\n                E[i, j] = h\n"
            "                up = [w + E if k == l else w for k, w in enumerate(weights)]\n"
            "                dn = [w - E if k == l else w for k, w in enumerate(weights)]\n"
            "                num[i, j] = (np.sum(network_output(x, up, activation) * dout)\n"
            "                             - np.sum(network_output(x, dn, activation) * dout)) / (2 * h)\n"
            "        diff = np.linalg.norm(given[l] - num)\n        flags.append(diff > 1e-6 * (1 + np.linalg.norm(num)))\n"
            "    return np.array(flags)\n"),
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
_M = MUTANTS
PITFALLS = {
    "backprop_chain_matches_chain_rule": {
        "entries_in_reverse_order": {
            "answers": _chain(_CHAIN_OK, result="np.abs(np.cumprod(factors[::-1]))"),
            "says": "first entry for the input"},
    },
    "layer_gradient_norms_match_backprop": {
        "mean_over_the_batch": {
            "answers": _norms(norm="np.linalg.norm(hs[l].T @ delta) / len(hs[0])"),
            "says": "a sum over the batch"},
    },
    "shrink_factor_matches_the_fixed_point": {
        "the_bound_w_over_4": {"answers": _M["shrink_factor_matches_the_fixed_point"]["the_bound_w_over_4"],
                               "says": "not the bound w/4"},
        "derivative_at_the_input_h": {
            "answers": _M["shrink_factor_matches_the_fixed_point"]["derivative_at_the_input_h"],
            "says": "not the derivative at h*"},
    },
    "gradient_ratio_vanishes_and_explodes": {
        "weight_gradients_not_error_signals": {
            "answers": _M["gradient_ratio_vanishes_and_explodes"]["weight_gradients_not_error_signals"],
            "says": "not of the weight gradients"},
        "natural_log": {"answers": _M["gradient_ratio_vanishes_and_explodes"]["natural_log"],
                        "says": "log10 of the ratio"},
        "input_std_ignored": {"answers": _M["gradient_ratio_vanishes_and_explodes"]["input_std_ignored"],
                              "says": "standard deviation input_std"},
    },
    "critical_gain_balances_the_gradient": {
        "weight_gradients_not_error_signals": {
            "answers": _M["critical_gain_balances_the_gradient"]["weight_gradients_not_error_signals"],
            "says": "not of the weight gradients"},
        "input_std_ignored": {"answers": _M["critical_gain_balances_the_gradient"]["input_std_ignored"],
                              "says": "input_std = 0.01"},
    },
    "suspect_layers_find_the_bug": {
        "perturbs_in_place_without_restoring": {
            "answers": _M["suspect_layers_find_the_bug"]["perturbs_in_place_without_restoring"],
            "says": "changed its input array in place"},
        "relu_never_suspect": {"answers": _M["suspect_layers_find_the_bug"]["every_hidden_layer_unless_relu"],
                               "says": "exactly at the kink"},
    },
}
