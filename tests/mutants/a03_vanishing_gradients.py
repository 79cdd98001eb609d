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
