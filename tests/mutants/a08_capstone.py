"""Plausible wrong answers to assignment 8 (capstone), each expected to lose its part's points.

The train_and_predict mutants are the instructor's answer with one deliberate change each, so
they stay in step with the notebook; each change must apply exactly once.
"""

from tests.grading.notebooks import source_answers

ASSIGNMENT = "08-capstone"
NOTEBOOK = "capstone.ipynb"

_REFERENCE = source_answers(ASSIGNMENT, NOTEBOOK)["train_and_predict_answer"]


def _changed(*edits):
    """The reference train_and_predict with each (old, new) text replaced once."""
    code = _REFERENCE
    for old, new in edits:
        assert code.count(old) == 1, "mutant edit does not apply exactly once: %r" % old
        code = code.replace(old, new)
    return {"train_and_predict_answer": code}


def _acc(body):
    return {"accuracy_answer": "def accuracy(y_true, y_pred):\n"
                               "    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)\n" + body}


_RETURN = "    return np.argmax(h_test @ W2 + b2, axis=1)"

MUTANTS = {
    "accuracy_is_fraction_correct": {
        "error_rate_instead": _acc("    return float(np.mean(y_true != y_pred))\n"),
        "count_not_fraction": _acc("    return float(np.sum(y_true == y_pred))\n"),
        "percentage": _acc("    return 100.0 * float(np.mean(y_true == y_pred))\n"),
        "denominator_off_by_one": _acc("    return float(np.sum(y_true == y_pred)) / (len(y_true) + 1)\n"),
        "divides_by_number_of_classes": _acc("    return float(np.sum(y_true == y_pred)) / len(np.unique(y_true))\n"),
        "integer_division": _acc("    return np.sum(y_true == y_pred) // len(y_true)\n"),
        "compares_sorted_labels": _acc("    return float(np.mean(np.sort(y_true) == np.sort(y_pred)))\n"),
    },
    "train_and_predict_generalises": {
        "predicts_a_constant_class": _changed((_RETURN, "    return np.zeros(len(x_test), dtype=np.int64)")),
        "returns_probabilities": _changed((_RETURN, "    return softmax(h_test @ W2 + b2)")),
        "no_standardisation_same_learning_rate": _changed(
            ("    xs_train = (x_train - mean) / std", "    xs_train = x_train"),
            ("    xs_test = (x_test - mean) / std", "    xs_test = x_test")),
        "trains_zero_epochs": _changed(("lr, n_epochs, batch_size = 0.1, 30, 32", "lr, n_epochs, batch_size = 0.1, 0, 32")),
        "argmax_over_the_wrong_axis": _changed((_RETURN, "    return np.argmax(h_test @ W2 + b2, axis=0)")),
        "test_set_standardised_with_its_own_statistics": _changed(
            ("    xs_test = (x_test - mean) / std",
             "    test_std = x_test.std(axis=0)\n    test_std[test_std == 0.0] = 1.0\n"
             "    xs_test = (x_test - x_test.mean(axis=0)) / test_std")),
        "labels_off_by_one": _changed((_RETURN, "    return np.argmax(h_test @ W2 + b2, axis=1) + 1")),
        "shuffles_images_but_not_labels": _changed(
            ("xb, tb = xs_train[idx], targets[idx]", "xb, tb = xs_train[idx], targets[start:start + batch_size]")),
        "gradient_ascent": _changed(("            W1 -= lr * dW1\n            b1 -= lr * db1\n"
                                     "            W2 -= lr * dW2\n            b2 -= lr * db2",
                                     "            W1 += lr * dW1\n            b1 += lr * db1\n"
                                     "            W2 += lr * dW2\n            b2 += lr * db2")),
        "learning_rate_far_too_large": _changed(("lr, n_epochs, batch_size = 0.1, 30, 32", "lr, n_epochs, batch_size = 50.0, 30, 32")),
    },
}


_TANH_GLOROT = '''def train_and_predict(x_train, y_train, x_test, seed):
    rng = np.random.default_rng(seed)
    mu = x_train.mean(axis=0)
    sd = x_train.std(axis=0)
    sd = np.where(sd == 0, 1.0, sd)
    xtr, xte = (x_train - mu) / sd, (x_test - mu) / sd
    a1 = np.sqrt(6 / (64 + 64))
    a2 = np.sqrt(6 / (64 + 10))
    W1, b1 = rng.uniform(-a1, a1, (64, 64)), np.zeros(64)
    W2, b2 = rng.uniform(-a2, a2, (64, 10)), np.zeros(10)
    Y = one_hot(y_train)
    for epoch in range(30):
        order = rng.permutation(len(xtr))
        for i in range(0, len(order), 32):
            batch = order[i:i + 32]
            h = np.tanh(xtr[batch] @ W1 + b1)
            ds = (softmax(h @ W2 + b2) - Y[batch]) / len(batch)
            dz = ds @ W2.T * (1 - h ** 2)
            W2 -= 0.1 * h.T @ ds
            b2 -= 0.1 * ds.sum(axis=0)
            W1 -= 0.1 * xtr[batch].T @ dz
            b1 -= 0.1 * dz.sum(axis=0)
    return np.argmax(np.tanh(xte @ W1 + b1) @ W2 + b2, axis=1)
'''

_LEAKY_HELPERS = '''def _standardiser(x):
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    return lambda v: (v - mean) / std


def _leaky(z):
    return np.where(z > 0, z, 0.01 * z)


def train_and_predict(x_train, y_train, x_test, seed):
    rng = np.random.default_rng(seed)
    scale = _standardiser(x_train)
    x, xt = scale(x_train), scale(x_test)
    n_hidden = 100
    params = {"W1": rng.standard_normal((64, n_hidden)) * np.sqrt(2 / 64), "b1": np.zeros(n_hidden),
              "W2": rng.standard_normal((n_hidden, 10)) * np.sqrt(2 / n_hidden), "b2": np.zeros(10)}
    Y = one_hot(y_train, 10)
    for epoch in range(25):
        perm = rng.permutation(x.shape[0])
        for start in range(0, x.shape[0], 50):
            idx = perm[start:start + 50]
            z = x[idx] @ params["W1"] + params["b1"]
            h = _leaky(z)
            ds = (softmax(h @ params["W2"] + params["b2"]) - Y[idx]) / len(idx)
            dz = (ds @ params["W2"].T) * np.where(z > 0, 1.0, 0.01)
            grads = {"W1": x[idx].T @ dz, "b1": dz.sum(0), "W2": h.T @ ds, "b2": ds.sum(0)}
            for k in params:
                params[k] = params[k] - 0.15 * grads[k]
    logits = _leaky(xt @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    return logits.argmax(axis=1).astype(int)
'''

_EINSUM_RELU = '''def train_and_predict(x_train, y_train, x_test, seed):
    rng = np.random.default_rng(seed)
    X = np.array(x_train, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    std[std == 0.0] = 1.0
    X = (X - mean) / std
    Xt = (np.array(x_test, dtype=float) - mean) / std
    W1 = rng.normal(0.0, np.sqrt(2.0 / 64), size=(64, 48))
    b1 = np.zeros(48)
    W2 = rng.normal(0.0, np.sqrt(2.0 / 48), size=(48, 10))
    b2 = np.zeros(10)
    T = np.eye(10)[y_train]
    lr = 0.08
    for epoch in range(35):
        for idx in np.array_split(rng.permutation(len(X)), int(np.ceil(len(X) / 32))):
            z = np.einsum("nd,dh->nh", X[idx], W1) + b1
            h = np.maximum(z, 0)
            p = softmax(np.einsum("nh,hk->nk", h, W2) + b2)
            g = (p - T[idx]) / len(idx)
            gz = np.einsum("nk,hk->nh", g, W2) * (z > 0)
            W2 -= lr * np.einsum("nh,nk->hk", h, g)
            b2 -= lr * g.sum(axis=0)
            W1 -= lr * np.einsum("nd,nh->dh", X[idx], gz)
            b1 -= lr * gz.sum(axis=0)
    return np.argmax(np.maximum(Xt @ W1 + b1, 0) @ W2 + b2, axis=1)
'''

# Correct answers written the ways learners write them; each must earn full marks.
CORRECT = {
    "accuracy_answer": {
        "count_nonzero": "def accuracy(y_true, y_pred):\n    return np.count_nonzero(y_true == y_pred) / y_true.size\n",
        "python_loop": ("def accuracy(y_true, y_pred):\n    right = 0\n    for a, b in zip(y_true, y_pred):\n"
                        "        if a == b:\n            right += 1\n    return right / len(y_true)\n"),
        "sum_over_length": "def accuracy(y_true, y_pred):\n    return float(np.sum(y_true == y_pred) / len(y_true))\n",
    },
    "train_and_predict_answer": {
        "tanh_with_glorot": _TANH_GLOROT,
        "leaky_relu_with_helpers": _LEAKY_HELPERS,
        "relu_with_einsum": _EINSUM_RELU,
    },
}

# Pitfalls the assignment warns about in words: each loses its part's points and already fails
# a visible check whose message contains ``says``.
PITFALLS = {
    "train_and_predict_generalises": {
        "test_set_standardised_with_its_own_statistics": {
            "answers": _changed(("    xs_test = (x_test - mean) / std",
                                 "    test_std = x_test.std(axis=0)\n    test_std[test_std == 0.0] = 1.0\n"
                                 "    xs_test = (x_test - x_test.mean(axis=0)) / test_std")),
            "says": "must not depend on the rest of x_test"},
        "shuffles_images_but_not_labels": {
            "answers": _changed(("xb, tb = xs_train[idx], targets[idx]",
                                 "xb, tb = xs_train[idx], targets[start:start + batch_size]")),
            "says": "shuffle images and labels together"},
        "no_standardisation": {
            "answers": _changed(("    xs_train = (x_train - mean) / std", "    xs_train = x_train"),
                                ("    xs_test = (x_test - mean) / std", "    xs_test = x_test")),
            "says": "standardise with their statistics"},
    },
}
