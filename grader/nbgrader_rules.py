"""nbgrader's own rules, read from nbgrader's configuration instead of restated here.

The course's ``nbgrader_config.py`` may change nbgrader's markers (``ClearHiddenTests``,
``ClearSolutions``); the grader must cut hidden tests and answers exactly where nbgrader cuts
them, or a marker variant that nbgrader honours would leak into a learner's feedback.
nbgrader matches a marker wherever it occurs *in* a line; so do
:func:`solutions.checking.split_hidden` and :func:`solution_lines`.
"""

import functools
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def nbgrader_config(course_dir=REPO):
    """The course's nbgrader configuration (``nbgrader_config.py`` at the course root)."""
    from traitlets.config.loader import PyFileConfigLoader
    path = Path(course_dir) / "nbgrader_config.py"
    if not path.exists():
        from traitlets.config import Config
        return Config()
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def hidden_test_delimiters(course_dir=REPO):
    """``(begin, end)`` of hidden tests, as nbgrader's ClearHiddenTests is configured."""
    from nbgrader.preprocessors import ClearHiddenTests
    step = ClearHiddenTests(config=nbgrader_config(course_dir))
    return step.begin_test_delimeter, step.end_test_delimeter


def solution_delimiters(course_dir=REPO):
    """``(begin, end)`` of solution regions, as nbgrader's ClearSolutions is configured."""
    from nbgrader.preprocessors import ClearSolutions
    step = ClearSolutions(config=nbgrader_config(course_dir))
    return step.begin_solution_delimeter, step.end_solution_delimeter


def solution_lines(source, course_dir=REPO):
    """The lines of ``source`` inside solution regions (the instructor's model answer)."""
    begin, end = solution_delimiters(course_dir)
    inside, lines = False, []
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            lines.append(line)
    return lines


def without_markers(source, course_dir=REPO):
    """``source`` with its solution marker lines removed: the answer cell, fully answered."""
    begin, end = solution_delimiters(course_dir)
    return "\n".join(line for line in source.splitlines() if begin not in line and end not in line)
