"""Shared pytest set-up: notebook kernels over Unix sockets (see tests/kernels.py)."""

from tests.kernels import use_ipc_kernels_in_nbval


def pytest_configure(config):
    use_ipc_kernels_in_nbval()
