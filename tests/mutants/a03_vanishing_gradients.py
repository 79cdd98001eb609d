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


def _which(body):
    return {"which_keeps_gradients_largest_answer": (
        "def which_keeps_gradients_largest(norms_sigmoid, norms_tanh, norms_relu):\n"
        "    names = ('sigmoid', 'tanh', 'relu')\n"
        "    all_norms = (norms_sigmoid, norms_tanh, norms_relu)\n" + body)}


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
    "which_keeps_gradients_largest_reads_first_layer": {
        "reads_the_last_layer": _which("    return names[int(np.argmax([n[-1] for n in all_norms]))]\n"),
        "smallest_instead_of_largest": _which("    return names[int(np.argmin([n[0] for n in all_norms]))]\n"),
        "total_over_layers": _which("    return names[int(np.argmax([np.sum(n) for n in all_norms]))]\n"),
        "returns_the_index": _which("    return int(np.argmax([n[0] for n in all_norms]))\n"),
        "names_in_the_wrong_order": _which(
            "    return ('relu', 'tanh', 'sigmoid')[int(np.argmax([n[0] for n in all_norms]))]\n"),
        "ties_go_to_the_last": _which(
            "    best = 0\n    for i in range(3):\n        if all_norms[i][0] >= all_norms[best][0]:\n"
            "            best = i\n    return names[best]\n"),
        "ratio_of_first_to_last": _which(
            "    return names[int(np.argmax([n[0] / n[-1] for n in all_norms]))]\n"),
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
    "which_keeps_gradients_largest_answer": {
        "if_elif_with_ties": (
            "def which_keeps_gradients_largest(norms_sigmoid, norms_tanh, norms_relu):\n"
            "    s, t, r = norms_sigmoid[0], norms_tanh[0], norms_relu[0]\n"
            "    if s >= t and s >= r:\n        return 'sigmoid'\n    if t >= r:\n        return 'tanh'\n"
            "    return 'relu'\n"),
        "max_with_key": (
            "def which_keeps_gradients_largest(norms_sigmoid, norms_tanh, norms_relu):\n"
            "    pairs = [('sigmoid', norms_sigmoid), ('tanh', norms_tanh), ('relu', norms_relu)]\n"
            "    return max(pairs, key=lambda p: p[1][0])[0]\n"),
        "dict_then_first_best": (
            "def which_keeps_gradients_largest(norms_sigmoid, norms_tanh, norms_relu):\n"
            "    first = {'sigmoid': norms_sigmoid[0], 'tanh': norms_tanh[0], 'relu': norms_relu[0]}\n"
            "    best = max(first.values())\n"
            "    for name in ('sigmoid', 'tanh', 'relu'):\n        if first[name] == best:\n            return name\n"),
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
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
    "which_keeps_gradients_largest_reads_first_layer": {
        "compares_the_last_layer": {
            "answers": _which("    return names[int(np.argmax([float(n[-1]) for n in all_norms]))]\n"),
            "says": "first-layer"},
        "ties_go_to_the_last": {
            "answers": {"which_keeps_gradients_largest_answer": (
                "def which_keeps_gradients_largest(norms_sigmoid, norms_tanh, norms_relu):\n"
                "    s, t, r = norms_sigmoid[0], norms_tanh[0], norms_relu[0]\n"
                "    if s > t and s > r:\n        return 'sigmoid'\n    if t > r:\n        return 'tanh'\n"
                "    return 'relu'\n")},
            "says": "a tie"},
    },
}
