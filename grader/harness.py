"""The program that runs inside the grading sandbox, one process per submission.

It executes a learner's code cells in order, then calls the graded functions on the
inputs the grader chose, each through :func:`solutions.calling.call` (the same call path as
``check()`` in the learner's notebook), and reports what happened, one JSON line per event on
file descriptor 3::

    {"e": "cell", "i": 3, "phase": "start"}
    {"e": "cell", "i": 3, "phase": "end", "outcome": null}
    {"e": "call", "key": "relu_values/1/0", "phase": "start"}
    {"e": "call", "key": "relu_values/1/0", "phase": "end", "outcome": {"status": "returned", ...}}
    {"e": "done"}

Timing events (``{"e": "time", "phase": "start", "t": ..., "cpu": ...}``, then ``imports``,
``cells`` and ``calls``) carry ``time.monotonic()`` at the end of each phase, for
``make autograde ARGS=--timings``; they never count towards a grade. ``cpu`` is the CPU time
the process had used when the harness's first line ran: the interpreter's start-up.

Nothing here decides a grade: the grader compares the reported values with the reference
outside the sandbox. A "start" without its "end" tells the grader which cell or call
killed the process, so it can run the submission again without it.

Usage (inside the sandbox): ``python -I -S harness.py JOB.json LIB SITE_PACKAGES``, where LIB
holds ``solutions/{__init__,plainvalues,calling}.py`` and nothing else of the course; or, as
the warm sandbox's server, ``harness.py --serve LIB SITE_PACKAGES PROCESSES own-user|shared-user``
(see :func:`serve`): then each submission is a child forked from the server.
Standard library and NumPy only.
"""

import time

_STARTED, _STARTUP_CPU = time.monotonic(), time.process_time()

import json  # noqa: E402  (the two clocks above are read first)
import os  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402

EVENTS_FD = 3
_write = os.write
_dumps = json.dumps
_MAGIC = re.compile(r"^(\s*)([%!].*)$")


def _emit(**event):
    try:
        _write(EVENTS_FD, (_dumps(event) + "\n").encode())
    except OSError:
        pass  # the learner's code closed the channel; the grader sees no result


def _mark(phase, **extra):
    _emit(e="time", phase=phase, t=time.monotonic(), **extra)


def strip_magics(source):
    """Comment out IPython magics and shell escapes, which need a Jupyter kernel."""
    return "\n".join(_MAGIC.sub(r"\1pass  # not run by the grader: \2", line)
                     for line in source.splitlines())


def run_cells(cells, namespace, seconds, calling):
    Outcome, Status = calling.Outcome, calling.Status
    for cell in cells:
        _emit(e="cell", i=cell["index"], phase="start")
        outcome = None
        try:
            code = compile(strip_magics(cell["source"]), "<cell %d>" % cell["index"], "exec")
            with calling.time_limit(seconds):
                exec(code, namespace)
        except MemoryError:
            # What the cell allocated may still be held by its variables and starve every
            # later check; end this run so the grader re-runs the submission without it.
            _emit(e="abort", outcome=Outcome(Status.OUT_OF_MEMORY, error_type="MemoryError").to_json())
            os._exit(3)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt included
            outcome = calling.outcome_of(exc)
        _emit(e="cell", i=cell["index"], phase="end",
              outcome=outcome.to_json() if outcome else None)


def run_calls(calls, namespace, seconds, calling):
    """Call each graded function; after a timeout, skip the rest of that part's calls.

    Keys are ``<part>/<check>/<call>``: a function that hangs once costs its part one time
    limit, not one per call.
    """
    timed_out = set()
    for call in calls:
        part = call["key"].split("/", 1)[0]
        if part in timed_out:
            outcome = calling.Outcome(calling.Status.TIMEOUT, message="skipped: an earlier call "
                                      "of this part ran past the time limit")
            _emit(e="call", key=call["key"], phase="end", outcome=outcome.to_json())
            continue
        _emit(e="call", key=call["key"], phase="start")
        fn = namespace.get(call["function"])
        outcome = calling.call(fn, call["args"], call["kwargs"], seconds=seconds)
        if outcome.status is calling.Status.TIMEOUT:
            timed_out.add(part)
        _emit(e="call", key=call["key"], phase="end", outcome=outcome.to_json())


def limit_processes(count):
    """Cap the processes and threads the learner's code may start at ``count``.

    Run as the sandbox's first act, when the process already is the sandbox's own user: as
    root, a user id of its own per parallel slot; otherwise, in a user namespace of its own,
    where the kernel counts only this namespace's processes (Linux 5.14 and later). Either way
    the grader's and the instructor's other processes do not count.
    """
    resource.setrlimit(resource.RLIMIT_NPROC, (count, count))


# The kernel's key store outlives processes: a user's keyring stays as long as the user (as
# root, a slot's sandbox user id serves one submission after another) and a session keyring is
# inherited from the grader. Every run starts with a session keyring of its own and, under a
# sandbox user of its own, an empty user keyring.
_KEYCTL = {"x86_64": 250, "aarch64": 219}
_KEYCTL_JOIN_SESSION_KEYRING, _KEYCTL_CLEAR, _KEYCTL_READ = 1, 7, 11
_USER_KEYRINGS = (-4, -5)  # KEY_SPEC_USER_KEYRING, KEY_SPEC_USER_SESSION_KEYRING


def _keyctl(*args):
    import ctypes
    import platform
    number = _KEYCTL.get(platform.machine())
    if number is None:
        return -1
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.syscall(ctypes.c_long(number), *[ctypes.c_long(a) for a in args])


def fresh_keyrings(own_user):
    """A new session keyring; and, if the sandbox has a user id of its own, empty user keyrings."""
    _keyctl(_KEYCTL_JOIN_SESSION_KEYRING, 0)
    if own_user:
        for keyring in _USER_KEYRINGS:
            _keyctl(_KEYCTL_CLEAR, keyring)


def keys_left():
    """Whether the user keyrings hold any key (KEYCTL_READ's size of the list of key ids)."""
    return any(_keyctl(_KEYCTL_READ, keyring, 0, 0) > 0 for keyring in _USER_KEYRINGS)


def main(job_path, lib, site_packages):
    with open(job_path) as f:
        job = json.load(f)
    limit_processes(job["processes"])
    fresh_keyrings(job.get("own_user", False))
    sys.path[:0] = [lib, site_packages]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversized output raises, not kills
    # Imported before any learner code runs: replacing sys.modules entries later cannot
    # change the call path the harness already holds.
    _emit(e="time", phase="start", t=_STARTED, cpu=_STARTUP_CPU)
    from solutions import calling
    _mark("imports")
    grade(job, calling)


def grade(job, calling):
    """Run the job's cells, then its calls, reporting on fd 3; end the process."""
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    run_cells(job["cells"], namespace, job["seconds_per_cell"], calling)
    _mark("cells")
    run_calls(job["calls"], namespace, job["seconds_per_call"], calling)
    _mark("calls")
    _emit(e="done")
    try:
        sys.stdout.flush()
    except BaseException:
        pass
    os._exit(0)  # skip any exit handlers the learner's code registered


# --- the warm sandbox ---------------------------------------------------------------------
#
# ``harness.py --serve LIB SITE_PACKAGES PROCESSES own-user|shared-user`` runs as process 1 of a sandbox of its own
# (bubblewrap --as-pid-1) and imports NumPy and the call path once. For each submission the
# grader sends it three file descriptors over the control socket (fd 3): the job to read, the
# events channel and the output file. It forks a child, which reads the job and grades it, and
# it never reads the job itself, so nothing of one submission is in the memory the next child
# is forked from. When the child has exited, everything else in the sandbox is killed, /tmp is
# emptied and the sandbox is compared with how it looked before the first child; only if it is
# as before does the server report "clean" and wait for the next job; otherwise it exits and
# the grader starts a new sandbox.

_PR_SET_DUMPABLE = 4


def _set_dumpable(flag):
    """prctl(PR_SET_DUMPABLE): a process that is not dumpable cannot be traced, nor its memory
    read or written through /proc, by another process of the same user."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_DUMPABLE, int(flag), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE) failed")


def _writable_tree():
    """What the sandbox's writable mounts (its root and /dev, both tmpfs) hold, except /tmp:
    ``{path: (mode, uid, size, mtime)}`` without crossing into other mounts."""
    state = {}
    for top in ("/", "/dev"):
        device = os.lstat(top).st_dev
        stack = [top]
        while stack:
            folder = stack.pop()
            try:
                names = os.listdir(folder)
            except OSError as exc:
                state[folder] = ("unreadable", exc.errno)
                continue
            for name in names:
                path = os.path.join(folder, name)
                if path in ("/proc", "/tmp", "/dev", "/sys"):
                    continue
                info = os.lstat(path)
                state[path] = (info.st_mode, info.st_uid, info.st_size, info.st_mtime_ns)
                if info.st_dev == device and (info.st_mode & 0o170000) == 0o040000:
                    stack.append(path)
    return state


def _remove(path):
    """Delete ``path``, a folder with all it holds, even folders made unreadable."""
    info = os.lstat(path)
    if (info.st_mode & 0o170000) == 0o040000:
        os.chmod(path, 0o700)
        for name in os.listdir(path):
            _remove(os.path.join(path, name))
        os.rmdir(path)
    else:
        os.unlink(path)


def _empty_tmp():
    for name in os.listdir("/tmp"):
        _remove(os.path.join("/tmp", name))


def _sysv_ipc_objects():
    count = 0
    for kind in ("shm", "sem", "msg"):
        try:
            with open("/proc/sysvipc/" + kind) as f:
                count += max(len(f.read().splitlines()) - 1, 0)
        except OSError:
            pass
    return count


def _others():
    return [p for p in os.listdir("/proc") if p.isdigit() and p != "1"]


def sweep(baseline, own_user):
    """After a child: kill every other process here, empty /tmp, and say what, if anything,
    is not as it was before the first child ("" if nothing: no process, file, IPC object or
    key left over)."""
    try:
        return _sweep(baseline, own_user)
    except BaseException as exc:  # e.g. folders nested too deep to remove
        return "clean-up failed: %s" % type(exc).__name__


def _sweep(baseline, own_user):
    for _ in range(20):
        try:
            os.kill(-1, signal.SIGKILL)  # from process 1: every process but itself
        except ProcessLookupError:
            pass
        while True:
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                break
        if not _others():
            break
    else:
        return "processes survived: %s" % _others()
    if own_user:
        fresh_keyrings(True)
    _empty_tmp()
    if os.listdir("/tmp"):
        return "/tmp is not empty"
    if _sysv_ipc_objects():
        return "System V IPC objects were left"
    if keys_left():
        return "keys were left in the user's keyrings"
    if _writable_tree() != baseline:
        return "files outside /tmp changed"
    # Besides 0-3, only the descriptor this listing opens for itself.
    if len(set(os.listdir("/proc/self/fd")) - {"0", "1", "2", "3"}) > 1:
        return "the server holds file descriptors it did not have"
    if len(os.listdir("/proc/self/task")) != 1:
        return "the server has more than one thread"
    return ""


def _child(fds, calling):
    """In the forked child: take the job's descriptors, make a fresh start, grade."""
    job_fd, events_fd, out_fd = fds
    try:
        with os.fdopen(job_fd, "rb", closefd=True) as f:
            job = json.loads(f.read())
        null = os.open("/dev/null", os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        os.dup2(events_fd, 3)  # replaces the control socket: the child never holds it
        os.closerange(4, 1 << 16)
        os.setsid()
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
                    signal.SIGUSR2, signal.SIGALRM):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        _set_dumpable(True)
        fresh_keyrings(job.get("own_user", False))
        # CPU seconds for this run (the grader's wall limit of what is left, plus one).
        cpu = int(job["cpu_seconds"])
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        # Fresh randomness, as a fresh interpreter would have, for generators the server
        # seeded once (NumPy imports numpy.random only when used).
        if "numpy.random" in sys.modules:
            sys.modules["numpy.random"].seed()
        if "random" in sys.modules:
            sys.modules["random"].seed()
        os.chdir("/tmp")
        _emit(e="time", phase="start", t=time.monotonic(), cpu=0.0)
        _mark("imports")
        grade(job, calling)
    except BaseException:
        pass
    os._exit(70)


def serve(lib, site_packages, processes, own_user):
    own_user = own_user == "own-user"
    if os.getpid() != 1:
        print("the warm sandbox must run as process 1 (bubblewrap --as-pid-1)", file=sys.stderr)
        os._exit(2)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
                signal.SIGUSR2, signal.SIGALRM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_IGN)
    _set_dumpable(False)
    limit_processes(int(processes))
    # No POSIX message queues: they live as long as the IPC namespace, not a process.
    resource.setrlimit(resource.RLIMIT_MSGQUEUE, (0, 0))
    sys.path[:0] = [lib, site_packages]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    from solutions import calling
    import socket
    control = socket.socket(fileno=3)
    os.chdir("/")
    baseline = _writable_tree()
    problem = sweep(baseline, own_user)
    if problem:
        print("the warm sandbox is not clean at start: %s" % problem, file=sys.stderr)
        os._exit(2)
    control.sendall(b'{"ready": true}\n')
    while True:
        _, fds, _, _ = socket.recv_fds(control, 16, 3)
        if len(fds) != 3:
            os._exit(0)  # the grader closed the socket (or sent nonsense): done
        pid = os.fork()
        if pid == 0:
            control.detach()
            _child(fds, calling)
        for fd in fds:
            os.close(fd)
        _, status = os.waitpid(pid, 0)
        problem = sweep(baseline, own_user)
        control.sendall((_dumps({"status": os.waitstatus_to_exitcode(status),
                                 "problem": problem}) + "\n").encode())
        if problem:
            os._exit(0)


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(*sys.argv[2:6])
    else:
        main(*sys.argv[1:4])
