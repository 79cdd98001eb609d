"""A machine that cannot build the sandbox stops `make autograde` before anything is graded.

Ubuntu 24.04's AppArmor rule and many containers forbid unprivileged user namespaces, which the
sandbox needs when an instructor grades as themselves. Reproduced for real: `make autograde`
runs as an ordinary user (uid 1000) inside a user namespace whose parent allows no further
user namespace, so bubblewrap itself fails. The grader must say so, say what to do, and
leave the class untouched, instead of giving every student zero.
"""

import subprocess

import pytest

from tests.grading.notebooks import (autograde_command, source_answers, student_notebook,
                                     write_submission)

pytestmark = pytest.mark.xdist_group("grading")

NO_NESTED_USER_NAMESPACES = (
    # Outer namespace: may hold one user namespace below it (the inner one), no more.
    'echo 1 > /proc/sys/user/max_user_namespaces; '
    'exec unshare --user --map-user=1000 --map-group=1000 -- "$@"')


def test_grading_stops_with_a_clear_error_and_changes_nothing(tmp_path):
    nb = student_notebook("04-relu", "relu.ipynb", source_answers("04-relu", "relu.ipynb"))
    submission = write_submission(tmp_path, "honest", "04-relu", "relu.ipynb", nb)
    before = submission.read_bytes()
    proc = subprocess.run(["unshare", "--user", "--map-root-user", "--", "sh", "-c",
                           NO_NESTED_USER_NAMESPACES, "sh", *autograde_command(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "the grading sandbox does not start on this machine" in proc.stderr, proc.stderr
    assert "nothing was graded" in proc.stderr
    assert "namespace" in proc.stderr.split("What bubblewrap said:")[1]  # bwrap's own words
    assert "apparmor_restrict_unprivileged_userns" in proc.stderr        # what to do
    assert submission.read_bytes() == before
    left = {p.name for p in tmp_path.iterdir()} - {"submitted", ".autograde.lock"}
    assert not left, "grading output written although nothing was graded: %s" % left
