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
