"""Benchmark: stock ``nbgrader autograde`` against ``make autograde`` on the same class.

Grades N honest submissions of the ReLU assignment (default 100) twice, in two fresh course
directories: once with nbgrader's own autograder (one kernel per notebook, sequential, no
sandbox) and once through ``make autograde`` (sandboxed, parallel). Prints both wall times,
the ratio, and checks that every student got the same automatic score from both. Also prints
``make autograde``'s ``--timings`` table. (CPU time is not compared: the kernel does not
charge a bubblewrap sandbox's processes to the grader that started it, so ``make autograde``'s
would look smaller than it is.)

Usage: ``make benchmark`` or ``python benchmarks/bench_autograde.py [--students N]``.
This is a measurement, not a test: nothing here asserts on time.
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

from tests.grading.notebooks import source_answers, student_notebook, write_submission  # noqa: E402

ASSIGNMENT, NOTEBOOK = "04-relu", "relu.ipynb"
BIN = Path(sys.executable).parent


def auto_scores(course_dir):
    from nbgrader.api import Gradebook
    scores = {}
    with Gradebook("sqlite:///%s" % (course_dir / "gradebook.db")) as gb:
        for submission in gb.assignment_submissions(ASSIGNMENT):
            scores[submission.student.id] = round(sum(
                g.auto_score or 0.0 for nb in submission.notebooks for g in nb.grades), 6)
    return scores


def timed(label, cmd, cwd, course=None, total=None):
    """Run ``cmd``; every 10 s, report how many submissions have an autograded/ folder.

    Returns ``(wall seconds, output)``.
    """
    print(">> %s: %s" % (label, " ".join(cmd)), flush=True)
    env = dict(os.environ, PATH="%s:%s" % (BIN, os.environ.get("PATH", "")))
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                text=True)
        next_report = 10.0
        while proc.poll() is None:
            time.sleep(0.2)
            elapsed = time.perf_counter() - start
            if course is not None and elapsed >= next_report:
                next_report += 10.0
                done = len(list((course / "autograded").glob("*/%s" % ASSIGNMENT)))
                print("   ... %d/%d graded after %.0f s" % (done, total, elapsed), flush=True)
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read()
        if proc.returncode != 0:
            raise SystemExit("%s failed:\n%s" % (label, output[-6000:]))
    return seconds, output


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=100)
    args = parser.parse_args()
    nb = student_notebook(ASSIGNMENT, NOTEBOOK, source_answers(ASSIGNMENT, NOTEBOOK))
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        stock, ours = Path(tmp) / "stock", Path(tmp) / "ours"
        for course in (stock, ours):
            for i in range(args.students):
                write_submission(course, "student%03d" % i, ASSIGNMENT, NOTEBOOK, nb)
        # nbgrader's own layout: source/ and its default config, gradebook from generate_assignment
        shutil.copytree(REPO / "solutions" / ASSIGNMENT, stock / "source" / ASSIGNMENT)
        (stock / "nbgrader_config.py").write_text("c = get_config()\n")
        timed("nbgrader generate_assignment", [str(BIN / "nbgrader"), "generate_assignment",
                                               ASSIGNMENT, "--log-level=WARN"], stock)
        print("grading %d submissions with stock nbgrader (sequential kernels) ..." % args.students,
              flush=True)
        t_stock, _ = timed("stock", [str(BIN / "nbgrader"), "autograde", ASSIGNMENT,
                                  "--log-level=WARN"], stock, stock, args.students)
        print("   %.1f s" % t_stock, flush=True)
        print("grading the same %d with make autograde (sandboxed, parallel) ..." % args.students,
              flush=True)
        t_ours, log = timed("ours", ["make", "-s", "-C", str(REPO), "autograde",
                                               "ARGS=--course-dir %s --timings" % ours],
                                      REPO, ours, args.students)
        print("   %.1f s" % t_ours, flush=True)
        s_stock, s_ours = auto_scores(stock), auto_scores(ours)
    same = s_stock == s_ours and len(s_ours) == args.students
    print(log[log.index("where the time went"):] if "where the time went" in log else "")
    print("\nstudents: %d  cores: %d  load average at the end: %.1f" % (
        args.students, os.cpu_count(), os.getloadavg()[0]))
    print("stock nbgrader autograde: %7.1f s  (%.2f s per notebook)" % (
        t_stock, t_stock / args.students))
    print("make autograde:           %7.1f s  (%.3f s per notebook)" % (
        t_ours, t_ours / args.students))
    print("speed-up:                 %7.1fx" % (t_stock / t_ours))
    print("identical scores:         %s (every student: %s)" % (
        "yes" if same else "NO", sorted(set(s_ours.values()))))
    if not same:
        raise SystemExit("scores differ between the two graders")


if __name__ == "__main__":
    main()
