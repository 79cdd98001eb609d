"""The capstone's accuracy points need a trained network with hidden layers (issue #17).

Parts E (``small_subset_is_overfitted``) and F (``digits_and_negatives_are_classified``) are
graded on the parameters the learner returns: the grader rebuilds the stated 64-64-64-10 ReLU
network and scores its arg-max labels itself. These submissions, graded through the real
``make autograde`` with everything else (the ``graded_class`` fixture), must score 0 on those
parts while the reference scores full marks:

* nearest neighbours, which can return labels or a predictor but no network;
* a model without hidden layers, returned as its one layer or packed into the stated layers so
  that it stays linear (on digits mixed with their negatives any linear classifier stays near
  50 %, as the assignment shows);
* an untrained network, or a training loop that never changes the parameters.

The submissions are named mutants of ``tests/mutants/a08_capstone.py``, so test_mutants.py
grades them too; this file states the guarantee and fails if one of them disappears.
"""

import pytest

from tests.grading.notebooks import student_id
from tests.mutants import modules

pytestmark = pytest.mark.xdist_group("grading")

NO_TRAINED_HIDDEN_LAYERS = {
    "digits_and_negatives_are_classified": [
        "nearest_neighbour_predictor", "nearest_neighbour_labels", "no_hidden_layer_softmax_regression",
        "softmax_regression_packed_into_the_stated_layers", "untrained_network"],
    "small_subset_is_overfitted": ["nearest_neighbour_labels", "no_hidden_layer", "never_updates_the_parameters"],
}
CAPSTONE = [m for m in modules() if m.ASSIGNMENT == "08-capstone"]
CASES = [(m, part, name) for m in CAPSTONE for part, names in NO_TRAINED_HIDDEN_LAYERS.items()
         for name in names]


@pytest.mark.parametrize("module,part,name", CASES,
                         ids=["%s:%s:%s" % (m.ASSIGNMENT, p, n) for m, p, n in CASES])
def test_accuracy_points_need_a_trained_network_with_hidden_layers(graded_class, module, part, name):
    assert name in module.MUTANTS[part], "the submission %s is no longer graded" % name
    reference = graded_class[module.ASSIGNMENT]["reference"]
    scores = graded_class[module.ASSIGNMENT][student_id("m", part, name)]
    assert reference[part] > 0
    assert scores[part] == 0.0, scores
