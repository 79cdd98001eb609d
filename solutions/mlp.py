r"""A tiny multilayer perceptron with hand-written backpropagation.

Layer :math:`l` computes :math:`z_l = h_{l-1} W_l + b_l` with :math:`h_0 = X`;
hidden layers apply the registry activation, :math:`h_l = f(z_l)`; the output
layer is either linear with a mean-squared-error loss or a softmax with a
cross-entropy loss. Shapes: ``X`` (N, D), ``W_l`` (n_{l-1}, n_l), ``b_l`` (n_l,).

Backpropagation:

.. math:: \delta_L = \frac{\partial \mathcal{L}}{\partial z_L}, \quad
          dW_l = h_{l-1}^\top \delta_l, \quad db_l = \textstyle\sum_n \delta_l, \quad
          \delta_{l-1} = (\delta_l W_l^\top) \odot f'(z_{l-1}),

with the kink convention of :mod:`solutions.activations` for :math:`f'`.

References
----------
Goodfellow, I., Bengio, Y., Courville, A. (2016). Deep Learning. MIT Press, ch. 6.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import as_float_array, check_2d, check_positive_int, check_rng
from .activations import get_activation
from .initialisers import INITIALISERS, bias

__all__ = ["MLP"]

_OUTPUTS = ("linear", "softmax")


def _positive_float(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(value)


class MLP:
    r"""Fully connected network trained with manual backprop and plain SGD.

    Parameters
    ----------
    layer_sizes : list of int
        ``[D, n_1, ..., n_{L-1}, K]``: input size, hidden widths, output size.
    activation : str or Activation
        Hidden-layer activation, looked up with
        :func:`solutions.activations.get_activation`.
    rng : numpy.random.Generator
        Used for the weight initialisation (and as the default shuffling rng of :meth:`fit`).
    weight_init : str
        A key of :data:`solutions.initialisers.INITIALISERS` (default ``"he_normal"``).
    bias_init : float
        Initial value of every bias (see :func:`solutions.initialisers.bias`).
    output : {"linear", "softmax"}
        ``"linear"``: regression, loss :math:`\frac{1}{NK}\sum_{n,k}(\hat y_{nk} - y_{nk})^2`
        with targets of shape (N, K) (or (N,) when K = 1).
        ``"softmax"``: classification, loss :math:`-\frac1N\sum_n \log p_{n, y_n}`
        with integer labels of shape (N,) in ``0 .. K-1``.

    Attributes
    ----------
    weights, biases : lists of ndarrays, updated in place by :meth:`sgd_step`.
    cache : dict set by :meth:`forward`: ``"z"`` (pre-activations of every layer)
        and ``"h"`` (``[X, h_1, ..., h_{L-1}]``).
    """

    def __init__(self, layer_sizes, activation="relu", rng=None, weight_init="he_normal",
                 bias_init: float = 0.0, output: str = "linear"):
        if not isinstance(layer_sizes, (list, tuple)) or len(layer_sizes) < 2:
            raise ValueError(
                f"layer_sizes must be a list like [n_inputs, n_hidden, ..., n_outputs] "
                f"with at least 2 entries, got {layer_sizes!r}"
            )
        self.layer_sizes = [check_positive_int(n, f"layer_sizes[{i}]")
                            for i, n in enumerate(layer_sizes)]
        self.activation = get_activation(activation)
        self.rng = check_rng(rng)
        if output not in _OUTPUTS:
            raise ValueError(f"output must be 'linear' or 'softmax', got {output!r}")
        self.output = output
        if weight_init not in INITIALISERS:
            raise ValueError(
                f"unknown weight_init {weight_init!r}; valid names: {', '.join(INITIALISERS)}"
            )
        self.weight_init = weight_init
        init = INITIALISERS[weight_init]
        pairs = list(zip(self.layer_sizes[:-1], self.layer_sizes[1:]))
        self.weights = [init(n_in, n_out, self.rng) for n_in, n_out in pairs]
        self.biases = [bias(n_out, bias_init) for _, n_out in pairs]
        self.cache = None
        self._pending = None  # (cache, dL/dz_L) saved by loss() for backward()

    def __repr__(self) -> str:
        return (f"MLP({self.layer_sizes}, activation={self.activation.name!r}, "
                f"weight_init={self.weight_init!r}, output={self.output!r})")

    # ------------------------------------------------------------------ forward
    def _forward(self, X):
        h = check_2d(X, "X", self.layer_sizes[0])
        hs, zs = [h], []
        last = len(self.weights) - 1
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = h @ W + b
            zs.append(z)
            if l < last:
                h = self.activation.forward(z)
                hs.append(h)
        out = _softmax(zs[-1]) if self.output == "softmax" else zs[-1]
        return out, {"z": zs, "h": hs}

    def forward(self, X) -> np.ndarray:
        """Network output for ``X`` (N, D): (N, K) values, or probabilities for softmax."""
        out, self.cache = self._forward(X)
        return out

    def hidden_activations(self, X) -> list[np.ndarray]:
        """Outputs :math:`h_1, \\dots, h_{L-1}` of the hidden layers, each (N, n_l)."""
        return self._forward(X)[1]["h"][1:]

    # --------------------------------------------------------------------- loss
    def _targets(self, y, n: int):
        K = self.layer_sizes[-1]
        if self.output == "softmax":
            y = np.asarray(y)
            if y.dtype.kind == "f" and np.all(y == np.round(y)):
                y = y.astype(np.int64)
            if y.dtype.kind not in "iu" or y.shape != (n,):
                raise ValueError(f"y must be integer class labels of shape ({n},), "
                                 f"got dtype {y.dtype} and shape {y.shape}")
            if y.size and (y.min() < 0 or y.max() >= K):
                raise ValueError(f"labels must lie in 0..{K - 1}, got {y.min()}..{y.max()}")
            return y
        y = as_float_array(y, "y")
        if y.ndim == 1 and K == 1:
            y = y[:, None]
        if y.shape != (n, K):
            raise ValueError(f"y must have shape ({n}, {K})"
                             + (f" or ({n},)" if K == 1 else "") + f", got {y.shape}")
        return y

    def loss(self, X, y) -> float:
        """Mean loss on ``(X, y)``; also saves what :meth:`backward` needs."""
        out, cache = self._forward(X)
        n = out.shape[0]
        y = self._targets(y, n)
        if self.output == "softmax":
            z = cache["z"][-1]
            logp = z - z.max(axis=1, keepdims=True)
            logp -= np.log(np.exp(logp).sum(axis=1, keepdims=True))
            value = -float(logp[np.arange(n), y].mean())
            dz = out.copy()
            dz[np.arange(n), y] -= 1.0
            dz /= n
        else:
            diff = out - y
            value = float(np.mean(diff**2))
            dz = 2.0 * diff / diff.size
        self.cache = cache
        self._pending = (cache, dz)
        return value

    def backward(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Gradients ``[(dW_1, db_1), ..., (dW_L, db_L)]`` of the last :meth:`loss` call."""
        if self._pending is None:
            raise RuntimeError("call loss(X, y) before backward()")
        cache, dz = self._pending
        grads = [None] * len(self.weights)
        for l in range(len(self.weights) - 1, -1, -1):
            grads[l] = (cache["h"][l].T @ dz, dz.sum(axis=0))
            if l > 0:
                dz = (dz @ self.weights[l].T) * self.activation.grad(cache["z"][l - 1])
        return grads

    def loss_and_gradients(self, X, y):
        """Return ``(loss, grads)`` with grads as in :meth:`backward`."""
        value = self.loss(X, y)
        return value, self.backward()

    # ----------------------------------------------------------------- training
    def sgd_step(self, grads, lr: float) -> None:
        """In-place update :math:`W \\leftarrow W - \\eta\\, dW`, :math:`b \\leftarrow b - \\eta\\, db`."""
        lr = _positive_float(lr, "lr")
        if len(grads) != len(self.weights):
            raise ValueError(f"expected {len(self.weights)} (dW, db) pairs, got {len(grads)}")
        for W, b, (dW, db) in zip(self.weights, self.biases, grads):
            W -= lr * dW
            b -= lr * db

    def train_step(self, X, y, lr: float) -> float:
        """One SGD step on the batch; returns the batch loss before the step."""
        value, grads = self.loss_and_gradients(X, y)
        self.sgd_step(grads, lr)
        return value

    def fit(self, X, y, epochs: int = 10, lr: float = 0.1, batch_size: int = 32,
            rng=None, record_every: int = 1) -> dict:
        """Minibatch SGD for ``epochs`` passes over shuffled data.

        Parameters
        ----------
        X, y : training data, (N, D) and targets as for :meth:`loss`.
        epochs, batch_size, record_every : positive ints.
        lr : positive float, the learning rate.
        rng : numpy.random.Generator for shuffling; defaults to the model's ``rng``.

        Returns
        -------
        dict with one entry per recorded epoch (every ``record_every`` epochs and
        the last): ``"epoch"`` (1-based), ``"loss"`` (loss on all of ``X, y``
        after that epoch), ``"grad_norms"`` (:meth:`gradient_norms` on all data,
        a list per layer) and ``"activation_stats"`` (:meth:`activation_stats`).
        """
        X = check_2d(X, "X", self.layer_sizes[0])
        n = X.shape[0]
        y = self._targets(y, n)
        epochs = check_positive_int(epochs, "epochs")
        batch_size = check_positive_int(batch_size, "batch_size")
        record_every = check_positive_int(record_every, "record_every")
        lr = _positive_float(lr, "lr")
        rng = self.rng if rng is None else check_rng(rng)
        history = {"epoch": [], "loss": [], "grad_norms": [], "activation_stats": []}
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n)
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                self.train_step(X[idx], y[idx], lr)
            if epoch % record_every == 0 or epoch == epochs:
                value, grads = self.loss_and_gradients(X, y)
                history["epoch"].append(epoch)
                history["loss"].append(value)
                history["grad_norms"].append([float(np.linalg.norm(dW)) for dW, _ in grads])
                history["activation_stats"].append(self.activation_stats(X))
        return history

    # -------------------------------------------------------------- diagnostics
    def gradient_norms(self, X, y) -> list[float]:
        """Frobenius norm :math:`\\|dW_l\\|_F` of each layer's weight gradient on ``(X, y)``."""
        _, grads = self.loss_and_gradients(X, y)
        return [float(np.linalg.norm(dW)) for dW, _ in grads]

    def activation_stats(self, X) -> list[dict]:
        """Per hidden layer: ``mean``, ``std`` and ``frac_zero`` (fraction of outputs exactly 0.0)."""
        return [{"mean": float(h.mean()), "std": float(h.std()),
                 "frac_zero": float(np.mean(h == 0.0))} for h in self.hidden_activations(X)]

    def dead_units(self, X) -> list[np.ndarray]:
        """Per hidden layer, a boolean array (n_l,): True where the unit outputs exactly 0 on every row of ``X``."""
        return [np.all(h == 0.0, axis=0) for h in self.hidden_activations(X)]

    # --------------------------------------------------------------- prediction
    def predict(self, X) -> np.ndarray:
        """Class labels (N,) for softmax; otherwise the outputs, (N,) when K = 1 else (N, K)."""
        out, _ = self._forward(X)
        if self.output == "softmax":
            return np.argmax(out, axis=1)
        return out[:, 0] if out.shape[1] == 1 else out

    def accuracy(self, X, y) -> float:
        """Fraction of correctly classified rows (softmax output only)."""
        if self.output != "softmax":
            raise ValueError("accuracy needs a classifier: build the MLP with output='softmax'")
        pred = self.predict(X)
        return float(np.mean(pred == self._targets(y, pred.shape[0])))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
