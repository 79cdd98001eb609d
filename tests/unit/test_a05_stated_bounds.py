"""Assignment 5 states the bounds its checks keep; these tests hold the graded inputs to them.

Part B grades a random experiment with a 15 % tolerance and states the sizes its checks use;
part C states that every graded network is clear-cut. Both statements are read off the
instructor's test cells here (recorded as the grader records them), so a change to a check that
breaks a promise of the text fails here.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from solutions.checking import record_checks
from tests.mutants import a05_tips

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "solutions" / "05-tips" / "tips.ipynb"


def cell_source(grade_id):
    for cell in json.loads(NOTEBOOK.read_text())["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            return "".join(cell["source"])
    raise LookupError(grade_id)


def learner_function(code, name):
    namespace = {"np": np}
    exec(code, namespace)
    return namespace[name]


def recorded_calls(grade_id):
    """``(call, expected value)`` for every call the grader makes in this part."""
    pairs = []
    for spec in record_checks(cell_source(grade_id)):
        for call, expected in zip(spec.calls, spec.expected):
            pairs.append((call, expected, spec))
    return pairs


def test_the_experiment_checks_use_the_sizes_and_tolerance_the_text_states():
    pairs = recorded_calls("variance_ratio_matches_a_seeded_experiment")
    assert len(pairs) >= 6
    for call, _, spec in pairs:
        gain, depth, width, batch, _ = call.args
        assert width >= 200 and batch >= 100 and depth >= 15
        assert spec.rtol == 0.15 and spec.compare == "close"


# Correct experiments drawing their numbers in different ways, with seeds the checks do not use:
# each must land well inside the 15 % tolerance (here: within 10 %) at every graded setting.
STYLES = [cell_source("variance_ratio_answer")] + list(a05_tips.CORRECT["variance_ratio_answer"].values())


@pytest.mark.parametrize("style", range(len(STYLES)))
def test_correct_experiments_with_other_seeds_land_well_inside_the_tolerance(style):
    measure = learner_function(STYLES[style], "variance_ratio_per_layer")
    for call, _, _ in recorded_calls("variance_ratio_matches_a_seeded_experiment"):
        gain, depth, width, batch, _ = call.args
        ratio = measure(gain, depth, width, batch, np.random.default_rng(9000 + style))
        assert ratio == pytest.approx(gain ** 2 / 2, rel=0.10), (gain, depth, width, batch)


def layer_statistics(layers):
    rms = [float(np.sqrt(np.mean(np.square(h)))) for h in layers]
    dead = [float(np.mean(np.all(h == 0.0, axis=0))) for h in layers]
    return rms[-1] / rms[0], dead


def test_every_graded_network_is_as_clear_cut_as_the_text_says():
    pairs = recorded_calls("diagnose_tells_scale_from_dead_units")
    labels = [json.loads(json.dumps(expected))["value"] for _, expected, _ in pairs]
    assert {"healthy", "exploding", "vanishing", "dead units"} <= set(labels)
    for (call, _, _), label in zip(pairs, labels):
        growth, dead = layer_statistics(call.args[0])
        if label == "exploding":
            assert growth > 100.0
        elif label == "vanishing":
            assert growth < 1.0 / 100.0
        else:
            assert 0.1 < growth < 10.0
        if label == "dead units":
            assert min(dead) >= 0.3
        else:
            assert max(dead) <= 0.2
