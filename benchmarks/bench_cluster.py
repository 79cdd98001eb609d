"""Benchmark: submissions per second through a Dask cluster of 1 and 2 local workers.

Starts a scheduler and N workers on 127.0.0.1 as separate processes (as ``make test`` does),
grades the same honest ReLU submissions with ``make autograde ARGS="--scheduler ..."`` in a
fresh course directory for each cluster size, and, for reference, with the local pool. The
rate counts the whole command (start-up, gradebook, feedback, CSVs), as an instructor waits
for it. Workers on one machine share its cores: this measures the overhead of the cluster
path, not the gain from more machines.

Usage: ``python benchmarks/bench_cluster.py [--students N] [--threads T]``. Not a test.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.grading.dask_cluster import ProcessCluster  # noqa: E402
from tests.grading.notebooks import (autograde_command, source_answers,  # noqa: E402
                                     student_notebook, write_submission)

ASSIGNMENT, NOTEBOOK = "04-relu", "relu.ipynb"


def grade(course, *extra):
    start = time.perf_counter()
    proc = subprocess.run(autograde_command(course, *extra), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit("make autograde failed:\n" + proc.stdout[-3000:] + proc.stderr[-3000:])
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--threads", type=int, default=(os.cpu_count() or 1) + 1,
                        help="sandboxes at once per worker (default: cores + 1)")
    args = parser.parse_args()
    nb = student_notebook(ASSIGNMENT, NOTEBOOK, source_answers(ASSIGNMENT, NOTEBOOK))
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        template = Path(tmp) / "template"
        for i in range(args.students):
            write_submission(template, "student%03d" % i, ASSIGNMENT, NOTEBOOK, nb)

        def fresh(name):
            course = Path(tmp) / name
            shutil.copytree(template, course)
            return course

        print(">> local pool (%d sandboxes at once)" % args.threads, flush=True)
        rows.append(("local pool, no Dask", grade(fresh("local"), "--jobs", str(args.threads))))
        for workers in (1, 2):
            print(">> Dask: a scheduler and %d worker%s" % (workers, "" if workers == 1 else "s"),
                  flush=True)
            with ProcessCluster(Path(tmp) / ("cluster%d" % workers), workers=workers,
                                threads=args.threads) as cluster:
                rows.append(("Dask, %d local worker%s" % (workers, "" if workers == 1 else "s"),
                             grade(fresh("dask%d" % workers), "--scheduler", cluster.address)))
    print("\n%d submissions, %d cores, %d sandboxes at once per worker, load average %.1f" % (
        args.students, os.cpu_count(), args.threads, os.getloadavg()[0]))
    for label, seconds in rows:
        print("  %-26s %6.1f s  %6.1f submissions/s" % (label, seconds, args.students / seconds))


if __name__ == "__main__":
    main()
