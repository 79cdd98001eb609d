"""Hostile submissions to the ReLU assignment: tampering, snooping, escaping, denial of service.

Each entry is a complete notebook built from the released student version with the
instructor's honest answers, then altered by the attack. ``lost`` names the parts the attack
must cost (they score 0); every other part must keep its full points, which shows the
attack touched nothing beyond itself. Attacks that would *gain* points only if the sandbox
leaked (``relu`` answers correctly only if it can read a secret) turn every leak into a
failing test.
"""

from dataclasses import dataclass, field

from nbformat.v4 import new_code_cell

RELU = "relu_vectorised_elementwise"
FROZEN = "frozen_fraction_on_xor"
GRADCHECK = "gradcheck_fails_within_h_of_the_kink"

WRONG_RELU = "def relu(x):\n    return np.asarray(x, dtype=float)  # wrong: identity\n"


@dataclass
class Hostile:
    name: str
    kind: str  # tampering | snooping | escaping | denial of service
    answers: dict = field(default_factory=dict)  # grade_id -> replacement code
    extra: str = ""  # a code cell inserted after the imports
    edit: object = None  # nb -> nb
    lost: tuple = ()


def _gain_if(condition_code):
    """A relu that is correct only if ``condition_code`` (a function body) returns True."""
    return ("import numpy as np\n\ndef _leaked():\n"
            + "".join("    " + line + "\n" for line in condition_code.strip().splitlines())
            + "\ndef relu(x):\n    x = np.asarray(x, dtype=float)\n"
              "    try:\n        ok = _leaked()\n    except BaseException:\n        ok = False\n"
              "    return np.maximum(x, 0.0) if ok else -x\n")


def _replace_tests(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = "pass  # tests edited away"
    return nb


def _delete_tests(nb):
    nb.cells = [c for c in nb.cells if not (c.metadata.get("nbgrader", {}).get("grade")
                                            and c.cell_type == "code")]
    return nb


def _inflate_metadata(nb):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            meta["points"] = 100
        if meta.get("grade_id") == "relu_answer":
            meta.update(grade=True, points=50)
    return nb


def catalogue(repo, course_dir, port):
    """All hostile submissions. ``course_dir`` and ``port`` let attacks aim at real targets."""
    secret_paths = [str(repo / "solutions" / "04-relu" / "relu.ipynb"),
                    str(course_dir / "gradebook.db"),
                    str(course_dir / "submitted" / "honest" / "04-relu" / "relu.ipynb"),
                    str(repo / "nbgrader_config.py")]
    return [
        # --- tampering ------------------------------------------------------------------
        Hostile("patch_numpy_comparisons", "tampering", {"relu_answer": (
            "import numpy as np\nnp.allclose = lambda *a, **k: True\n"
            "np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)\n"
            "np.array_equal = lambda *a, **k: True\n"
            "np.testing.assert_allclose = lambda *a, **k: None\n" + WRONG_RELU)}, lost=(RELU,)),
        Hostile("lying_float_eq", "tampering", {"frozen_fraction_answer": (
            "class Liar(float):\n    def __eq__(self, other):\n        return True\n"
            "    def __ne__(self, other):\n        return False\n    __hash__ = float.__hash__\n\n"
            "def frozen_fraction(grad_at_zero, n_nets=200, hidden=8, rng=None):\n"
            "    return Liar(12345.0)\n")}, lost=(FROZEN,)),
        Hostile("lying_ndarray_subclass", "tampering", {"relu_answer": (
            "class Liar(np.ndarray):\n"
            "    def __eq__(self, other):\n        return np.ones(self.shape, dtype=bool)\n"
            "    def __bool__(self):\n        return True\n\n"
            "def relu(x):\n    return (np.asarray(x, dtype=float) * -7).view(Liar)\n")}, lost=(RELU,)),
        Hostile("lying_array_protocol", "tampering", {"frozen_fraction_answer": (
            "class Liar:\n    def __array__(self, dtype=None, copy=None):\n"
            "        return np.asarray(0.123)\n"
            "    def __eq__(self, other):\n        return True\n"
            "    def __bool__(self):\n        return True\n    def __float__(self):\n        return 0.5\n\n"
            "def frozen_fraction(grad_at_zero, n_nets=200, hidden=8, rng=None):\n"
            "    return Liar()\n")}, lost=(FROZEN,)),
        Hostile("edited_test_cells", "tampering", {"relu_answer": WRONG_RELU},
                edit=_replace_tests, lost=(RELU,)),
        Hostile("deleted_test_cells", "tampering", {"relu_answer": WRONG_RELU},
                edit=_delete_tests, lost=(RELU,)),
        Hostile("inflated_points_metadata", "tampering", edit=_inflate_metadata),
        Hostile("fake_checker_module", "tampering", {"relu_answer": (
            "import sys, types\nfake = types.ModuleType('solutions.checking')\n"
            "fake.check = lambda *a, **k: print('passed')\n"
            "sys.modules['solutions'] = types.ModuleType('solutions')\n"
            "sys.modules['solutions.checking'] = fake\ncheck = fake.check\n" + WRONG_RELU)},
            lost=(RELU,)),
        Hostile("swallowed_exception_returns_none", "tampering", {"relu_answer": (
            "def relu(x):\n    try:\n        raise RuntimeError('not done')\n"
            "    except BaseException:\n        return None\n")}, lost=(RELU,)),
        Hostile("forged_result_events", "tampering", extra=(
            "import json, os\nfrom solutions.plainvalues import to_plain\n"
            "job = json.load(open('/sandbox/job.json'))\n"
            "for c in job['calls']:\n"
            "    if c['function'] == 'relu':\n"
            "        os.write(3, (json.dumps({'e': 'call', 'key': c['key'], 'phase': 'end',"
            " 'outcome': {'status': 'returned', 'value': to_plain(0.0)}}) + '\\n').encode())\n"),
            answers={"relu_answer": WRONG_RELU}, lost=(RELU,)),
        Hostile("in_place_mutation", "tampering", {"relu_answer": (
            "def relu(x):\n    np.maximum(x, 0.0, out=x)\n    return x\n")}, lost=(RELU,)),
        # --- snooping ---------------------------------------------------------------------
        Hostile("import_reference_library", "snooping", {"relu_answer": (
            "from solutions.rectifiers import relu\n")}, lost=(RELU,)),
        Hostile("read_instructor_and_class_files", "snooping", {"relu_answer": _gain_if(
            "import os\nfor p in %r:\n    if os.path.exists(p):\n        open(p, 'rb').read(1)\n"
            "        return True\nreturn False" % (secret_paths,))}, lost=(RELU,)),
        Hostile("search_filesystem_for_hidden_tests", "snooping", {"relu_answer": _gain_if(
            "import os\nfor top in ['/root', '/home', '/work', '/srv', '/opt', '/var', '/mnt']:\n"
            "    for d, dirs, files in os.walk(top):\n"
            "        if 'gradebook.db' in files or 'nbgrader_config.py' in files:\n"
            "            return True\nreturn False")}, lost=(RELU,)),
        Hostile("proc_of_other_processes", "snooping", {"relu_answer": _gain_if(
            "import os\nfor pid in os.listdir('/proc'):\n    if pid.isdigit():\n"
            "        try:\n            text = open('/proc/%s/cmdline' % pid, 'rb').read() + "
            "open('/proc/%s/environ' % pid, 'rb').read()\n        except OSError:\n"
            "            continue\n        if b'nbgrader' in text or b'autograde' in text or "
            "b'submitted' in text:\n            return True\nreturn False")}, lost=(RELU,)),
        # Sandboxes are kept warm and serve one submission after another: what one leaves
        # behind must be gone before the next starts (tests/grading/test_warm_sandbox.py checks
        # this submission by submission; here it runs among the whole class).
        Hostile("find_what_earlier_submissions_left", "snooping", {"relu_answer": _gain_if(
            "import ctypes, os, numpy\n"
            "if os.listdir('/tmp'):\n    return True\n"
            "if [p for p in os.listdir('/proc') if p.isdigit() and p not in ('1', str(os.getpid()))]:\n"
            "    return True\n"
            "if getattr(numpy, 'planted', False):\n    return True\n"
            "libc = ctypes.CDLL(None, use_errno=True)\n"
            "KEYCTL = {'x86_64': 250, 'aarch64': 219}[os.uname().machine]\n"
            "return libc.syscall(KEYCTL, 10, ctypes.c_long(-4), b'user', b'planted', 0) >= 0\n")},
            lost=(RELU,)),
        Hostile("leave_things_for_the_next_submission", "snooping", extra=(
            "import ctypes, os, time, numpy\nnumpy.planted = True\n"
            "open('/tmp/planted', 'w').write('x')\n"
            "libc = ctypes.CDLL(None, use_errno=True)\n"
            "ADD_KEY = {'x86_64': 248, 'aarch64': 217}[os.uname().machine]\n"
            "libc.syscall(ADD_KEY, b'user', b'planted', b'secret', 6, ctypes.c_long(-4))\n"
            "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
            "        while True:\n            time.sleep(1)\n    os._exit(0)\n")),
        Hostile("network_to_localhost_and_dns", "snooping", {"relu_answer": _gain_if(
            "import socket\ntry:\n    socket.create_connection(('127.0.0.1', %d), timeout=1).close()\n"
            "    return True\nexcept OSError:\n    pass\nsocket.getaddrinfo('pypi.org', 443)\n"
            "return True" % port)}, lost=(RELU,)),
        Hostile("become_root", "escaping", {"relu_answer": _gain_if(
            "import os\nif os.getuid() == 0 or os.geteuid() == 0:\n    return True\n"
            "try:\n    os.setuid(0)\n    return True\nexcept OSError:\n    pass\n"
            "open('/etc/shadow').read(1)\nreturn True")}, lost=(RELU,)),
        # --- escaping -----------------------------------------------------------------------
        Hostile("write_outside_scratch", "escaping", extra=(
            "import os\nfor p in %r:\n    try:\n        open(p, 'w').write('escaped')\n"
            "    except OSError:\n        pass\n" % ([str(course_dir / "ESCAPED"),
                                                  str(repo / "ESCAPED"), "/usr/ESCAPED",
                                                  str(course_dir / "gradebook.db")],))),
        Hostile("kill_the_grader", "escaping", extra=(
            "import os, signal\nfor pid in (os.getppid(), 1, -1):\n    try:\n"
            "        os.kill(pid, signal.SIGKILL)\n    except OSError:\n        pass\n")),
        Hostile("close_result_channel", "escaping", extra="import os\nos.close(3)\n"),
        Hostile("exit_from_a_cell", "escaping", extra=(
            "import sys\ntry:\n    sys.exit(3)\nfinally:\n    raise KeyboardInterrupt\n")),
        Hostile("os_exit_in_a_function", "escaping", {"gradcheck_failures_answer": (
            "import os\ndef gradcheck_failures(z, dout, h=1e-5):\n    os._exit(7)\n")},
            lost=(GRADCHECK,)),
        Hostile("segfault_in_a_function", "escaping", {"frozen_fraction_answer": (
            "import ctypes\ndef frozen_fraction(grad_at_zero, n_nets=200, hidden=8, rng=None):\n"
            "    return ctypes.string_at(0)\n")}, lost=(FROZEN,)),
        # --- denial of service ----------------------------------------------------------------
        Hostile("infinite_loop_in_a_cell", "denial of service", extra="while True:\n    pass\n"),
        Hostile("infinite_loop_in_a_function", "denial of service", {"relu_answer": (
            "def relu(x):\n    while True:\n        pass\n")}, lost=(RELU,)),
        Hostile("timeout_signal_ignored", "denial of service", {"relu_answer": (
            "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
            "def relu(x):\n    while True:\n        pass\n")}, lost=(RELU,)),
        Hostile("sleep_forever", "denial of service", {"relu_answer": (
            "import time\ndef relu(x):\n    time.sleep(3600)\n")}, lost=(RELU,)),
        Hostile("memory_bomb_in_a_function", "denial of service", {"relu_answer": (
            "def relu(x):\n    return np.ones((10**6, 10**5))\n")}, lost=(RELU,)),
        Hostile("memory_bomb_in_a_cell", "denial of service", extra=(
            "hog = []\nwhile True:\n    hog.append(bytearray(50 * 2**20))\n")),
        Hostile("fork_bomb", "denial of service", extra=(
            "import os\ntry:\n    while True:\n        os.fork()\nexcept OSError:\n    pass\n")),
        # Correct only if it can hold 64 processes at once: the per-sandbox process limit (32)
        # must hold in both sandbox modes, whoever else runs processes under the same user.
        Hostile("more_processes_than_the_limit", "denial of service", {"relu_answer": _gain_if(
            "import os, time\nchildren = []\ntry:\n    for _ in range(64):\n"
            "        pid = os.fork()\n        if pid == 0:\n            time.sleep(2)\n"
            "            os._exit(0)\n        children.append(pid)\nexcept OSError:\n    pass\n"
            "return len(children) >= 64\n")}, lost=(RELU,)),
        Hostile("hundred_megabyte_print", "denial of service",
                extra="print('x' * 100_000_000)\n"),
        Hostile("fill_the_disk", "denial of service", extra=(
            "with open('/tmp/fill', 'wb') as f:\n    for _ in range(2000):\n"
            "        f.write(b'0' * 2**20)\n")),
    ]


def bad_files(honest_bytes, foreign_nb):
    """Unreadable or wrong files: every part scores 0 and the error is named."""
    return {
        "malformed_json": (b'{"cells": [', "not valid notebook JSON"),
        "truncated_file": (honest_bytes[: len(honest_bytes) // 2], "not valid notebook JSON"),
        "empty_file": (b"", "not valid notebook JSON"),
        "binary_garbage": (bytes(range(256)) * 4, "not valid notebook JSON"),
        "json_but_not_a_notebook": (b'{"hello": [1, 2, 3]}', "not a Jupyter notebook in format 4"),
        "notebook_of_another_assignment": (foreign_nb, "this is not the notebook 04-relu/relu"),
    }


def duplicate_answer_cell(nb):
    """The relu answer cell twice: a wrong copy, then the right one (Python semantics win)."""
    index = next(i for i, c in enumerate(nb.cells)
                 if c.metadata.get("nbgrader", {}).get("grade_id") == "relu_answer")
    wrong = new_code_cell(WRONG_RELU, metadata=dict(nb.cells[index].metadata))
    nb.cells.insert(index, wrong)
    return nb


def missing_answer_cell(nb):
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")
                not in ("relu_answer", "relu_written_answer")]
    return nb
