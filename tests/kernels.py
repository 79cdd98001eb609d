"""Jupyter kernels for the tests, connected over Unix sockets instead of TCP ports.

jupyter_client picks a kernel's five TCP ports by binding port 0 and releasing it; two test
processes starting kernels at the same moment can be handed the same port
(``ZMQError: Address already in use``). Over IPC each kernel's sockets are files named after
its own connection file, so parallel kernels can never collide.
"""

import os
import tempfile
import uuid

from jupyter_client.manager import KernelManager
from traitlets import CaselessStrEnum, default


class IPCKernelManager(KernelManager):
    """A KernelManager whose kernels talk over Unix domain sockets."""

    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    @default("ip")
    def _ip_default(self):
        # An absolute, unique socket prefix: the kernel may run in another working directory
        # than this process, and two kernels must never share a socket file.
        return os.path.join(tempfile.gettempdir(), "kernel-%s-ipc" % uuid.uuid4().hex)


def use_ipc_kernels_in_nbval():
    """Make nbval start its kernels with :class:`IPCKernelManager`."""
    import nbval.kernel
    nbval.kernel.KernelManager = IPCKernelManager
