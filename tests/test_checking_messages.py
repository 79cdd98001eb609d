"""What a test cell prints when run live in a notebook (learner's or instructor's)."""

import numpy as np
import pytest

from solutions.checking import CheckFailed, check

CELL = '''
import numpy as np
from solutions.checking import check
check(double, [np.array([1.0, 2.0])], expected=[[2.0, 4.0]])
### BEGIN HIDDEN TESTS
check(double, [np.array([3.0]), np.array([-1.0])], expected=[[6.0], [-2.0]])
### END HIDDEN TESTS
check(double, [np.array([0.5])], expected=[[1.0]])
'''


def run_cell(tmp_path, double):
    # a real file, so the source is in linecache as IPython's cells are
    path = tmp_path / "cell.py"
    path.write_text(CELL)
    exec(compile(CELL, str(path), "exec"), {"double": double})


def test_visible_and_hidden_checks_are_labelled_as_such(tmp_path, capsys):
    def double(x):
        return 2 * x
    run_cell(tmp_path, double)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "passed: 1 visible check of double. More checks, hidden from you, run after you submit.",
        "passed: 2 hidden checks of double.",
        "passed: 1 visible check of double. More checks, hidden from you, run after you submit.",
    ]


def test_a_failure_says_what_was_checked_expected_and_returned():
    with pytest.raises(CheckFailed) as failure:
        check(lambda x: x + 1, [np.array([1.0, 2.0])], expected=[[2.0, 4.0]])
    message = str(failure.value)
    assert message.startswith("1 visible check of <lambda>: 1 failed.")
    assert "<lambda>([1., 2.]): expected [2., 4.], your code returned [2., 3.]" in message
