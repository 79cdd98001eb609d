"""Plausible wrong answers to assignment 8 (capstone), each expected to lose its part's points.

Most mutants are the instructor's answer with one deliberate change, so they stay in step with
the notebook; each change must apply exactly once. The accuracy parts (E and F) also get
submissions that must never earn them: nearest-neighbour predictions, a model without hidden
layers (returned as such, or packed into the stated layers so that it stays linear) and an
untrained network.
"""

from tests.grading.notebooks import source_answers

ASSIGNMENT = "08-capstone"
NOTEBOOK = "capstone.ipynb"

_ANSWERS = source_answers(ASSIGNMENT, NOTEBOOK)


def _changed(cell, *edits):
    """The reference answer of ``cell`` with each (old, new) text replaced once."""
    code = _ANSWERS[cell]
    for old, new in edits:
        assert code.count(old) == 1, "mutant edit does not apply exactly once: %r" % old
        code = code.replace(old, new)
    return {cell: code}


def _ce(*edits):
    return _changed("softmax_cross_entropy_answer", *edits)


def _lg(*edits):
    return _changed("loss_and_grads_answer", *edits)


def _init(*edits):
    return _changed("init_params_answer", *edits)


def _norms(*edits):
    return _changed("gradient_norms_answer", *edits)


def _train(*edits):
    return _changed("train_network_answer", *edits)


def _digits(*edits):
    return _changed("train_digits_answer", *edits)


def _paired(body):
    return {"paired_summary_answer": "def paired_summary(a, b):\n    d = np.asarray(a) - np.asarray(b)\n" + body}


def _diagnosis(a, b):
    return {"diagnosis_answer": "def diagnosis():\n    return (%r, %r)\n" % (a, b)}


# Submissions that must not earn the accuracy parts, whatever their accuracy would be.
_NEAREST_NEIGHBOUR = '''def train_digits(x_train, y_train, seed):
    # 1-nearest-neighbour: no training; it can only return predicted labels, not a network
    x_train = np.asarray(x_train, dtype=np.float64)
    sq = np.sum(x_train ** 2, axis=1)
    return lambda x: y_train[np.argmin(sq[None, :] - 2 * x @ x_train.T, axis=1)]
'''

_NEAREST_NEIGHBOUR_LABELS = '''def train_digits(x_train, y_train, seed):
    # 1-nearest-neighbour on the training images themselves: 100 % on them, but labels, not (W, b)
    x_train = np.asarray(x_train, dtype=np.float64)
    sq = np.sum(x_train ** 2, axis=1)
    d = sq[:, None] + sq[None, :] - 2 * x_train @ x_train.T
    return np.asarray(y_train)[np.argmin(d, axis=1)]
'''

_SOFTMAX_REGRESSION = '''def train_digits(x_train, y_train, seed):
    # softmax regression: no hidden layer, returned as the one (W, b) pair it has
    return train_network(x_train, y_train, [64, 10], "relu", seed, lr=0.5, epochs=40)
'''

_SOFTMAX_REGRESSION_PACKED = '''def train_digits(x_train, y_train, seed):
    # softmax regression packed into the stated 64-64-64-10 layers: identity weights and a bias of
    # 10 keep every ReLU in its linear part, so the network is still linear in x
    W, b = train_network(x_train, y_train, [64, 10], "relu", seed, lr=0.5, epochs=40)[0]
    eye, shift = np.eye(64), 10.0 * np.ones(64)
    return [(eye, shift), (eye, np.zeros(64)), (W, b - 10.0 * W.sum(axis=0))]
'''

_UNTRAINED = '''def train_digits(x_train, y_train, seed):
    # no training at all: the network as init_params makes it
    return init_params([64, 64, 64, 10], "relu", np.random.default_rng(seed))
'''

MUTANTS = {
    "softmax_cross_entropy_gradient_is_p_minus_y": {
        "gradient_without_the_1_over_n": _ce(("    return loss, dlogits / n", "    return loss, dlogits")),
        "gradient_y_minus_p": _ce(("    dlogits[rows, y] -= 1.0\n    return loss, dlogits / n",
                                   "    dlogits[rows, y] -= 1.0\n    return loss, -dlogits / n")),
        "gradient_is_p_only": _ce(("    dlogits[rows, y] -= 1.0\n", "")),
        "loss_is_a_sum_not_a_mean": _ce(("    loss = -float(np.mean(log_p[rows, y]))",
                                         "    loss = -float(np.sum(log_p[rows, y]))")),
        "log_of_softmax_underflows": _ce((
            "    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))",
            "    log_p = np.log(np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True))")),
        "no_max_subtraction_overflows": _ce((
            "    shifted = logits - logits.max(axis=1, keepdims=True)", "    shifted = logits")),
        "gradient_uses_one_hot_of_the_wrong_row": _ce(("    dlogits[rows, y] -= 1.0",
                                                        "    dlogits[rows, y[::-1]] -= 1.0")),
    },
    "loss_and_grads_match_finite_differences": {
        "relu_derivative_one_at_zero": _lg(("(zs[i - 1] > 0.0)", "(zs[i - 1] >= 0.0)")),
        "tanh_derivative_from_z_not_h": _lg(("1.0 - hs[i] ** 2", "1.0 - zs[i - 1] ** 2")),
        "l2_also_on_the_biases": _lg(("(hs[i].T @ d + l2 * W, d.sum(axis=0))",
                                      "(hs[i].T @ d + l2 * W, d.sum(axis=0) + l2 * params[i][1])")),
        "l2_gradient_twice_too_large": _lg(("hs[i].T @ d + l2 * W", "hs[i].T @ d + 2 * l2 * W")),
        "l2_missing_from_the_loss": _lg(("    loss += 0.5 * l2 * sum(float(np.sum(W * W)) for W, _ in params)\n", "")),
        "weight_gradient_from_the_wrong_layer_input": _lg(("(hs[i].T @ d", "(hs[max(i - 1, 0)].T @ d")),
        "backprop_skips_the_activation_slope": _lg(("            d = (d @ W.T) * slope", "            d = d @ W.T")),
        "bias_gradient_is_the_mean": _lg(("d.sum(axis=0))", "d.mean(axis=0))")),
    },
    "initial_loss_is_ln_10": {
        "output_layer_not_scaled_down": _init((
            "        if i == len(sizes) - 2:\n"
            "            std *= 0.01  # a small output layer: logits near 0, so the first loss is near ln 10\n", "")),
        "standard_normal_weights": _init((
            "        std = np.sqrt((2.0 if activation == \"relu\" else 1.0) / n_in)  # He for ReLU, LeCun for tanh",
            "        std = 1.0")),
        "output_scaled_only_for_relu": _init(("        if i == len(sizes) - 2:",
                                              "        if i == len(sizes) - 2 and activation == \"relu\":")),
        "random_biases": _init(("np.zeros(n_out)", "rng.normal(0.0, 1.0, n_out)")),
        "transposed_weights": _init(("size=(n_in, n_out)", "size=(n_out, n_in)")),
        "drops_the_output_layer": _init(("zip(sizes[:-1], sizes[1:])", "zip(sizes[:-2], sizes[1:-1])")),
    },
    "deep_network_gradients_stay_within_a_factor_of_5": {
        "weight_gradient_norms_instead": _norms((
            "        dh = d @ params[i][0].T\n        norms[i] = np.linalg.norm(dh)",
            "        dh = d @ params[i][0].T\n        norms[i] = np.linalg.norm(hs[i].T @ d)")),
        "preactivation_gradient_norms_instead": _norms((
            "        dh = d @ params[i][0].T\n        norms[i] = np.linalg.norm(dh)",
            "        dh = d @ params[i][0].T\n        norms[i] = np.linalg.norm(d)")),
        "squared_norms": _norms(("        norms[i] = np.linalg.norm(dh)", "        norms[i] = np.sum(dh ** 2)")),
        "glorot_weights_for_relu": {
            **_norms(("    params = init_params(sizes, activation, np.random.default_rng(seed))",
                      "    rng = np.random.default_rng(seed)\n"
                      "    params = [(rng.normal(0.0, np.sqrt(2.0 / (a + b)), (a, b)), np.zeros(b))\n"
                      "              for a, b in zip(sizes[:-1], sizes[1:])]"))},
        "weights_of_scale_0_01": _norms((
            "    params = init_params(sizes, activation, np.random.default_rng(seed))",
            "    rng = np.random.default_rng(seed)\n"
            "    params = [(rng.normal(0.0, 0.01, (a, b)), np.zeros(b)) for a, b in zip(sizes[:-1], sizes[1:])]")),
        "first_layer_first_reversed": _norms(("    return norms\n", "    return norms[::-1]\n")),
    },
    "small_subset_is_overfitted": {
        "returns_predictions_not_parameters": _train((
            "    return train_network(x, y, [64, 64, 64, 10], \"relu\", seed, lr=0.1, epochs=100, batch_size=10)",
            "    params = train_network(x, y, [64, 64, 64, 10], \"relu\", seed, lr=0.1, epochs=100, batch_size=10)\n"
            "    h = x\n    for W, b in params[:-1]:\n        h = np.maximum(h @ W + b, 0.0)\n"
            "    return np.argmax(h @ params[-1][0] + params[-1][1], axis=1)")),
        "too_few_epochs": _train(("epochs=100, batch_size=10)", "epochs=2, batch_size=10)")),
        "gradient_ascent": _train(("(W - lr * dW, b - lr * db)", "(W + lr * dW, b + lr * db)")),
        "never_updates_the_parameters": _train((
            "            params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]",
            "            for (W, b), (dW, db) in zip(params, grads):\n                W = W - lr * dW")),
        "strong_l2": _train(("epochs=100, batch_size=10)", "epochs=100, batch_size=10, l2=0.5)")),
        "labels_not_shuffled_with_images": _train(("loss_and_grads(params, x[idx], y[idx]",
                                                   "loss_and_grads(params, x[idx], y[start:start + batch_size]")),
        "no_hidden_layer": _train(("[64, 64, 64, 10], \"relu\", seed, lr=0.1, epochs=100",
                                   "[64, 10], \"relu\", seed, lr=0.1, epochs=100")),
        "nearest_neighbour_labels": {"train_network_answer": _ANSWERS["train_network_answer"].split(
            "def overfit_small_subset")[0] + _NEAREST_NEIGHBOUR_LABELS.replace(
                "def train_digits(x_train, y_train, seed)", "def overfit_small_subset(x_train, y_train, seed)")},
    },
    "digits_and_negatives_are_classified": {
        "nearest_neighbour_predictor": {"train_digits_answer": _NEAREST_NEIGHBOUR},
        "nearest_neighbour_labels": {"train_digits_answer": _NEAREST_NEIGHBOUR_LABELS},
        "no_hidden_layer_softmax_regression": {"train_digits_answer": _SOFTMAX_REGRESSION},
        "softmax_regression_packed_into_the_stated_layers": {"train_digits_answer": _SOFTMAX_REGRESSION_PACKED},
        "untrained_network": {"train_digits_answer": _UNTRAINED},
        "tanh_network_graded_as_relu": _digits(("[64, 64, 64, 10], \"relu\", seed", "[64, 64, 64, 10], \"tanh\", seed")),
        "one_epoch_at_a_tiny_learning_rate": _digits(("lr=0.1, epochs=20", "lr=0.001, epochs=1")),
        "far_too_large_learning_rate": _digits(("lr=0.1, epochs=20", "lr=20.0, epochs=20")),
    },
    "paired_summary_of_seeds": {
        "population_standard_deviation": _paired("    return float(d.mean()), float(d.std() / np.sqrt(d.size)), int(np.sum(d > 0))\n"),
        "standard_deviation_not_error": _paired("    return float(d.mean()), float(d.std(ddof=1)), int(np.sum(d > 0))\n"),
        "divides_by_n_not_root_n": _paired("    return float(d.mean()), float(d.std(ddof=1) / d.size), int(np.sum(d > 0))\n"),
        "ties_count_as_wins": _paired("    return float(d.mean()), float(d.std(ddof=1) / np.sqrt(d.size)), int(np.sum(d >= 0))\n"),
        "b_minus_a": _paired("    return float(-d.mean()), float(d.std(ddof=1) / np.sqrt(d.size)), int(np.sum(d < 0))\n"),
        "unpaired_standard_error": _paired(
            "    se = np.sqrt(np.var(a, ddof=1) / len(a) + np.var(b, ddof=1) / len(b))\n"
            "    return float(d.mean()), float(se), int(np.sum(d > 0))\n"),
    },
    "broken_runs_are_diagnosed": {
        "zero_weights_and_sign": _diagnosis("weights_initialised_to_zero", "gradient_sign_flipped"),
        "too_small_and_sign": _diagnosis("learning_rate_too_small", "gradient_sign_flipped"),
        "never_updated_and_too_large": _diagnosis("parameters_never_updated", "learning_rate_too_large"),
        "swapped": _diagnosis("gradient_sign_flipped", "parameters_never_updated"),
        "never_updated_and_labels": _diagnosis("parameters_never_updated", "labels_shuffled_separately"),
        "too_small_and_too_large": _diagnosis("learning_rate_too_small", "learning_rate_too_large"),
    },
}

# Correct answers written the ways learners write them; each must earn full marks.
CORRECT = {
    "softmax_cross_entropy_answer": {
        "logaddexp_reduce": '''def softmax_cross_entropy(logits, y):
    n = len(y)
    lse = np.logaddexp.reduce(logits, axis=1)
    loss = float(np.mean(lse - logits[np.arange(n), y]))
    grad = np.exp(logits - lse[:, None])
    grad[np.arange(n), y] -= 1
    return loss, grad / n
''',
        "softmax_helper_and_one_hot": '''def softmax_cross_entropy(logits, y):
    m = np.max(logits, axis=1, keepdims=True)
    log_z = m[:, 0] + np.log(np.sum(np.exp(logits - m), axis=1))
    picked = logits[np.arange(logits.shape[0]), y]
    loss = np.mean(log_z - picked)
    return loss, (softmax(logits) - one_hot(y, logits.shape[1])) / logits.shape[0]
''',
        "python_loop_over_rows": '''def softmax_cross_entropy(logits, y):
    N, K = logits.shape
    total = 0.0
    grad = np.zeros((N, K))
    for n in range(N):
        row = logits[n] - np.max(logits[n])
        log_sum = np.log(np.sum(np.exp(row)))
        total += log_sum - row[y[n]]
        grad[n] = np.exp(row - log_sum)
        grad[n, y[n]] -= 1.0
    return total / N, grad / N
''',
    },
    "loss_and_grads_answer": {
        "cache_of_dicts": '''def loss_and_grads(params, x, y, activation="relu", l2=0.0):
    caches = []
    h = x
    L = len(params)
    for l, (W, b) in enumerate(params):
        z = h @ W + b
        caches.append({"input": h, "z": z})
        if l < L - 1:
            h = np.where(z > 0, z, 0.0) if activation == "relu" else np.tanh(z)
    loss, dz = softmax_cross_entropy(z, y)
    for W, _ in params:
        loss = loss + l2 / 2 * np.sum(W ** 2)
    grads = []
    for l in reversed(range(L)):
        W = params[l][0]
        grads.append((caches[l]["input"].T @ dz + l2 * W, np.sum(dz, axis=0)))
        if l > 0:
            dh = dz @ W.T
            zp = caches[l - 1]["z"]
            dz = dh * np.heaviside(zp, 0.0) if activation == "relu" else dh * (1 - np.tanh(zp) ** 2)
    return loss, grads[::-1]
''',
        "recursive_layers": '''def _act(z, activation):
    return np.maximum(z, 0) if activation == "relu" else np.tanh(z)


def _act_slope(z, activation):
    if activation == "relu":
        return (z > 0).astype(float)
    return 1.0 / np.cosh(z) ** 2


def _backprop(params, h, y, activation):
    (W, b), rest = params[0], params[1:]
    z = h @ W + b
    if not rest:
        loss, dz = softmax_cross_entropy(z, y)
    else:
        loss, dh, tail = _backprop(rest, _act(z, activation), y, activation)
        dz = dh * _act_slope(z, activation)
        return loss, dz @ W.T, [(h.T @ dz, dz.sum(0))] + tail
    return loss, dz @ W.T, [(h.T @ dz, dz.sum(0))]


def loss_and_grads(params, x, y, activation="relu", l2=0.0):
    loss, _, grads = _backprop(list(params), np.asarray(x, float), y, activation)
    penalty = sum((W * W).sum() for W, b in params)
    return loss + 0.5 * l2 * penalty, [(dW + l2 * W, db) for (dW, db), (W, b) in zip(grads, params)]
''',
        "einsum_and_explicit_lists": '''def loss_and_grads(params, x, y, activation="relu", l2=0.0):
    inputs, pre = [], []
    a = np.array(x, dtype=float)
    for i in range(len(params)):
        W, b = params[i]
        inputs.append(a)
        z = np.einsum("nd,dk->nk", a, W) + b
        pre.append(z)
        if i + 1 < len(params):
            a = z.copy()
            if activation == "relu":
                a[a < 0] = 0.0
            else:
                a = np.tanh(a)
    ce, g = softmax_cross_entropy(pre[-1], y)
    reg = 0.0
    for W, b in params:
        reg += np.einsum("ij,ij->", W, W)
    dWs, dbs = [], []
    for i in range(len(params) - 1, -1, -1):
        W = params[i][0]
        dWs.insert(0, np.einsum("nd,nk->dk", inputs[i], g) + l2 * W)
        dbs.insert(0, g.sum(axis=0))
        if i > 0:
            back = np.einsum("nk,dk->nd", g, W)
            if activation == "relu":
                g = back * (pre[i - 1] > 0)
            else:
                g = back * (1.0 - inputs[i] ** 2)
    return ce + l2 * reg / 2, list(zip(dWs, dbs))
''',
    },
    "init_params_answer": {
        "uniform_he_and_glorot": '''def init_params(sizes, activation, rng):
    layers = []
    last = len(sizes) - 2
    for l in range(len(sizes) - 1):
        fan_in, fan_out = sizes[l], sizes[l + 1]
        limit = np.sqrt(6.0 / fan_in) if activation == "relu" else np.sqrt(6.0 / (fan_in + fan_out))
        W = rng.uniform(-limit, limit, size=(fan_in, fan_out))
        if l == last:
            W = W * 0.001
        layers.append((W, np.zeros(fan_out)))
    return layers
''',
        "standard_normal_times_gain": '''def init_params(sizes, activation, rng):
    gain = np.sqrt(2.0) if activation == "relu" else 1.0
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params.append([gain * rng.standard_normal((n_in, n_out)) / np.sqrt(n_in), np.zeros(n_out)])
    params[-1][0] = params[-1][0] / 100
    return [tuple(p) for p in params]
''',
        "scale_table_and_index_loop": '''def init_params(sizes, activation, rng):
    gain = {"relu": 2.0, "tanh": 1.0}[activation]
    params = []
    for i in range(len(sizes) - 1):
        W = rng.normal(loc=0.0, scale=np.sqrt(gain / sizes[i]), size=(sizes[i], sizes[i + 1]))
        if i == len(sizes) - 2:
            W *= 0.005
        params.append((W, np.zeros(sizes[i + 1])))
    return params
''',
    },
    "gradient_norms_answer": {
        "reuses_a_cache": '''def _forward_cache(params, x, activation):
    hs, zs = [x], []
    for i, (W, b) in enumerate(params):
        z = hs[-1] @ W + b
        zs.append(z)
        if i < len(params) - 1:
            hs.append(np.maximum(z, 0) if activation == "relu" else np.tanh(z))
    return hs, zs


def input_gradient_norms(params, x, y, activation):
    hs, zs = _forward_cache(params, np.asarray(x, float), activation)
    _, dz = softmax_cross_entropy(zs[-1], y)
    out = []
    for i in reversed(range(len(params))):
        dh = dz @ params[i][0].T
        out.append(np.sqrt(np.sum(dh * dh)))
        if i:
            dz = dh * (zs[i - 1] > 0) if activation == "relu" else dh * (1 - hs[i] ** 2)
    return np.array(out[::-1])


def gradient_norms_at_init(x, y, sizes, activation, seed):
    rng = np.random.default_rng(seed)
    return input_gradient_norms(init_params(sizes, activation, rng), x, y, activation)
''',
        "list_of_norms_via_zero_biases": '''def input_gradient_norms(params, x, y, activation):
    # the gradient with respect to a layer's input is d(loss)/d(z) @ W.T: collect it layer by layer
    acts, pres = [], []
    h = x
    for W, b in params:
        acts.append(h)
        z = h @ W + b
        pres.append(z)
        h = np.maximum(z, 0.0) if activation == "relu" else np.tanh(z)
    _, g = softmax_cross_entropy(pres[-1], y)
    norms = []
    for l in range(len(params) - 1, -1, -1):
        back = g @ params[l][0].T
        norms.append(float(np.linalg.norm(back.ravel())))
        if l > 0:
            slope = np.where(pres[l - 1] > 0, 1.0, 0.0) if activation == "relu" else 1 - np.tanh(pres[l - 1]) ** 2
            g = back * slope
    norms.reverse()
    return np.array(norms)


def gradient_norms_at_init(x, y, sizes, activation, seed):
    params = init_params(list(sizes), activation, np.random.default_rng(seed))
    return input_gradient_norms(params, x, y, activation)
''',
        "while_loop": '''def input_gradient_norms(params, x, y, activation):
    h = [np.array(x, dtype=float)]
    z = []
    for W, b in params:
        z.append(h[-1] @ W + b)
        h.append(np.tanh(z[-1]) if activation == "tanh" else np.clip(z[-1], 0, None))
    delta = softmax_cross_entropy(z[-1], y)[1]
    l = len(params) - 1
    result = np.empty(len(params))
    while l >= 0:
        g = delta @ params[l][0].T
        result[l] = np.linalg.norm(g, "fro")
        if l > 0:
            delta = g * ((1 - h[l] ** 2) if activation == "tanh" else (z[l - 1] > 0))
        l -= 1
    return result


def gradient_norms_at_init(x, y, sizes, activation, seed):
    net = init_params(sizes, activation, np.random.default_rng(seed))
    return input_gradient_norms(net, x, y, activation)
''',
    },
    "train_network_answer": {
        "index_loop_and_in_place_updates": '''def train_network(x, y, sizes, activation, seed, lr=0.1, epochs=20, batch_size=32, l2=0.0):
    rng = np.random.default_rng(seed)
    params = [(W.copy(), b.copy()) for W, b in init_params(sizes, activation, rng)]
    for _ in range(epochs):
        perm = rng.permutation(x.shape[0])
        xs, ys = x[perm], y[perm]
        for i in range(0, len(xs), batch_size):
            loss, grads = loss_and_grads(params, xs[i:i + batch_size], ys[i:i + batch_size], activation, l2)
            for (W, b), (dW, db) in zip(params, grads):
                W -= lr * dW
                b -= lr * db
    return params


def overfit_small_subset(x, y, seed):
    return train_network(x, y, [64, 64, 64, 10], "relu", seed, lr=0.2, epochs=80, batch_size=8)
''',
        "array_split_full_batches": '''def train_network(x, y, sizes, activation, seed, lr=0.1, epochs=20, batch_size=32, l2=0.0):
    rng = np.random.default_rng(seed)
    net = init_params(sizes, activation, rng)
    n_batches = max(1, int(np.ceil(len(x) / batch_size)))
    for epoch in range(epochs):
        for idx in np.array_split(rng.permutation(len(x)), n_batches):
            _, g = loss_and_grads(net, x[idx], y[idx], activation=activation, l2=l2)
            net = [(p[0] - lr * q[0], p[1] - lr * q[1]) for p, q in zip(net, g)]
    return net


def overfit_small_subset(x, y, seed):
    # full-batch gradient descent until every image is right
    return train_network(x, y, [64, 64, 64, 10], "relu", seed, lr=0.5, epochs=300, batch_size=len(x))
''',
        "stops_when_all_correct": '''def _predict(params, x):
    h = x
    for W, b in params[:-1]:
        h = np.maximum(0, h @ W + b)
    return (h @ params[-1][0] + params[-1][1]).argmax(axis=1)


def train_network(x, y, sizes, activation, seed, lr=0.1, epochs=20, batch_size=32, l2=0.0):
    rng = np.random.default_rng(seed)
    params = init_params(sizes, activation, rng)
    for epoch in range(epochs):
        order = rng.permutation(len(y))
        start = 0
        while start < len(y):
            batch = order[start:start + batch_size]
            start += batch_size
            _, grads = loss_and_grads(params, x[batch], y[batch], activation, l2)
            params = [(W - lr * gW, b - lr * gb) for (W, b), (gW, gb) in zip(params, grads)]
    return params


def overfit_small_subset(x, y, seed):
    params = init_params([64, 64, 64, 10], "relu", np.random.default_rng(seed))
    for rounds in range(20):
        params = train_network(x, y, [64, 64, 64, 10], "relu", seed + rounds, lr=0.1, epochs=25, batch_size=16) \\
            if rounds == 0 else _continue(params, x, y, seed + rounds)
        if np.all(_predict(params, x) == y):
            break
    return params


def _continue(params, x, y, seed):
    rng = np.random.default_rng(seed)
    for epoch in range(25):
        for batch in np.array_split(rng.permutation(len(y)), max(1, len(y) // 16)):
            _, grads = loss_and_grads(params, x[batch], y[batch], "relu", 0.0)
            params = [(W - 0.1 * gW, b - 0.1 * gb) for (W, b), (gW, gb) in zip(params, grads)]
    return params
''',
    },
    "train_digits_answer": {
        "more_epochs_no_l2": '''def train_digits(x_train, y_train, seed):
    return train_network(x_train, y_train, [64, 64, 64, 10], "relu", seed, lr=0.05, epochs=30, batch_size=32)
''',
        "own_loop_with_decay": '''def train_digits(x_train, y_train, seed):
    rng = np.random.default_rng(seed)
    params = init_params([64, 64, 64, 10], "relu", rng)
    lr = 0.2
    for epoch in range(25):
        order = rng.permutation(len(x_train))
        for s in range(0, len(order), 32):
            b = order[s:s + 32]
            _, grads = loss_and_grads(params, x_train[b], y_train[b], "relu", 1e-4)
            params = [(W - lr * dW, c - lr * dc) for (W, c), (dW, dc) in zip(params, grads)]
        lr *= 0.95
    return params
''',
        "centred_inputs_folded_into_the_first_layer": '''def train_digits(x_train, y_train, seed):
    # train on centred pixels, then fold the centring into the first layer's bias
    x = np.asarray(x_train, dtype=float)
    mean = x.mean(axis=0)
    params = train_network(x - mean, y_train, [64, 64, 64, 10], "relu", seed, lr=0.1, epochs=15, batch_size=32)
    (W1, b1), rest = params[0], params[1:]
    return [(W1, b1 - mean @ W1)] + list(rest)
''',
    },
    "paired_summary_answer": {
        "statistics_module": '''import statistics


def paired_summary(a, b):
    d = [float(p) - float(q) for p, q in zip(a, b)]
    return statistics.mean(d), statistics.stdev(d) / len(d) ** 0.5, sum(1 for v in d if v > 0)
''',
        "by_hand": '''def paired_summary(a, b):
    diffs = np.array(a, dtype=float) - np.array(b, dtype=float)
    n = len(diffs)
    mean = diffs.sum() / n
    var = ((diffs - mean) ** 2).sum() / (n - 1)
    return mean, np.sqrt(var / n), np.count_nonzero(diffs > 0)
''',
        "numpy_scalars": '''def paired_summary(a, b):
    d = np.subtract(a, b)
    return np.mean(d), np.std(d, ddof=1) / np.sqrt(len(d)), (d > 0).sum()
''',
    },
    "diagnosis_answer": {
        "list_of_names": '''def diagnosis():
    return ["parameters_never_updated", "gradient_sign_flipped"]
''',
        "from_the_causes_tuple": '''def diagnosis():
    return CAUSES[0], CAUSES[4]
''',
        "with_spaces_and_capitals": '''def diagnosis():
    cause_a = " Parameters_never_updated"
    cause_b = "gradient_sign_flipped "
    return (cause_a, cause_b)
''',
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "softmax_cross_entropy_gradient_is_p_minus_y": {
        "log_of_softmax_underflows": {
            "answers": MUTANTS["softmax_cross_entropy_gradient_is_p_minus_y"]["log_of_softmax_underflows"],
            "says": "log-sum-exp"},
        "gradient_without_the_1_over_n": {
            "answers": MUTANTS["softmax_cross_entropy_gradient_is_p_minus_y"]["gradient_without_the_1_over_n"],
            "says": "factor 1/N"},
    },
    "loss_and_grads_match_finite_differences": {
        "relu_derivative_one_at_zero": {
            "answers": MUTANTS["loss_and_grads_match_finite_differences"]["relu_derivative_one_at_zero"],
            "says": "ReLU'(0) = 0"},
        "l2_also_on_the_biases": {
            "answers": MUTANTS["loss_and_grads_match_finite_differences"]["l2_also_on_the_biases"],
            "says": "biases get no L2 penalty"},
    },
    "initial_loss_is_ln_10": {
        "output_layer_not_scaled_down": {
            "answers": MUTANTS["initial_loss_is_ln_10"]["output_layer_not_scaled_down"],
            "says": "within 0.02 of ln 10"},
    },
    "deep_network_gradients_stay_within_a_factor_of_5": {
        "glorot_weights_for_relu": {
            "answers": MUTANTS["deep_network_gradients_stay_within_a_factor_of_5"]["glorot_weights_for_relu"],
            "says": "within a factor 5"},
        "weight_gradient_norms_instead": {
            "answers": MUTANTS["deep_network_gradients_stay_within_a_factor_of_5"]["weight_gradient_norms_instead"],
            "says": "each layer's input"},
    },
    "small_subset_is_overfitted": {
        "returns_predictions_not_parameters": {
            "answers": MUTANTS["small_subset_is_overfitted"]["returns_predictions_not_parameters"],
            "says": "return the (W, b) pairs"},
    },
    "digits_and_negatives_are_classified": {
        "softmax_regression_packed_into_the_stated_layers": {
            "answers": MUTANTS["digits_and_negatives_are_classified"]["softmax_regression_packed_into_the_stated_layers"],
            "says": "a network without hidden layers cannot classify both"},
    },
    "paired_summary_of_seeds": {
        "population_standard_deviation": {
            "answers": MUTANTS["paired_summary_of_seeds"]["population_standard_deviation"],
            "says": "uses n - 1"},
    },
}
