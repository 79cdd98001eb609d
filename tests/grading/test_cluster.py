"""``make autograde ARGS="--scheduler ..."`` on a real Dask cluster of separate processes.

A scheduler and two workers run on 127.0.0.1, each in an empty folder of its own; the class
is graded through them and, separately, on this machine, and both must give the same grades,
feedback and autograded notebooks. A second cluster loses a worker half-way through a batch.
"""

import re
import shutil
import subprocess
import time

import nbformat
import pytest

from tests.grading.dask_cluster import ProcessCluster
from tests.grading.notebooks import (gradebook_scores, make_autograde, read_csv,
                                     autograde_command, source_answers, student_notebook,
                                     write_submission)

pytestmark = pytest.mark.xdist_group("grading")

ASSIGNMENT, NOTEBOOK = "04-relu", "relu.ipynb"
PROGRESS = re.compile(r"^\[\d+/\d+\] (\S+) %s/relu: .*\(\d+\.\d s on (\S+)\)$" % ASSIGNMENT)


def write_class(course):
    """Honest, wrong, partial, unanswered, crashing and unreadable submissions."""
    answers = source_answers(ASSIGNMENT, NOTEBOOK)
    wrong = dict(answers, relu_answer="def relu(x):\n    return np.abs(x)\n")
    crash = dict(answers, relu_grad_answer="import os\nos._exit(1)\n")
    partial = {k: answers[k] for k in ("relu_answer", "frozen_fraction_answer")}
    for student, nb in [("honest", student_notebook(ASSIGNMENT, NOTEBOOK, answers)),
                        ("honest_too", student_notebook(ASSIGNMENT, NOTEBOOK, answers)),
                        ("wrong", student_notebook(ASSIGNMENT, NOTEBOOK, wrong)),
                        ("crashes", student_notebook(ASSIGNMENT, NOTEBOOK, crash)),
                        ("partial", student_notebook(ASSIGNMENT, NOTEBOOK, partial)),
                        ("empty", student_notebook(ASSIGNMENT, NOTEBOOK))]:
        write_submission(course, student, ASSIGNMENT, NOTEBOOK, nb)
    write_submission(course, "truncated", ASSIGNMENT, NOTEBOOK, '{"cells": [')


def graded_where(output):
    """``{student: worker name}`` from the progress lines; each student once."""
    where = {}
    for line in output.splitlines():
        match = PROGRESS.match(line)
        if match:
            assert match.group(1) not in where, "graded twice: " + line
            where[match.group(1)] = match.group(2)
    return where


def test_a_cluster_grades_exactly_as_this_machine_does(tmp_path):
    local, remote = tmp_path / "local", tmp_path / "remote"
    write_class(local)
    shutil.copytree(local / "submitted", remote / "submitted")
    make_autograde(local)
    with ProcessCluster(tmp_path / "cluster", workers=2) as cluster:
        output = make_autograde(remote, "--scheduler", cluster.address)
        again = make_autograde(remote, "--scheduler", cluster.address)
        for name in cluster.names:  # nothing travelled through a worker's folder
            assert list(cluster.folder(name).iterdir()) == [], name
    assert "the Dask cluster at %s (2 workers" % cluster.address in output
    where = graded_where(output)
    # every readable submission ran on a worker; the unreadable one never left this process
    assert set(where) == {"honest", "honest_too", "wrong", "crashes", "partial", "empty"}
    assert set(where.values()) <= {"w1", "w2"}
    assert "grading 0 submissions" in again and "7 already graded" in again
    assert gradebook_scores(remote, ASSIGNMENT) == gradebook_scores(local, ASSIGNMENT)
    scores = gradebook_scores(local, ASSIGNMENT)
    assert sum(v or 0 for v in scores["honest"].values()) == 12
    assert sum(v or 0 for v in scores["crashes"].values()) < 12
    assert read_csv(remote / "grades-items.csv") == read_csv(local / "grades-items.csv")
    for student in scores:
        mine = (remote / "feedback" / student / ASSIGNMENT / "relu.html").read_bytes()
        assert mine == (local / "feedback" / student / ASSIGNMENT / "relu.html").read_bytes()
        mine = (remote / "autograded" / student / ASSIGNMENT / NOTEBOOK).read_bytes()
        assert mine == (local / "autograded" / student / ASSIGNMENT / NOTEBOOK).read_bytes(), student


def test_a_worker_killed_mid_batch_loses_no_submission(tmp_path):
    answers = source_answers(ASSIGNMENT, NOTEBOOK)
    slow = dict(answers, frozen_fraction_answer="import time\ntime.sleep(1.5)\n" +
                answers["frozen_fraction_answer"])
    students = ["s%02d" % i for i in range(16)]
    course = tmp_path / "course"
    for student in students:
        write_submission(course, student, ASSIGNMENT, NOTEBOOK,
                         student_notebook(ASSIGNMENT, NOTEBOOK, slow))
    log_path = tmp_path / "autograde.log"
    with ProcessCluster(tmp_path / "cluster", workers=2) as cluster, cluster.client() as client:
        victim, survivor = cluster.names
        victim_address = cluster.worker_address(client, victim)
        with open(log_path, "w") as log:
            batch = subprocess.Popen(autograde_command(course, "--scheduler", cluster.address),
                                     stdout=log, stderr=subprocess.STDOUT, text=True)
        # Wait until the victim has taken grading jobs, then kill it (and its nanny).
        taken = []
        deadline = time.monotonic() + 600
        while not taken:
            assert batch.poll() is None, "the batch ended before a worker could be killed:\n" + \
                log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, "the victim never took a job"
            taken = [k for k in client.processing().get(victim_address, ())
                     if str(k).startswith("grade-")]
            time.sleep(0.05)  # a polling interval, not a guess at how long anything takes
        cluster.kill(victim)
        assert batch.wait(timeout=900) == 0, log_path.read_text()[-4000:]
    output = log_path.read_text()
    assert "not graded" not in output
    where = graded_where(output)
    assert set(where) == set(students)  # every submission, each exactly once
    lost = {s for s in students for k in taken if "/%s/" % s in str(k)}
    assert lost and any(where[s] == survivor for s in lost), (taken, where)
    scores = gradebook_scores(course, ASSIGNMENT)
    assert set(scores) == set(students)
    assert all(sum(v or 0 for v in scores[s].values()) == 12 for s in students)
    assert len(read_csv(course / "grades.csv")) == len(students)
    assert all(nbformat.read(course / "autograded" / s / ASSIGNMENT / NOTEBOOK, 4).cells
               for s in students)
