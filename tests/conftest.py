"""Shared pytest set-up for the whole suite."""

import pytest

from tests.kernels import use_ipc_kernels_in_nbval


def pytest_configure(config):
    # pytest-xdist registers this marker; with `-p no:xdist`, --strict-markers would reject it.
    config.addinivalue_line("markers", "xdist_group(name): run these tests in one xdist worker")
    use_ipc_kernels_in_nbval()


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """Every assignment's variants (tests/mutants) graded in one ``make autograde`` batch.

    ``{assignment: {student: {grade_id: auto_score}}}``; tests that use it belong to the
    xdist group "grading", so the batch runs once.
    """
    from tests.grading.notebooks import grade_class
    from tests.mutants import modules
    return grade_class(tmp_path_factory.mktemp("graded-class"), modules())
