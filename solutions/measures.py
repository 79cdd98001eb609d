r"""Comparisons that measure what a learner's function returned, instead of matching a value.

:mod:`solutions.checking` uses them for three kinds of check, each returning ``(ok, reason)``:

* :func:`compare_network`: the learner returns a network's parameters ``[(W1, b1), ...]``; the
  grader runs that network itself on held-back inputs and scores its accuracy or its loss, so
  only a network of the stated layer sizes can pass (predictions or a nearest-neighbour rule
  cannot be submitted in its place);
* :func:`compare_ratio`: positive numbers whose largest / smallest stays within a bound;
* :func:`compare_choices`: names, each one of a stated list (not *which* ones).

Everything here runs outside the sandbox, on plain values decoded by
:mod:`solutions.plainvalues`, so it never calls the learner's code.
"""

import numpy as np

from solutions import plainvalues


# Hidden-layer activations of the networks that check_network() evaluates itself.
NETWORK_ACTIVATIONS = {"relu": lambda z: np.maximum(z, 0.0), "tanh": np.tanh}


def _network_layers(params, sizes):
    """``(problem, layers)``: the returned parameters as [(W, b), ...] of the stated sizes."""
    if not isinstance(params, tuple) or len(params) != len(sizes) - 1:
        return "expected a list of %d (W, b) pairs, one per layer, got %s" % (
            len(sizes) - 1, plainvalues.describe(params, 60)), None
    layers = []
    for i, (pair, n_in, n_out) in enumerate(zip(params, sizes[:-1], sizes[1:])):
        if not isinstance(pair, tuple) or len(pair) != 2 or \
                not all(isinstance(a, np.ndarray) for a in pair):
            return "layer %d is not a (W, b) pair of arrays" % (i + 1), None
        W, b = pair
        if W.shape != (n_in, n_out) or b.shape != (n_out,):
            return "layer %d has W of shape %s and b of shape %s; the stated sizes %s need " \
                   "(%d, %d) and (%d,)" % (i + 1, W.shape, b.shape, list(sizes), n_in, n_out,
                                           n_out), None
        if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
            return "layer %d holds NaN or infinity" % (i + 1), None
        layers.append((W.astype(np.float64), b.astype(np.float64)))
    return "", layers


def network_logits(layers, x, activation):
    """Logits of a fully connected network: hidden layers ``activation(h @ W + b)``, then
    a linear output layer. The grader runs this itself on the parameters a learner returns."""
    g = NETWORK_ACTIVATIONS[activation]
    h = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        for W, b in layers[:-1]:
            h = g(h @ W + b)
        return h @ layers[-1][0] + layers[-1][1]


def compare_network(spec, wanted, actual):
    """Parameters of a network: its outputs on the check's inputs ``wanted = (x, y)``, computed
    here. ``spec``: ``sizes``, ``activation`` and either ``accuracy`` or ``loss_within``."""
    problem, layers = _network_layers(actual, spec["sizes"])
    if problem:
        return False, problem
    x, y = wanted
    logits = network_logits(layers, x, spec["activation"])
    if not np.all(np.isfinite(logits)):
        return False, "the network's outputs overflow to infinity or NaN"
    if "accuracy" in spec:
        accuracy = float(np.mean(np.argmax(logits, axis=1) == y))
        if accuracy >= spec["accuracy"]:
            return True, ""
        return False, "the network's accuracy %.3f is below the required %.3f" % (
            accuracy, spec["accuracy"])
    loss = float(np.mean(np.logaddexp.reduce(logits, axis=1) - logits[np.arange(len(y)), y]))
    low, high = spec["loss_within"]
    if low <= loss <= high:
        return True, ""
    return False, "the network's mean cross-entropy %.4f is outside [%.4f, %.4f]" % (loss, low, high)


def compare_ratio(at_most, wanted, actual):
    """Positive numbers of the shape of ``wanted`` whose largest / smallest is at most ``at_most``."""
    if not isinstance(actual, np.ndarray) or actual.shape != wanted.shape:
        return False, "expected %d numbers, your code returned %s" % (
            wanted.size, plainvalues.describe(actual, 60))
    if not np.all(np.isfinite(actual)) or not np.all(actual > 0):
        return False, "every number must be positive and finite"
    ratio = float(actual.max() / actual.min())
    if ratio <= at_most:
        return True, ""
    return False, "largest / smallest is %.3g, more than the allowed %g" % (ratio, at_most)


def compare_choices(wanted, actual):
    """A tuple of ``count`` names, each one of the allowed names (case and spaces ignored)."""
    count, allowed = int(wanted[0]), [str(name) for name in wanted[1:]]
    if not isinstance(actual, tuple) or len(actual) != count or \
            not all(isinstance(a, str) for a in actual):
        return False, "expected %d names, your code returned %s" % (count, plainvalues.describe(actual, 60))
    unknown = [a for a in actual if a.strip().lower() not in allowed]
    if unknown:
        return False, "%r is not one of the allowed names (%s)" % (unknown[0], ", ".join(allowed))
    return True, ""
