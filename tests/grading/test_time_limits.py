"""Limits as promised: a stuck submission costs its own parts and at most its wall time + 2 s.

One submission ignores the harness's alarm inside ``relu`` (stopped one second after the call
limit, other parts graded), one ignores it in a cell that sleeps forever (stopped after the cell
limit), and one legitimately takes 12 s in a cell, which the console names while it runs past
10 s. Every submission finishes within its wall time plus 2 s.
"""

import re

import pytest

from tests.grading.notebooks import (make_autograde, gradebook_scores, source_answers,
                                     student_notebook, write_submission)

pytestmark = pytest.mark.xdist_group("time-limits")

ASSIGNMENT, NOTEBOOK = "04-relu", "relu.ipynb"
LIMIT = 42  # a cell may take 14 s, a call 7 s
STUCK = ("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
         "def relu(x):\n    while True:\n        pass\n")


def test_stuck_code_is_stopped_in_time_and_named_while_it_runs(tmp_path):
    answers = source_answers(ASSIGNMENT, NOTEBOOK)
    write_submission(tmp_path, "stuck", ASSIGNMENT, NOTEBOOK,
                     student_notebook(ASSIGNMENT, NOTEBOOK, dict(answers, relu_answer=STUCK)))
    slow_cell = dict(answers, frozen_fraction_answer=answers["frozen_fraction_answer"] +
                     "\nimport signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                     "time.sleep(3600)\n")
    write_submission(tmp_path, "stuckcell", ASSIGNMENT, NOTEBOOK,
                     student_notebook(ASSIGNMENT, NOTEBOOK, slow_cell))
    patient = dict(answers, frozen_fraction_answer=answers["frozen_fraction_answer"] +
                   "\nimport time\ntime.sleep(12)\n")
    write_submission(tmp_path, "patient", ASSIGNMENT, NOTEBOOK,
                     student_notebook(ASSIGNMENT, NOTEBOOK, patient))
    output = make_autograde(tmp_path, "--time-limit", str(LIMIT))
    times = dict(re.findall(r"\] (\w+) 04-relu/relu: .*\(([\d.]+) s\)", output))
    assert set(times) == {"stuck", "stuckcell", "patient"}, output
    assert all(float(t) <= LIMIT + 2 for t in times.values()), times
    assert float(times["stuckcell"]) < 14 + 1 + 6, times  # its cell's limit, then a re-run
    assert re.search(r"still running: .*patient 04-relu", output), output
    scores = gradebook_scores(tmp_path, ASSIGNMENT)
    assert scores["stuck"]["relu_vectorised_elementwise"] == 0
    assert scores["stuck"]["relu_grad_convention_at_zero"] == 1  # the other parts keep theirs
    assert scores["stuckcell"]["relu_vectorised_elementwise"] == 1
    assert scores["stuckcell"]["frozen_fraction_on_xor"] == 0  # its cell never finished
    assert scores["patient"] == scores["patient"] | {"frozen_fraction_on_xor": 3.0}
