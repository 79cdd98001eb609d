r"""Registry of elementwise activations, and re-exports of every activation function.

Use ``ACTIVATIONS[name]`` or :func:`get_activation` to look an activation up by
name; tests and the MLP iterate over the registry instead of parsing strings.

.. _kink-convention:

Kink convention (the single source of truth)
--------------------------------------------
Several rectifiers are not differentiable at isolated points ("kinks"). At an
exact kink this library returns the derivative of the **left piece**, i.e. the
left derivative :math:`\lim_{h \to 0^-} (f(x) - f(x - h)) / h`:

=====================  ==========  ================================
function               kink        derivative returned at the kink
=====================  ==========  ================================
ReLU                   x = 0       0
Leaky ReLU             x = 0       alpha (0.01 by default)
PReLU                  x = 0       alpha
ELU                    x = 0       alpha (= 1 for alpha = 1, where ELU is C1)
SELU                   x = 0       lambda * alpha ≈ 1.7581
ReLU6                  x = 0       0
ReLU6                  x = 6       1
=====================  ==========  ================================

In code, every rectifier tests ``x > 0`` for its right piece (and ReLU6
``0 < x <= 6`` for its middle piece). Any value in the subdifferential would be
a valid choice; what matters is that it is fixed, documented and the same
everywhere, so that gradient checks and autograder comparisons are
reproducible. For maxout, ties between pieces go to the first index (as
:func:`numpy.argmax`). Smooth activations (sigmoid, tanh, softplus, SiLU, GELU)
have no kink.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import partial
from typing import Callable

import numpy as np

from .maxout import maxout_backward, maxout_forward
from .rectifiers import (
    SELU_ALPHA, SELU_LAMBDA, elu, elu_grad, leaky_relu, leaky_relu_grad, prelu,
    prelu_backward, prelu_forward, prelu_grad, prelu_grad_alpha, relu, relu6,
    relu6_grad, relu_grad, selu, selu_grad,
)
from .sigmoidal import (
    gelu, gelu_grad, linear, linear_grad, sigmoid, sigmoid_grad, silu, silu_grad,
    softplus, softplus_grad, tanh, tanh_grad,
)

__all__ = [
    "Activation", "ACTIVATIONS", "UnknownActivationError", "get_activation",
    "PRELU_INIT", "SELU_ALPHA", "SELU_LAMBDA",
    "linear", "linear_grad", "sigmoid", "sigmoid_grad", "tanh", "tanh_grad",
    "softplus", "softplus_grad", "silu", "silu_grad", "gelu", "gelu_grad",
    "relu", "relu_grad", "leaky_relu", "leaky_relu_grad", "prelu", "prelu_grad",
    "prelu_grad_alpha", "prelu_forward", "prelu_backward", "elu", "elu_grad",
    "selu", "selu_grad", "relu6", "relu6_grad", "maxout_forward", "maxout_backward",
]

#: Slope used for the registry's PReLU: He et al. (2015) initialise alpha to 0.25
#: (PyTorch's ``nn.PReLU`` default ``init=0.25``).
PRELU_INIT = 0.25

ArrayFn = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Activation:
    """An elementwise activation: its name, forward map, derivative and a one-line summary.

    ``forward`` and ``grad`` take a single argument ``x`` (any shape) and return a
    float64 array of the same shape; parameters such as Leaky ReLU's alpha are
    baked in with their defaults.
    """

    name: str
    forward: ArrayFn
    grad: ArrayFn
    description: str


def _entry(name, forward, grad, description) -> tuple[str, Activation]:
    return name, Activation(name, forward, grad, description)


class _Registry(dict):
    """A plain dict whose failed lookups explain themselves (see :func:`get_activation`)."""

    def __missing__(self, name):
        raise _unknown(name)


ACTIVATIONS: dict[str, Activation] = _Registry([
    _entry("linear", linear, linear_grad, "identity, f(x) = x"),
    _entry("sigmoid", sigmoid, sigmoid_grad, "logistic 1/(1+e^-x), range (0, 1)"),
    _entry("tanh", tanh, tanh_grad, "hyperbolic tangent, zero-centred, range (-1, 1)"),
    _entry("relu", relu, relu_grad, "max(0, x)"),
    _entry("leaky_relu", leaky_relu, leaky_relu_grad, "x if x > 0 else 0.01 x"),
    _entry("prelu", partial(prelu, alpha=PRELU_INIT), partial(prelu_grad, alpha=PRELU_INIT),
           "x if x > 0 else alpha x, alpha fixed at its initial value 0.25"),
    _entry("elu", elu, elu_grad, "x if x > 0 else e^x - 1 (alpha = 1)"),
    _entry("selu", selu, selu_grad, "scaled ELU with lambda ≈ 1.0507, alpha ≈ 1.6733"),
    _entry("softplus", softplus, softplus_grad, "log(1 + e^x), a smooth ReLU"),
    _entry("gelu", gelu, gelu_grad, "x Phi(x), exact erf form"),
    _entry("silu", silu, silu_grad, "x sigmoid(x), also called swish"),
    _entry("relu6", relu6, relu6_grad, "min(max(0, x), 6)"),
])


class UnknownActivationError(KeyError, ValueError):
    """Raised by :func:`get_activation` for a name that is not in the registry.

    It is both a :class:`KeyError` (a failed lookup) and a :class:`ValueError`
    (a bad argument value), so either ``except`` clause catches it.
    """

    def __str__(self) -> str:  # KeyError would print the message with quotes
        return str(self.args[0]) if self.args else ""


def get_activation(name) -> Activation:
    """Return the registered :class:`Activation` called ``name``.

    Matching ignores case and surrounding spaces and treats ``-`` as ``_``
    (``"Leaky-ReLU"`` finds ``"leaky_relu"``). An :class:`Activation` instance is
    returned unchanged.

    Raises
    ------
    UnknownActivationError (a KeyError and a ValueError)
        If the name is not registered; the message lists the valid names and
        suggests the closest one.
    TypeError
        If ``name`` is neither a string nor an :class:`Activation`.
    """
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(
            f"activation must be a name (str) such as 'relu', got {type(name).__name__}"
        )
    key = name.strip().lower().replace("-", "_")
    if key in ACTIVATIONS:
        return ACTIVATIONS[key]
    raise _unknown(name)


def _unknown(name) -> UnknownActivationError:
    key = str(name).strip().lower().replace("-", "_")
    close = difflib.get_close_matches(key, list(ACTIVATIONS), n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return UnknownActivationError(
        f"unknown activation {name!r}.{hint} Valid names: {', '.join(ACTIVATIONS)}."
    )
