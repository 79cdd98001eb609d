"""Reference library and instructor side of the activation-functions course.

The flat modules here are the NumPy reference implementations that the
chapters import and the autograder checks student work against:

* ``sigmoidal``, ``rectifiers``, ``maxout`` -- activations, each next to its derivative;
* ``activations`` -- the ``ACTIVATIONS`` registry (and the kink convention);
* ``initialisers``, ``preprocessing``, ``penalties`` -- weights, input scaling, regularisers;
* ``mlp`` -- a small MLP with manual backprop; ``gradcheck`` -- numerical gradients;
* ``datasets`` -- toy data and the bundled 8x8 digits.

Submodules are not imported here; import what you need, e.g.
``from solutions.activations import relu, relu_grad``. The library needs NumPy only.
Subdirectories of ``solutions/`` are nbgrader assignments, not library code.
"""
