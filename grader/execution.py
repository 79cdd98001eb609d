"""Where a submission's code runs: one job on plain data, and the pools that run jobs.

The grading of one submission splits in three, so that only the middle part needs a sandbox
and only data crosses between the parts:

1. :func:`prepare` (instructor's process): read the notebook and plan what runs in it.
2. :func:`run_job` (a sandbox, on this machine or on a Dask worker): the submission's code
   cells and the planned calls (function names and encoded inputs, no expected values) in,
   each call's outcome out. A pure function of its arguments: the instructor's notebook, its
   hidden tests and expected values never leave the instructor's process.
3. :func:`finish` (instructor's process): decide each part from the outcomes.

:class:`LocalPool` runs jobs in sandboxes on this machine; :class:`grader.cluster.DaskPool`
sends them to a Dask cluster. Both offer ``submit(job)``, ``completed(handles)`` and
``result(handle)``, so ``make autograde`` does not care where a job ran.
"""

import hashlib
import platform
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass

from grader import grading, sandbox
from solutions.calling import Outcome

@dataclass(frozen=True)
class Job:
    """What leaves the instructor's process for one submission."""

    key: str       # names the job in progress lines and on a cluster; unique per submission
    cells: list    # [{"index": i, "source": "..."}], the submission's code cells to run
    calls: list    # grading.plan_calls(spec): keys, function names, encoded inputs
    limits: sandbox.Limits


@dataclass
class Prepared:
    """A readable submission, planned, waiting for its job's outcomes."""

    student: str
    spec: object
    notebook: object
    answers: dict
    warnings: list


def prepare(path, spec, student, calls, key, limits):
    """Read and plan a submission: ``(Prepared, Job)``, or ``(SubmissionResult, None)`` when
    the notebook cannot be graded (the result then says why, and every part scores 0)."""
    try:
        nb = grading.read_submission(path)
        cells, answers, warnings = grading.plan(nb, spec)
    except grading.SubmissionError as exc:
        return grading.unreadable(spec, student, str(exc)), None
    return Prepared(student, spec, nb, answers, warnings), Job(key, cells, calls, limits)


def finish(prepared, result):
    """The submission's result from its job's result (see :func:`run_job`)."""
    outcomes = {key: Outcome.from_json(data) for key, data in result["outcomes"].items()}
    spec = prepared.spec
    return grading.SubmissionResult(
        prepared.student, spec.assignment, spec.name,
        grading.decide(spec, prepared.answers, outcomes,
                       grading.untouched_answers(prepared.notebook, spec)),
        {int(k): v for k, v in result["cell_errors"].items()},
        prepared.answers, prepared.warnings, "", result["output"], result["seconds"],
        result["runs"], prepared.notebook)


# --- the job itself -----------------------------------------------------------------------

def environment():
    """What must match between the instructor and every machine that runs jobs.

    The files the sandbox runs (harness, the one call path and its codec, the sandbox itself)
    and the Python and NumPy versions that run the learner's code. A worker whose course
    environment differs would grade by other rules, so it refuses the job.
    """
    import numpy
    h = hashlib.sha256()
    files = [sandbox.HERE / "harness.py", sandbox.HERE / "sandbox.py", sandbox.HERE / "grading.py",
             *[sandbox.LIBRARY / name for name in sandbox.SANDBOX_LIBRARY]]
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(("python %s numpy %s" % (platform.python_version(), numpy.__version__)).encode())
    return h.hexdigest()[:16]


class WorkerUnfit(RuntimeError):
    """The machine asked to run a job cannot grade as the instructor's machine would."""


def run_job(cells, calls, limits, expected_environment=None, warm=None):
    """Run one submission's cells and calls in sandboxes; return plain data.

    ``{"outcomes": {call key: Outcome.to_json()}, "cell_errors": {cell index: sentence},
    "output": first run's output, "runs": sandbox runs, "seconds": wall time,
    "timings": seconds per phase, "host": machine name}``. Nothing in it depends on where it
    ran, so a job lost with its worker can run again elsewhere. ``warm``: a
    :class:`grader.sandbox.WarmSandbox` whose slot the caller holds; without it, each run
    starts a sandbox of its own in a slot claimed for this job.
    """
    if expected_environment is not None and expected_environment != environment():
        raise WorkerUnfit(
            "the machine %s has a different course environment (grader code, Python or NumPy) "
            "than the instructor's; check out the same commit there and run `make env`"
            % platform.node())
    start, timings = time.monotonic(), {}
    if warm is not None:  # a sandbox of a slot this thread holds (see LocalPool)
        outcomes, cell_errors, output, runs = grading.run_with_restarts(
            cells, calls, warm.slot, limits, timings, warm.run)
    else:
        with sandbox.claim_slot() as slot:
            outcomes, cell_errors, output, runs = grading.run_with_restarts(
                cells, calls, slot, limits, timings)
    return {"outcomes": {key: o.to_json() for key, o in outcomes.items()},
            "cell_errors": cell_errors, "output": output, "runs": runs,
            "seconds": time.monotonic() - start, "timings": timings, "host": platform.node()}


# --- the local pool -----------------------------------------------------------------------

class LocalPool:
    """Jobs in sandboxes on this machine, ``jobs`` at once (a thread waits on each).

    Each thread claims a sandbox slot for the pool's lifetime and keeps that slot's
    :class:`grader.sandbox.WarmSandbox`: one sandbox start and one NumPy import per slot, not
    per submission; each submission still runs in a process of its own, forked from a server
    that never ran learner code, and nothing it leaves behind survives it. ``warm=False``:
    a new sandbox for every run instead.
    """

    def __init__(self, jobs, warm=True):
        self.jobs, self.warm = jobs, warm
        self._pool = ThreadPoolExecutor(max_workers=jobs)
        self._started = {}  # job key -> when a sandbox started on it
        self._local = threading.local()
        self._held = []  # (slot claim, WarmSandbox) of every thread
        self._lock = threading.Lock()

    def describe(self):
        return "%d local sandbox%s at once" % (self.jobs, "" if self.jobs == 1 else "es")

    def _warm_sandbox(self):
        warm = getattr(self._local, "warm", None)
        if warm is None:
            claim = sandbox.claim_slot()
            warm = sandbox.WarmSandbox(claim.__enter__())
            with self._lock:
                self._held.append((claim, warm))
            self._local.warm = warm
        return warm

    def prewarm(self, limits):
        """Start every thread's warm sandbox now, while the instructor's process still loads
        the instructor notebooks; returns at once."""
        if not self.warm:
            return
        barrier = threading.Barrier(self.jobs)

        def start():
            try:
                barrier.wait(timeout=5)  # one task per thread, not two on one
            except threading.BrokenBarrierError:
                pass
            self._warm_sandbox().start(limits)
        for _ in range(self.jobs):
            self._pool.submit(start)

    def submit(self, job):
        def timed():
            self._started[job.key] = time.monotonic()
            try:
                return run_job(job.cells, job.calls, job.limits,
                               warm=self._warm_sandbox() if self.warm else None)
            finally:
                self._started.pop(job.key, None)
        return self._pool.submit(timed)

    def running(self):
        """``[(job key, seconds running), ...]`` of the jobs in a sandbox now."""
        now = time.monotonic()
        return [(key, now - since) for key, since in list(self._started.items())]

    def completed(self, handles, tick=None):
        """Yield each handle as its job finishes; call ``tick()`` every two seconds meanwhile."""
        pending = set(handles)
        while pending:
            done, pending = wait(pending, timeout=2.0, return_when=FIRST_COMPLETED)
            yield from done
            if tick is not None:
                tick()

    def result(self, handle):
        return handle.result()

    def close(self):
        """Wait for the jobs, stop the warm sandboxes, free their slots; return the seconds
        spent starting warm sandboxes."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            held, self._held = self._held, []
        for claim, warm in held:
            warm.close()
            claim.__exit__(None, None, None)
        return sum(warm.start_seconds for _, warm in held)
