"""Grading on a Dask cluster: ``make autograde ARGS="--scheduler tcp://HOST:PORT"``.

The course does not run its own cluster: any Dask distributed cluster whose workers have the
course environment (a checkout of this repository at the instructor's commit, after
``make env``) and bubblewrap can grade. Each submission becomes one task,
:func:`grader.execution.run_job`, whose arguments are data: the submission's code cells, the
planned calls (function names and encoded inputs, never expected values), the limits, and a
fingerprint of the instructor's grading environment, which a worker with other grading code,
Python or NumPy refuses. The planned calls of an assignment travel once per batch, as a task
of their own, instead of once per submission. Nothing is read from or written to a shared
folder: the instructor's process decides the grades and writes the gradebook, feedback and
CSVs itself, each result once, as it comes back.

Dask reschedules the tasks of a worker that dies (up to ``distributed.scheduler.allowed-failures``
deaths per task); a task that still fails is reported as not graded, and the next
``make autograde`` grades it.

Workers: ``PYTHONPATH=/path/to/course /path/to/course/.venv/bin/dask worker tcp://HOST:PORT
--preload grader.cluster`` (or ``make worker SCHEDULER=tcp://HOST:PORT``). With the preload,
a worker that cannot start a sandbox refuses to join instead of failing every job.
"""

import asyncio
import hashlib
import json
import threading
import uuid

from grader import execution, sandbox

try:
    import distributed
except ImportError:  # pragma: no cover - depends on the installed extras
    distributed = None

WAIT_FOR_WORKERS = 120.0  # seconds


def _need_dask():
    if distributed is None:
        raise SystemExit(
            "--scheduler needs Dask, which this environment lacks. Install the [cluster] extra: "
            ".venv/bin/pip install -c constraints.txt -e '.[cluster]' (make env does)")


def planned_calls(calls):
    """The task that holds an assignment's planned calls: they travel once per batch."""
    return calls


def run_on_worker(cells, calls, limits, expected_environment):
    """:func:`grader.execution.run_job` on a Dask worker; the result also names the worker."""
    result = execution.run_job(cells, calls, limits, expected_environment)
    try:
        result["where"] = str(distributed.get_worker().name)
    except ValueError:  # not on a worker (e.g. called directly)
        pass
    return result


def _answers_or_exit(address, timeout):
    """Ask the scheduler who it is, within ``timeout`` seconds, or stop with a clear message.

    ``distributed.Client`` waits for ever on an address that accepts connections but never
    speaks Dask's protocol (another service on that port, a hung scheduler), whatever its
    ``timeout``; this question has a deadline.
    """
    async def identity():
        comm = await distributed.comm.connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity"})
            return await comm.read()
        finally:
            await comm.close()

    outcome = {}

    def ask():  # in a thread of its own: the caller may already run an event loop
        try:
            outcome["answer"] = asyncio.run(asyncio.wait_for(identity(), timeout))
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()
    asking.join(timeout + 5)
    try:
        if "error" in outcome:
            raise outcome["error"]
        if "answer" not in outcome:
            raise asyncio.TimeoutError()
        answer = outcome["answer"]
    except (OSError, asyncio.TimeoutError) as exc:
        raise SystemExit("cannot reach the Dask scheduler at %s: %s; is it running, and is the "
                         "address right?" % (address, str(exc) or "it accepted the connection but did "
                         "not answer in %g s" % timeout)) from None
    if not isinstance(answer, dict) or answer.get("type") != "Scheduler":
        raise SystemExit("%s answered, but not as a Dask scheduler (%r); check the address"
                         % (address, answer if not isinstance(answer, dict) else answer.get("type")))


class DaskPool:
    """Jobs as tasks on the Dask cluster whose scheduler is at ``address``."""

    def __init__(self, address, timeout=30, wait_for_workers=WAIT_FOR_WORKERS):
        _need_dask()
        self.address = address
        _answers_or_exit(address, timeout)
        try:
            self.client = distributed.Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise SystemExit("cannot reach the Dask scheduler at %s (%s); is it running, and is "
                             "the address right?" % (address, exc)) from None
        try:
            self.client.wait_for_workers(1, timeout=wait_for_workers)
        except (TimeoutError, distributed.TimeoutError):
            self.client.close()
            raise SystemExit(
                "no worker has joined the Dask scheduler at %s in %.0f s; start one on each "
                "grading machine (see README, 'Grading on a cluster')" % (address, wait_for_workers)
            ) from None
        self.environment = execution.environment()
        self.batch = uuid.uuid4().hex[:8]
        self._calls = {}

    def describe(self):
        workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        threads = sum(w.get("nthreads", 0) for w in workers.values())
        return "the Dask cluster at %s (%d worker%s, %d sandbox%s at once)" % (
            self.address, len(workers), "" if len(workers) == 1 else "s", threads,
            "" if threads == 1 else "es")

    def _calls_task(self, calls):
        task = self._calls.get(id(calls))
        if task is None:
            digest = hashlib.sha256(json.dumps(calls, sort_keys=True).encode()).hexdigest()[:16]
            task = self.client.submit(planned_calls, calls, key="calls-%s-%s" % (digest, self.batch))
            self._calls[id(calls)] = task
        return task

    def submit(self, job):
        return self.client.submit(run_on_worker, job.cells, self._calls_task(job.calls), job.limits,
                                  self.environment, key="grade-%s-%s" % (job.key, self.batch),
                                  retries=2)

    def completed(self, handles, tick=None):
        # Progress comes from the results; the workers' clocks do not say what still runs.
        return distributed.as_completed(handles, loop=self.client.loop)

    def result(self, handle):
        return handle.result()

    def close(self):
        self.client.close()


def dask_setup(worker):
    """``dask worker --preload grader.cluster``: join only if a sandbox starts here."""
    sandbox.require_bwrap()
    sandbox.require_working_sandbox(sandbox.Limits())
