"""A real Dask cluster on this machine, for tests: a scheduler and workers as processes.

Each process starts as an instructor would start it on another machine (``dask scheduler``,
``dask worker ... --preload grader.cluster``, the course checkout on ``PYTHONPATH``), in an
empty working folder of its own, on 127.0.0.1. No port is chosen here: the scheduler takes
any free one (``--port 0``) and writes its address to a scheduler file, which the test reads.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DASK = str(Path(sys.executable).parent / "dask")
START_TIMEOUT = 300.0  # seconds; the machine may be busy with other tests


class ProcessCluster:
    """``with ProcessCluster(tmp, workers=2) as cluster: cluster.address ...``"""

    def __init__(self, root, workers=2, threads=2):
        self.root = Path(root)
        self.names = ["w%d" % (i + 1) for i in range(workers)]
        self.threads = threads
        self.procs = {}
        self.address = None

    def folder(self, name):
        return self.root / name

    def _start(self, name, argv):
        folder = self.folder(name)
        folder.mkdir(parents=True)
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
        log = open(self.root / (name + ".log"), "wb")
        self.procs[name] = subprocess.Popen(argv, cwd=folder, env=env, stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        log.close()

    def log(self, name):
        path = self.root / (name + ".log")
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        scheduler_file = self.root / "scheduler.json"
        self._start("scheduler", [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                  "--dashboard-address", "127.0.0.1:0",
                                  "--scheduler-file", str(scheduler_file)])
        deadline = time.monotonic() + START_TIMEOUT
        while self.address is None:
            if self.procs["scheduler"].poll() is not None:
                raise RuntimeError("the scheduler stopped:\n" + self.log("scheduler"))
            if time.monotonic() > deadline:
                raise RuntimeError("no scheduler file after %.0f s:\n%s" % (
                    START_TIMEOUT, self.log("scheduler")))
            try:
                self.address = json.loads(scheduler_file.read_text())["address"]
            except (OSError, ValueError, KeyError):
                time.sleep(0.1)
        for name in self.names:
            self._start(name, [DASK, "worker", self.address, "--name", name,
                               "--nthreads", str(self.threads), "--no-dashboard",
                               "--preload", "grader.cluster", "--death-timeout", "120"])
        with self.client() as client:
            try:
                client.wait_for_workers(len(self.names), timeout=START_TIMEOUT)
            except Exception:
                raise RuntimeError("the workers did not join:\n" + "\n".join(
                    self.log(n) for n in self.names)) from None

    def client(self):
        from distributed import Client
        return Client(self.address, timeout=60, set_as_default=False)

    def worker_address(self, client, name):
        for address, info in client.scheduler_info(n_workers=-1)["workers"].items():
            if info.get("name") == name:
                return address
        raise KeyError("no worker named %s has joined" % name)

    def kill(self, name):
        """SIGKILL a worker and its nanny at once, as a machine that loses power."""
        proc = self.procs[name]
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()

    def stop(self):
        for name in reversed(list(self.procs)):
            proc = self.procs[name]
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(timeout=30)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    self.kill(name)
