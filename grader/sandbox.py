"""Run one learner's code in a bubblewrap sandbox with hard limits.

The sandbox sees the system's ``/usr``, the Python installation, the environment's
``site-packages`` (read-only, without ``.pth`` processing, so the course library is *not*
importable), the harness, and the job file. It gets a private, size-limited ``/tmp`` as
its only writable place, no network, its own process tree, and, when the grader runs as
root, an unprivileged user of its own (one per parallel slot); run by an ordinary user, a
user namespace of its own instead. Limits: wall time, CPU time, address space, file size,
processes (counted per sandbox in both modes) and, where cgroups v1 are writable, total
memory and process count of the whole sandbox.

:func:`run` starts a new sandbox for one run; :class:`WarmSandbox` keeps one slot's sandbox
running and forks a fresh process in it per run (``make autograde``'s local pool uses it).
"""

import dataclasses
import fcntl
import json
import os
import resource
import select
import shutil
import signal
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIBRARY = HERE.parent / "solutions"
# The only course files a sandbox sees: the harness and the one call path it shares with
# the learner's notebook (solutions.calling, with the plain-value codec it needs).
SANDBOX_LIBRARY = ("__init__.py", "plainvalues.py", "calling.py")
BWRAP = shutil.which("bwrap")
SETPRIV = shutil.which("setpriv") or "/usr/bin/setpriv"
CGROUP_V1 = Path("/sys/fs/cgroup")
SANDBOX_UID_BASE = 61000
EVENTS_LIMIT = 64 * 2**20
OUTPUT_KEPT = 20_000
# At most this many sandboxes at once on one machine (one user id each, when run as root).
MAX_SLOTS = 512


@dataclass(frozen=True)
class Limits:
    """Per-run limits. ``wall_seconds`` bounds one sandbox run of a submission."""

    wall_seconds: float = 60.0
    seconds_per_cell: float = 20.0
    seconds_per_call: float = 10.0
    memory_bytes: int = 1 * 2**30
    processes: int = 32
    file_bytes: int = 8 * 2**20
    scratch_bytes: int = 64 * 2**20


def limits_for(wall_seconds=Limits.wall_seconds, memory_mb=Limits.memory_bytes // 2**20):
    """Limits from an instructor's two knobs: a notebook's wall time and its memory.

    A cell may take a third of the wall time and a graded call a sixth (20 s and 10 s by
    default, the 10 s that ``solutions.calling.SECONDS_PER_CALL`` also applies in a notebook).
    """
    return Limits(wall_seconds=wall_seconds, seconds_per_cell=wall_seconds / 3,
                  seconds_per_call=wall_seconds / 6, memory_bytes=int(memory_mb) * 2**20)


@dataclass
class RunResult:
    events: list
    output: str
    status: str  # "ok" | "timeout" | "out of memory" | "crashed" | "exited"
    detail: str
    seconds: float
    timings: dict = field(default_factory=dict)  # seconds per phase, see :func:`phase_times`


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces on this machine."""


def require_bwrap():
    if BWRAP is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed; the grader never runs student code "
            "without it. Install it with: sudo apt-get install bubblewrap")


def require_working_sandbox(limits):
    """Start one empty sandbox, exactly as a submission's would start.

    Raise :class:`SandboxUnavailable`, with bubblewrap's own words and what to do, if it does
    not reach the end: a machine that cannot sandbox stops the batch before anything is graded,
    instead of giving every student zero.
    """
    with claim_slot() as slot:
        result = run({"cells": [], "calls": []}, slot, limits)
    if result.status != "ok":
        raise SandboxUnavailable(
            "the grading sandbox does not start on this machine (%s: %s); nothing was graded.\n"
            "What bubblewrap said: %s\n"
            "The usual cause: unprivileged user namespaces are switched off (Ubuntu 24.04 and later "
            "restrict them with AppArmor; containers often block them). Run `make autograde` as "
            "root, or allow them, e.g. `sudo sysctl -w "
            "kernel.apparmor_restrict_unprivileged_userns=0`; in a container, give it a seccomp "
            "profile that allows unshare." % (
                result.status, result.detail or "no result", result.output.strip() or "nothing"))


def _slot_dir():
    path = Path(tempfile.gettempdir()) / ("course-grader-slots-%d" % os.geteuid())
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise RuntimeError("%s is not a private folder of this user; remove it and grade again"
                           % path)
    return path


@contextmanager
def claim_slot():
    """A sandbox slot no other sandbox on this machine uses meanwhile, in any process.

    As root, the slot is the sandbox's user id; two graders on one machine (two Dask workers,
    or two courses) must never share one, or one sandbox's processes would count against the
    other's process limit. A lock file per slot, held while the sandbox runs, makes the
    choice machine-wide; the kernel drops the lock when its holder dies.
    """
    folder = _slot_dir()
    for slot in range(MAX_SLOTS):
        fd = os.open(folder / ("slot-%d.lock" % slot), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            yield slot
        finally:
            os.close(fd)
        return
    raise RuntimeError("all %d sandbox slots of this machine are in use" % MAX_SLOTS)


def _binds_for_root_dirs():
    args = []
    for name in ("bin", "lib", "lib32", "lib64", "sbin"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    return args


def site_packages():
    return sysconfig.get_paths()["purelib"]


def _readable_parents(destinations):
    """``--dir`` options so every directory leading to a mount point is world-readable.

    bubblewrap creates missing parents with mode 0700, which the unprivileged sandbox user
    could not traverse (the Python installation may live under /root, for example).
    """
    parents = sorted({str(parent) for dest in destinations
                      for parent in Path(dest).parents if str(parent) != "/"},
                     key=lambda p: p.count("/"))
    return [arg for parent in parents for arg in ("--perms", "0755", "--dir", parent)]


def bwrap_command(job_path, slot, limits, as_root):
    """The full command line that starts the harness in a fresh sandbox.

    ``job_path`` None: the warm sandbox instead (:class:`WarmSandbox`), whose Python is the
    sandbox's process 1 and serves jobs sent over file descriptor 3."""
    prefix = os.path.realpath(sys.base_prefix)
    binds = [(prefix, prefix), (site_packages(), "/sandbox/site-packages"),
             (str(HERE / "harness.py"), "/sandbox/grader/harness.py"),
             *[(str(LIBRARY / name), "/sandbox/lib/solutions/" + name) for name in SANDBOX_LIBRARY],
             *([(str(job_path), "/sandbox/job.json")] if job_path is not None else [])]
    cmd = [BWRAP, *(["--as-pid-1"] if job_path is None else []),
           "--die-with-parent", "--new-session", "--clearenv",
           "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
           "--unshare-cgroup-try", "--hostname", "sandbox",
           "--ro-bind", "/usr", "/usr", *_binds_for_root_dirs(),
           *_readable_parents(dest for _, dest in binds),
           *[arg for src, dest in binds for arg in ("--ro-bind", src, dest)],
           "--proc", "/proc", "--dev", "/dev",
           "--perms", "1777", "--size", str(limits.scratch_bytes), "--tmpfs", "/tmp",
           "--chdir", "/tmp",
           "--setenv", "HOME", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
           "--setenv", "MPLBACKEND", "Agg", "--setenv", "MPLCONFIGDIR", "/tmp",
           "--setenv", "OPENBLAS_NUM_THREADS", "1", "--setenv", "OMP_NUM_THREADS", "1",
           "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "PYTHONHASHSEED", "0"]
    python = [os.path.join(prefix, "bin", "python3"), "-I", "-S", "/sandbox/grader/harness.py",
              *(["/sandbox/job.json"] if job_path is not None else ["--serve"]),
              "/sandbox/lib", "/sandbox/site-packages",
              *([str(limits.processes), "own-user" if as_root else "shared-user"]
                if job_path is None else [])]
    if as_root:
        uid = str(SANDBOX_UID_BASE + slot)
        cmd += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                SETPRIV, "--reuid", uid, "--regid", uid, "--clear-groups",
                "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all"]
    else:
        cmd[1:1] = ["--unshare-user"]
    return cmd + python


CGROUP_ROOT = Path("/sys/fs/cgroup")


def _own_cgroup_v2(root=CGROUP_ROOT, proc_self=Path("/proc/self/cgroup")):
    """This process's cgroup v2 folder (``0::/path`` in /proc/self/cgroup), or None."""
    try:
        for line in proc_self.read_text().splitlines():
            if line.startswith("0::"):
                return root / line[3:].lstrip("/")
    except OSError:
        pass
    return None


class CgroupsV2:
    """Whole-sandbox caps on a cgroup v2 host, in a subtree delegated to this process.

    cgroup v2 allows controllers to be handed down only from a cgroup without processes of its
    own, so the grader first moves itself into a ``grader`` leaf of its cgroup, then enables
    the memory and pids controllers for the children and gives every sandbox a child of its
    own with ``memory.max`` and ``pids.max``. Works where the cgroup is writable: as root, in a
    container with its own cgroup namespace, or in a systemd unit with ``Delegate=yes``.
    """

    @classmethod
    def prepare(cls, root=CGROUP_ROOT, proc_self=Path("/proc/self/cgroup")):
        """The delegated base folder, ready for children; raise OSError saying why not."""
        if not (root / "cgroup.controllers").is_file():
            raise OSError("no cgroup v2 hierarchy at %s" % root)
        base = _own_cgroup_v2(root, proc_self)
        if base is None or not base.is_dir():
            raise OSError("this process's cgroup v2 folder was not found")
        available = (base / "cgroup.controllers").read_text().split()
        missing = [c for c in ("memory", "pids") if c not in available]
        if missing:
            raise OSError("the controllers %s are not delegated to %s" % (", ".join(missing), base))
        enabled = (base / "cgroup.subtree_control").read_text().split()
        if not {"memory", "pids"} <= set(enabled):
            leaf = base / "grader"
            leaf.mkdir(exist_ok=True)
            for pid in (base / "cgroup.procs").read_text().split():
                with _quiet():
                    (leaf / "cgroup.procs").write_text(pid)
            (base / "cgroup.subtree_control").write_text("+memory +pids")
        return base

    def __init__(self, base, name, limits):
        self.path = base / name
        self.path.mkdir(exist_ok=True)
        (self.path / "memory.max").write_text(str(limits.memory_bytes))
        (self.path / "memory.swap.max").write_text("0") if (self.path / "memory.swap.max").exists() else None
        (self.path / "pids.max").write_text(str(limits.processes))

    def join(self):
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def oom_killed(self):
        try:
            for line in (self.path / "memory.events").read_text().splitlines():
                if line.startswith("oom_kill ") and int(line.split()[1]) > 0:
                    return True
        except OSError:
            pass
        return False

    def kill_and_remove(self):
        kill = self.path / "cgroup.kill"
        with _quiet():
            if kill.exists():
                kill.write_text("1")
        for _ in range(50):
            try:
                for pid in (self.path / "cgroup.procs").read_text().split():
                    with _quiet():
                        os.kill(int(pid), signal.SIGKILL)
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.02)


class CgroupsV1:
    """Memory and process caps for the whole sandbox on a cgroup v1 host (as root)."""

    def __init__(self, name, limits):
        self.dirs = []
        for controller, settings in (("memory", {"memory.limit_in_bytes": limits.memory_bytes}),
                                     ("pids", {"pids.max": limits.processes})):
            base = CGROUP_V1 / controller
            if not (base / "cgroup.procs").exists():
                continue
            path = base / name
            try:
                path.mkdir(exist_ok=True)
                for key, value in settings.items():
                    (path / key).write_text(str(value))
                self.dirs.append(path)
            except OSError:
                continue

    def join(self):
        for path in self.dirs:
            (path / "cgroup.procs").write_text(str(os.getpid()))

    def oom_killed(self):
        for path in self.dirs:
            control = path / "memory.oom_control"
            if control.exists():
                for line in control.read_text().splitlines():
                    if line.startswith("oom_kill ") and int(line.split()[1]) > 0:
                        return True
        return False

    def kill_and_remove(self):
        for path in self.dirs:
            for _ in range(50):
                try:
                    pids = (path / "cgroup.procs").read_text().split()
                except OSError:
                    break
                for pid in pids:
                    with _quiet():
                        os.kill(int(pid), signal.SIGKILL)
                try:
                    path.rmdir()
                    break
                except OSError:
                    time.sleep(0.02)


class _NoCgroups:
    def join(self):
        pass

    def oom_killed(self):
        return False

    def kill_and_remove(self):
        pass


_MODE = None


def cgroup_mode():
    """``(kind, sentence)``: how whole-sandbox caps are enforced on this machine, decided once.

    ``kind`` is "v2", "v1" or "none"; the sentence is for the instructor's console.
    """
    global _MODE
    with _MODE_LOCK:
        return _cgroup_mode()


_MODE_LOCK = threading.Lock()  # sandboxes start from several threads at once


def _cgroup_mode():
    global _MODE
    if _MODE is None:
        try:
            base = CgroupsV2.prepare()
            _MODE = ("v2", "whole-sandbox memory and process caps: cgroup v2, under %s" % base, base)
        except OSError as v2_error:
            v1 = os.geteuid() == 0 and all((CGROUP_V1 / c / "cgroup.procs").exists()
                                           for c in ("memory", "pids"))
            if v1:
                _MODE = ("v1", "whole-sandbox memory and process caps: cgroup v1", None)
            else:
                _MODE = ("none", "warning: only per-process limits apply (address space, processes "
                         "per sandbox user); no whole-sandbox memory cap, because %s and cgroup v1 "
                         "is not writable. Run as root, or in a systemd unit with Delegate=yes"
                         % v2_error, None)
    return _MODE[:2]


def _Cgroups(name, limits):
    kind = cgroup_mode()[0]
    if kind == "v2":
        try:
            return CgroupsV2(_MODE[2], name, limits)
        except OSError:
            return _NoCgroups()
    if kind == "v1":
        return CgroupsV1(name, limits)
    return _NoCgroups()


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], OSError)


def _preexec(limits, cgroups, events_fd):
    # No RLIMIT_NPROC here: it counts every process of the real user id, and without root that
    # is the instructor's, whose desktop alone may exceed the limit, so no sandbox would start.
    # The harness sets it as its first act, once it runs as the sandbox's own user (see
    # harness.limit_processes).
    per_process = [(resource.RLIMIT_CPU, int(limits.wall_seconds) + 1),
                   (resource.RLIMIT_AS, limits.memory_bytes),
                   (resource.RLIMIT_FSIZE, limits.file_bytes),
                   (resource.RLIMIT_CORE, 0)]

    def setup():
        os.dup2(events_fd, 3)
        cgroups.join()
        for res, value in per_process:
            resource.setrlimit(res, (value, value))
    return setup


class _EventReader:
    """Reads a run's events channel in a thread until every writer has closed it.

    ``current`` is the cell or call running now and since when: a learner's code that ignores
    the harness's own alarm is stopped by the grader one second after its limit, so a stuck
    call costs its own part, not the notebook's whole time.
    """

    def __init__(self, read_fd):
        self.fd, self.chunks, self.total, self.pending = read_fd, [], 0, b""
        self.current = (None, time.monotonic())
        self.thread = threading.Thread(target=self._drain, daemon=True)

    def start(self):
        self.thread.start()

    def _watch(self, data):
        lines = (self.pending + data).split(b"\n")
        self.pending = lines.pop()
        for line in lines:
            if b'"phase"' not in line:
                continue
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict) and event.get("e") in ("cell", "call"):
                started = event.get("phase") == "start"
                self.current = (event["e"] if started else None, time.monotonic())

    def _drain(self):
        while True:
            data = os.read(self.fd, 65536)
            if not data:
                return
            self.total += len(data)
            if self.total <= EVENTS_LIMIT:
                self.chunks.append(data)
                self._watch(data)

    def finish(self):
        """The events, once the channel is closed (or after 5 s)."""
        self.thread.join(timeout=5)
        os.close(self.fd)
        return _parse_events(b"".join(self.chunks))


def run(job, slot, limits):
    """Run the harness on ``job`` (a dict) in a fresh sandbox; return a :class:`RunResult`."""
    require_bwrap()
    as_root = os.geteuid() == 0
    start = time.monotonic()
    spawned = exited = start
    with tempfile.TemporaryDirectory(prefix="grading-") as tmp:
        job_path = Path(tmp) / "job.json"
        job_path.write_text(json.dumps(dict(job, seconds_per_cell=limits.seconds_per_cell,
                                            seconds_per_call=limits.seconds_per_call,
                                            processes=limits.processes, own_user=as_root)))
        os.chmod(tmp, 0o755)
        job_path.chmod(0o644)
        out_path = Path(tmp) / "output.txt"
        read_fd, write_fd = os.pipe()
        cgroups = _Cgroups("course-grader-%d-%d" % (os.getpid(), slot), limits)
        events = _EventReader(read_fd)
        with open(out_path, "wb") as out:
            proc = subprocess.Popen(bwrap_command(job_path, slot, limits, as_root),
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                    preexec_fn=_preexec(limits, cgroups, write_fd),
                                    pass_fds=(3,), start_new_session=True)
        spawned = time.monotonic()
        os.close(write_fd)
        events.start()

        def exit_status(timeout):
            try:
                return proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                return None

        _, timed_out, overran = _watch(exit_status, start, limits, events)
        with _quiet():
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        exited = time.monotonic()
        cgroups_oom = cgroups.oom_killed()
        cgroups.kill_and_remove()
        events = events.finish()
        output = out_path.read_bytes()[:OUTPUT_KEPT].decode("utf-8", "replace")
    status, detail = _status(events, timed_out, overran, cgroups_oom, proc.returncode, limits)
    end = time.monotonic()
    return RunResult(events, output, status, detail, end - start,
                     phase_times(events, start, spawned, exited, end))



# --- the warm sandbox ---------------------------------------------------------------------

WARM_JOBS = 200  # a warm sandbox serves at most this many runs; then a new one starts
WARM_READY_SECONDS = 30.0
WARM_CPU_SECONDS = 600  # the server's own CPU limit; each child sets its run's limit itself


class WarmSandbox:
    """One slot's sandbox, started once and kept warm: NumPy and the call path are imported
    before the first submission, and each run is a child forked from that server.

    Same mounts, namespaces, user and limits as :func:`run`'s sandbox; the server is the
    sandbox's process 1 (see ``harness.serve``). Per run the server forks a child that reads
    the job through a file descriptor (the server never sees it), and, once the child has
    exited, kills every other process in the sandbox, empties /tmp and checks that nothing else
    changed. After anything other than a clean run that ended well (a timeout, a crash, the
    memory limit, a left-over process or file), the whole sandbox is killed and the next run
    starts a new one. ``run(job, slot, limits)`` is a drop-in for :func:`run`.
    """

    def __init__(self, slot):
        self.slot = slot
        self.proc = self.control = self.cgroups = self.log = None
        self.limits, self.served, self.started, self.buffer = None, 0, 0, b""
        self.unavailable = None
        self.start_seconds = 0.0  # spent starting servers, until each said it was ready

    @staticmethod
    def _same_sandbox(limits):
        return dataclasses.replace(limits, wall_seconds=0, seconds_per_cell=0, seconds_per_call=0)

    def _start(self, limits):
        self.close()
        began = time.monotonic()
        try:
            self._launch(limits)
        finally:
            self.start_seconds += time.monotonic() - began

    def _launch(self, limits):
        ours, theirs = socket.socketpair()
        self.cgroups = _Cgroups("course-grader-%d-%d" % (os.getpid(), self.slot), limits)
        self.log = tempfile.TemporaryFile()
        server_limits = dataclasses.replace(limits, wall_seconds=WARM_CPU_SECONDS)
        try:
            self.proc = subprocess.Popen(
                bwrap_command(None, self.slot, limits, os.geteuid() == 0),
                stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                preexec_fn=_preexec(server_limits, self.cgroups, theirs.fileno()),
                pass_fds=(3,), start_new_session=True)
        finally:
            theirs.close()
        self.control, self.limits, self.served, self.buffer = ours, limits, 0, b""
        self.started += 1
        deadline = time.monotonic() + WARM_READY_SECONDS
        line = None
        while line is None and time.monotonic() < deadline:
            line = self._read_line(0.25)
        try:
            ready = json.loads(line).get("ready") if line else False
        except (ValueError, AttributeError):
            ready = False
        if not ready:
            self.log.seek(0)
            said = self.log.read(OUTPUT_KEPT).decode("utf-8", "replace").strip()
            self.close()
            raise SandboxUnavailable("the warm sandbox did not start (%s)" % (said or "no output"))

    def _read_line(self, timeout):
        """A line from the server; ``b""`` if it has gone; None if nothing came in ``timeout``."""
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.control], [], [], timeout)
            if not ready:
                return None
            data = self.control.recv(4096)
            if not data:
                return b""
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def start(self, limits):
        """Start the server now (if it is not running), before its first job is known.

        A machine where it does not start (say, a bubblewrap without ``--as-pid-1``) grades
        with a new sandbox per run instead, as before; ``self.unavailable`` says why.
        """
        if self.proc is None and self.unavailable is None:
            try:
                self._start(limits)
            except SandboxUnavailable as exc:
                self.unavailable = str(exc)

    def run(self, job, slot, limits):
        require_bwrap()
        start = time.monotonic()
        if self.proc is not None and (self.served >= WARM_JOBS or self.proc.poll() is not None
                                      or self._same_sandbox(limits)
                                      != self._same_sandbox(self.limits)):
            self.close()  # worn, gone (killed from outside) or set up for other limits
        self.start(limits)
        if self.proc is None:
            return run(job, slot, limits)
        self.served += 1
        with tempfile.TemporaryFile() as job_file, tempfile.TemporaryFile() as out:
            job_file.write(json.dumps(dict(
                job, seconds_per_cell=limits.seconds_per_cell,
                seconds_per_call=limits.seconds_per_call, processes=limits.processes,
                own_user=os.geteuid() == 0, cpu_seconds=int(limits.wall_seconds) + 1)).encode())
            job_file.seek(0)
            read_fd, write_fd = os.pipe()
            events = _EventReader(read_fd)
            try:
                socket.send_fds(self.control, [b"j"], [job_file.fileno(), write_fd, out.fileno()])
            except OSError:
                pass  # the server is gone: reported below as a crash, and restarted
            finally:
                os.close(write_fd)
            spawned = time.monotonic()
            events.start()
            line, timed_out, overran = _watch(self._read_line, start, limits, events)
            exited = time.monotonic()
            try:
                reply = json.loads(line) if line else {}
            except ValueError:
                reply = {}
            returncode = reply.get("status") if isinstance(reply.get("status"), int) else None
            oom = self.cgroups.oom_killed()
            if timed_out or oom or returncode != 0 or reply.get("problem", "?"):
                self.close()  # kills whatever is left; the next run starts a new sandbox
            events = events.finish()
            out.seek(0)
            output = out.read(OUTPUT_KEPT).decode("utf-8", "replace")
        status, detail = _status(events, timed_out, overran, oom, returncode, limits)
        if status != "ok":
            self.close()
        end = time.monotonic()
        return RunResult(events, output, status, detail, end - start,
                         phase_times(events, start, spawned, exited, end))

    def close(self):
        """Kill the sandbox and everything in it (the next run starts a new one)."""
        if self.proc is not None:
            with _quiet():
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.cgroups.kill_and_remove()
            self.proc = None
        for handle in (self.control, self.log):
            if handle is not None:
                handle.close()
        self.control = self.log = None


def _watch(poll, start, limits, events):
    """Call ``poll(0.25)`` until it returns something other than None, or a limit passes.

    ``(value, timed_out, overran)``: the value ``poll`` returned (None after a timeout);
    ``overran`` names the cell or call that ran past its own limit, ignoring the harness's
    alarm, or is None when the run's wall time ran out.
    """
    item_limits = _item_limits(limits)
    while True:
        value = poll(0.25)
        if value is not None:
            return value, False, None
        now = time.monotonic()
        if now - start > limits.wall_seconds:
            return None, True, None
        kind, since = events.current
        if kind and now - since > item_limits[kind]:
            return None, True, kind


def _item_limits(limits):
    """Seconds after which the grader stops a cell or call that ignored the harness's alarm."""
    return {"cell": limits.seconds_per_cell + 1.0, "call": limits.seconds_per_call + 1.0}


def _status(events, timed_out, overran, oom, returncode, limits):
    """``(status, detail)`` of one run (see :class:`RunResult`)."""
    if any(e.get("e") == "done" for e in events):
        return "ok", ""
    if timed_out and overran:
        return "timeout", "a %s ran past its limit of %g s and ignored the alarm" % (
            overran, _item_limits(limits)[overran] - 1.0)
    if timed_out:
        return "timeout", "stopped after %.0f s" % limits.wall_seconds
    if oom:
        return "out of memory", "the memory limit (%d MiB) was reached" % (
            limits.memory_bytes // 2**20)
    if returncode is None:
        return "crashed", "the sandbox's Python process died"
    if returncode and returncode >= 128 or returncode < 0:
        sig = returncode - 128 if returncode > 0 else -returncode
        return "crashed", "the Python process died (signal %d)" % sig
    return "exited", "the program exited early (exit status %d)" % returncode


# The harness's timing marks, in order, and the phase each one ends.
_MARKS = (("start", "sandbox start"), ("imports", "imports"), ("cells", "learner code"),
          ("calls", "checks"))


def phase_times(events, start, spawned, exited, end):
    """Seconds per phase of one run, from the harness's timing events and the grader's clock.

    ``interpreter start`` is the CPU time the sandboxed Python had used when the harness's
    first line ran; ``sandbox start`` is the rest of the time from the start of :func:`run`
    to that line (bubblewrap setting up namespaces and mounts, and waiting for a core). The
    marks come from a process that also runs learner code, so they are clamped into order;
    they serve only to measure, never to grade.
    """
    marks = {}
    for event in events:
        if event.get("e") == "time" and event.get("phase") not in marks and \
                isinstance(event.get("t"), (int, float)):
            marks[event["phase"]] = event
    times = {"spawn": spawned - start}
    previous, running = start, "sandbox start"
    for (mark, phase), after in zip(_MARKS, [p for _, p in _MARKS[1:]] + ["sandbox exit"]):
        if mark not in marks:
            break
        t = min(max(float(marks[mark]["t"]), previous), exited)
        times[phase] = t - previous
        previous, running = t, after
    times[running] = times.get(running, 0.0) + exited - previous
    times["sandbox exit"] = times.get("sandbox exit", 0.0) + end - exited
    if "start" in marks and isinstance(marks["start"].get("cpu"), (int, float)):
        cpu = min(max(float(marks["start"]["cpu"]), 0.0), times["sandbox start"])
        times["sandbox start"] -= cpu
        times["interpreter start"] = cpu
    return times


def _parse_events(raw):
    events = []
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict):
            events.append(event)
    return events
