"""One submission cannot see, change or outlive another in a warm sandbox.

``make autograde`` keeps one sandbox per slot warm (:class:`grader.sandbox.WarmSandbox`) and
runs each submission in a child forked from its server. Here each attack runs as one
submission, then a probe runs as the next submission in the *same* warm sandbox and reports
what it finds. The probe must find a sandbox as new: no file, process, IPC object or key left
over, NumPy, builtins and the call path as imported, the server alive. ``started`` says
whether the probe ran in the sandbox the attack ran in (1) or in a new one (2): each attack
names which, so a test cannot pass because the sandbox was quietly replaced.
"""

import json

import pytest

from grader import sandbox

pytestmark = pytest.mark.xdist_group("warm-sandbox")

PROBE = r'''
import builtins, ctypes, json, os, sys
import numpy as np
import solutions.calling as calling
libc = ctypes.CDLL(None, use_errno=True)
libc.mq_open.restype = ctypes.c_int
KEYCTL = {"x86_64": 250, "aarch64": 219}[os.uname().machine]
def sysv():
    return sum(max(len(open("/proc/sysvipc/" + k).read().splitlines()) - 1, 0)
               for k in ("shm", "sem", "msg"))
import socket
s = socket.socket(socket.AF_UNIX)
try:
    s.connect("\0planted")
    abstract_socket = True
except OSError:
    abstract_socket = False
report = {
    "tmp": sorted(os.listdir("/tmp")),
    "other_processes": sorted(p for p in os.listdir("/proc")
                              if p.isdigit() and p not in ("1", str(os.getpid()))),
    "server_is_the_harness": b"--serve" in open("/proc/1/cmdline", "rb").read(),
    "sysv_ipc_objects": sysv(),
    "message_queue": libc.mq_open(b"/planted", os.O_RDONLY) >= 0,
    "abstract_socket": abstract_socket,
    "key": libc.syscall(KEYCTL, 10, ctypes.c_long(-4), b"user", b"planted", 0) >= 0,
    "maximum_is_numpy": type(np.maximum).__name__ == "ufunc" and float(np.maximum(-1.0, 0.0)) == 0.0,
    "numpy_from_site_packages": np.__file__.startswith("/sandbox/site-packages/"),
    "abs": abs(-2) == 2,
    "planted_module": "planted" in sys.modules,
    "call_is_the_call_path": calling.call.__module__ == "solutions.calling",
    "errors": np.geterr(),
    "precision": np.get_printoptions()["precision"],
    "environment": os.environ.get("PLANTED"),
    "random_differs": None,
}
print("REPORT " + json.dumps(report))
'''

CLEAN = {"tmp": [], "other_processes": [], "server_is_the_harness": True, "sysv_ipc_objects": 0,
         "message_queue": False, "abstract_socket": False, "key": False,
         "maximum_is_numpy": True, "numpy_from_site_packages": True, "abs": True,
         "planted_module": False, "call_is_the_call_path": True,
         "errors": {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"},
         "precision": 8, "environment": None, "random_differs": None}

# name -> (the attack's code, how many sandboxes the slot has started after the probe)
ATTACKS = {
    "files_in_tmp": (
        "import os\nopen('/tmp/planted', 'w').write('x')\nos.makedirs('/tmp/locked/deep')\n"
        "open('/tmp/locked/deep/f', 'w').write('x')\nos.chmod('/tmp/locked/deep', 0)\n"
        "os.chmod('/tmp/locked', 0)\nos.symlink('/', '/tmp/link')\nos.mkfifo('/tmp/fifo')\n", 1),
    "lingering_processes": (
        "import os, signal, socket, time\n"
        "if os.fork() == 0:\n    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):\n"
        "            signal.signal(s, signal.SIG_IGN)\n"
        "        listener = socket.socket(socket.AF_UNIX)\n        listener.bind('\\0planted')\n"
        "        listener.listen(1)\n"
        "        while True:\n            open('/tmp/late', 'w').write('x')\n"
        "            time.sleep(0.01)\n"
        "    os._exit(0)\n"
        "time.sleep(0.2)\n", 1),
    "numpy_builtins_and_modules": (
        "import builtins, os, sys, types, numpy as np\nimport solutions.calling as calling\n"
        "np.maximum = lambda *a, **k: 42\nnp.seterr(all='raise')\n"
        "np.set_printoptions(precision=1)\nsys.modules['planted'] = types.ModuleType('planted')\n"
        "builtins.abs = lambda x: 0\nos.environ['PLANTED'] = '1'\n"
        "calling.call = lambda *a, **k: None\ncalling.call.__module__ = 'planted'\n"
        "sys.modules['numpy'] = types.ModuleType('numpy')\n", 1),
    "signal_trace_and_write_the_server": (
        "import ctypes, os, signal\n"
        "for s in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGSTOP, signal.SIGHUP,\n"
        "          signal.SIGUSR1, signal.SIGSEGV):\n"
        "    try:\n        os.kill(1, s)\n    except OSError:\n        pass\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "assert libc.ptrace(16, 1, 0, 0) != 0, 'traced the server'\n"
        "for path, mode in (('/proc/1/mem', 'r+b'), ('/proc/1/environ', 'rb'), ('/proc/1/maps', 'rb')):\n"
        "    try:\n        open(path, mode)\n    except OSError:\n        continue\n"
        "    raise AssertionError('opened ' + path)\n", 1),
    "keys_and_message_queues": (
        "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        "ADD_KEY = {'x86_64': 248, 'aarch64': 217}[os.uname().machine]\n"
        "libc.syscall(ADD_KEY, b'user', b'planted', b'secret', 6, ctypes.c_long(-4))\n"
        "libc.syscall(ADD_KEY, b'user', b'planted', b'secret', 6, ctypes.c_long(-3))\n"
        "libc.mq_open(b'/planted', os.O_CREAT | os.O_RDWR, 0o600, None)\n", 1),
    # Shared memory outlives its processes in the sandbox's IPC namespace: the server sees it
    # and the slot gets a new sandbox (a new namespace).
    "sysv_shared_memory": (
        "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        "assert libc.shmget(0, 4096, 0o1000 | 0o600) >= 0\n", 2),
}


def run(warm, slot, code):
    result = warm.run({"cells": [{"index": 0, "source": code}], "calls": []}, slot,
                      sandbox.Limits())
    assert result.status == "ok", (result.status, result.detail, result.output)
    return result


def probe(warm, slot):
    result = run(warm, slot, PROBE)
    errors = [e for e in result.events if e.get("e") == "cell" and e.get("outcome")]
    assert not errors, (errors, result.output)
    report = json.loads(result.output.split("REPORT ", 1)[1])
    return report


@pytest.fixture
def warm():
    sandbox.require_bwrap()
    with sandbox.claim_slot() as slot:
        warm = sandbox.WarmSandbox(slot)
        try:
            yield warm
        finally:
            warm.close()


def test_a_fresh_warm_sandbox_passes_the_probe(warm):
    assert probe(warm, warm.slot) == CLEAN
    assert probe(warm, warm.slot) == CLEAN
    assert warm.started == 1


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_the_next_submission_finds_nothing_of_an_attack(warm, name):
    code, started = ATTACKS[name]
    run(warm, warm.slot, code)
    assert probe(warm, warm.slot) == CLEAN
    assert warm.started == started


def test_each_submission_gets_fresh_randomness(warm):
    draw = "import numpy as np, random\nprint(np.random.rand(), random.random())\n"
    first = run(warm, warm.slot, draw).output.split()
    second = run(warm, warm.slot, draw).output.split()
    assert len(first) == len(second) == 2
    assert first[0] != second[0] and first[1] != second[1]
    assert warm.started == 1


def test_a_run_that_times_out_gets_a_new_sandbox(warm):
    result = warm.run({"cells": [{"index": 0, "source": (
        "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass\n")}],
        "calls": []}, warm.slot, sandbox.limits_for(6))
    assert result.status == "timeout", (result.status, result.detail)
    assert probe(warm, warm.slot) == CLEAN
    assert warm.started == 2
