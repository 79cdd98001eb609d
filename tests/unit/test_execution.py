"""The pieces that let grading scale, on plain data: phase times, slots, jobs, batches."""

import os
import socket
import subprocess
import sys

import pytest

from grader import autograde, execution, sandbox
from grader.timings import INSTRUCTOR_PHASES, SANDBOX_PHASES, Timings


def marks(**times):
    return [{"e": "time", "phase": k, "t": v, **({"cpu": 0.01} if k == "start" else {})}
            for k, v in times.items()]


def test_phase_times_split_one_run_and_add_up_to_its_wall_time():
    events = marks(start=10.10, imports=10.16, cells=10.20, calls=10.21)
    times = sandbox.phase_times(events, 10.0, 10.002, 10.25, 10.26)
    assert times["interpreter start"] == pytest.approx(0.01)
    assert times["sandbox start"] == pytest.approx(0.09)
    assert times["imports"] == pytest.approx(0.06)
    assert times["learner code"] == pytest.approx(0.04)
    assert times["checks"] == pytest.approx(0.01)
    assert times["sandbox exit"] == pytest.approx(0.05)
    assert times["spawn"] == pytest.approx(0.002)
    assert sum(v for k, v in times.items() if k != "spawn") == pytest.approx(0.26)


def test_a_run_killed_in_a_cell_charges_the_rest_to_learner_code():
    times = sandbox.phase_times(marks(start=10.1, imports=10.2), 10.0, 10.0, 12.0, 12.1)
    assert times["learner code"] == pytest.approx(1.8) and "checks" not in times


def test_marks_out_of_order_or_in_the_future_are_clamped():
    """The learner's code shares the process with the harness and may write fake marks."""
    events = [{"e": "time", "phase": "cells", "t": 1e12}] + marks(start=5.0, imports=10.2)
    times = sandbox.phase_times(events, 10.0, 10.0, 11.0, 11.0)
    assert all(v >= 0 for v in times.values())
    assert sum(v for k, v in times.items() if k != "spawn") == pytest.approx(1.0)


def test_the_timings_report_names_every_phase():
    timings = Timings()
    timings.add_all({"imports": 1.5, "gradebook": 0.25})
    timings.graded = 3
    report = timings.report(2.0, "here")
    for phase, _ in SANDBOX_PHASES + INSTRUCTOR_PHASES:
        assert phase in report
    assert "500.0" in report  # 1.5 s of imports over 3 submissions


def test_slots_are_unique_across_processes_while_held():
    """Two graders on one machine (two Dask workers) never give two sandboxes one user id."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom grader import sandbox\n"
         "with sandbox.claim_slot() as s:\n    print(s, flush=True)\n    sys.stdin.read()"],
        cwd=autograde.REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        held = int(holder.stdout.readline())
        with sandbox.claim_slot() as a, sandbox.claim_slot() as b:
            assert len({held, a, b}) == 3
    finally:
        holder.communicate("")
    with sandbox.claim_slot() as c:  # the holder's slot is free once it has exited
        assert 0 <= c < sandbox.MAX_SLOTS


def test_a_worker_with_another_grading_environment_refuses_the_job():
    with pytest.raises(execution.WorkerUnfit, match="different course environment"):
        execution.run_job([], [], sandbox.Limits(), "0" * 16)
    assert len(execution.environment()) == 16


def test_an_unreadable_submission_never_becomes_a_job(tmp_path, relu_spec):
    path = tmp_path / "relu.ipynb"
    path.write_text("{not json")
    result, job = execution.prepare(path, relu_spec, "learner", [], "key", sandbox.Limits())
    assert job is None and "not valid notebook JSON" in result.error
    assert all(p.points == 0 for p in result.parts)


def test_an_address_without_a_scheduler_is_named_in_the_error():
    from grader import cluster
    with socket.socket() as closed:  # a port held by this test, but not listening: refused
        closed.bind(("127.0.0.1", 0))
        address = "tcp://127.0.0.1:%d" % closed.getsockname()[1]
        with pytest.raises(SystemExit, match="cannot reach the Dask scheduler at " + address):
            cluster.DaskPool(address, timeout=2)


@pytest.fixture(scope="module")
def relu_spec():
    from grader import grading
    return grading.load_spec(autograde.REPO / "solutions" / "04-relu" / "relu.ipynb", "04-relu")


def test_one_commit_writes_a_batch_at_once_or_not_at_all(tmp_path, monkeypatch):
    """nbgrader's Gradebook commits after each call; inside one_commit an error undoes all."""
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + ":" + os.environ["PATH"])
    from nbgrader.api import Gradebook, MissingEntry
    url = "sqlite:///%s" % (tmp_path / "gradebook.db")
    with Gradebook(url) as gb:
        with pytest.raises(RuntimeError):
            with autograde.one_commit(gb):
                gb.update_or_create_student("first")
                raise RuntimeError("killed half-way")
        with pytest.raises(MissingEntry):
            gb.find_student("first")
        with autograde.one_commit(gb):
            gb.update_or_create_student("first")
            gb.update_or_create_student("second")
    with Gradebook(url) as gb:
        assert {s.id for s in gb.students} == {"first", "second"}


def test_a_new_gradebook_is_stamped_with_the_version_alembic_heads_prints():
    """What nbgrader.api.get_alembic_version computes, by the command it runs."""
    from nbgrader.dbutil import _temp_alembic_ini
    alembic = os.path.join(os.path.dirname(sys.executable), "alembic")
    with _temp_alembic_ini("sqlite:////tmp/gradebook.db") as ini:
        heads = subprocess.check_output([alembic, "-c", ini, "heads"], text=True)
    assert autograde.alembic_head() == heads.split("\n")[0].split(" ")[0]
