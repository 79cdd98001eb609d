"""Shared pytest set-up for the whole suite."""

from tests.kernels import use_ipc_kernels_in_nbval


def pytest_configure(config):
    # pytest-xdist registers this marker; with `-p no:xdist`, --strict-markers would reject it.
    config.addinivalue_line("markers", "xdist_group(name): run these tests in one xdist worker")
    use_ipc_kernels_in_nbval()
