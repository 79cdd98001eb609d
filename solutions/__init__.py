"""The course library: NumPy reference code and the check API that exercise test cells use.

The flat modules are what the chapters import and what a learner's ``pip install`` brings:

* ``sigmoidal``, ``rectifiers``, ``maxout`` -- activations, each next to its derivative;
* ``activations`` -- the ``ACTIVATIONS`` registry (and the kink convention);
* ``initialisers``, ``preprocessing``, ``penalties`` -- weights, input scaling, regularisers;
* ``mlp`` -- a small MLP with manual backprop; ``gradcheck`` -- numerical gradients;
* ``datasets`` -- toy data and the bundled 8x8 digits;
* ``checking`` -- ``check()`` and friends, which test cells call; ``calling`` -- the one call
  path of a learner's function, shared with the grading sandbox; ``plainvalues`` -- values as
  data that cannot lie.

Submodules are not imported here; import what you need, e.g.
``from solutions.activations import relu, relu_grad``. The library needs NumPy only.
Subdirectories of ``solutions/`` are the instructor's nbgrader assignments (model answers and
hidden tests), not library code; the grader itself lives in ``grader/``.
"""
