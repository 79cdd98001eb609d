"""``make autograde ARGS=--timings``: where a batch's time goes, phase by phase.

Two kinds of phase. Sandbox phases happen once per submission, in many sandboxes at once (on
this machine or on Dask workers); their totals are summed over submissions and can exceed the
wall time. Instructor phases happen one after the other in the instructor's process.
"""

import os
import time
from contextlib import contextmanager

SANDBOX_PHASES = (
    ("warm sandboxes", "once per slot: bubblewrap, Python, NumPy's import"),
    ("sandbox start", "until the submission's process runs (a fork of the warm sandbox)"),
    ("interpreter start", "Python's own start-up (CPU time; none in a warm sandbox)"),
    ("imports", "NumPy and the call path, before any learner code"),
    ("learner code", "the submission's code cells"),
    ("checks", "the graded calls"),
    ("sandbox exit", "process exit, clean-up, reading the results"),
)
SPAWN = ("spawn", "of the sandbox start: handing the job over (or starting bubblewrap)")
INSTRUCTOR_PHASES = (
    ("grader start-up", "Python and the grader's imports, before the batch"),
    ("instructor notebooks", "reading them, recording checks and expected values"),
    ("find submissions", "listing submitted/, fingerprints, skipping unchanged work"),
    ("sandbox check", "one empty sandbox, started before grading"),
    ("read + plan", "parsing submissions, choosing the cells to run"),
    ("nbgrader set-up", "importing nbgrader, the gradebook's assignment rows"),
    ("decide", "comparing outcomes with expected values"),
    ("gradebook", "writing scores into gradebook.db"),
    ("feedback", "autograded notebooks and feedback pages"),
    ("CSV export", "grades.csv and grades-items.csv"),
)


def process_age():
    """Seconds since this process started (10 ms resolution), or None where unknown."""
    try:
        with open("/proc/self/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        return max(time.clock_gettime(time.CLOCK_BOOTTIME) - started, 0.0)
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class Timings:
    """Seconds per phase, accumulated."""

    def __init__(self):
        self.totals = {}
        self.graded = 0

    def add(self, phase, seconds):
        self.totals[phase] = self.totals.get(phase, 0.0) + seconds

    def add_all(self, mapping):
        for phase, seconds in mapping.items():
            self.add(phase, seconds)

    @contextmanager
    def phase(self, name):
        start = time.monotonic()
        try:
            yield
        finally:
            self.add(name, time.monotonic() - start)

    def report(self, wall, where):
        """The table ``--timings`` prints, as text."""
        n = max(self.graded, 1)
        lines = ["", "where the time went: %d submission%s graded in %.2f s wall (%s)" % (
            self.graded, "" if self.graded == 1 else "s", wall, where),
            "  in the sandboxes (summed over submissions; many run at once)"
            "         total s   ms per submission"]
        sandbox_total = sum(self.totals.get(p, 0.0) for p, _ in SANDBOX_PHASES)
        for phase, what in SANDBOX_PHASES + (SPAWN,):
            seconds = self.totals.get(phase, 0.0)
            label = "%s (%s)" % (phase, what)
            lines.append("    %-62s %7.2f   %7.1f" % (label[:62], seconds, 1000 * seconds / n))
        lines.append("    %-62s %7.2f   %7.1f" % ("all sandbox phases", sandbox_total,
                                                   1000 * sandbox_total / n))
        lines.append("  in the instructor's process (one after the other)")
        for phase, what in INSTRUCTOR_PHASES:
            seconds = self.totals.get(phase, 0.0)
            label = "%s (%s)" % (phase, what)
            lines.append("    %-62s %7.2f   %7.1f" % (label[:62], seconds, 1000 * seconds / n))
        return "\n".join(lines)
