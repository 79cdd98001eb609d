"""Whole-sandbox caps on cgroup v2, on a stand-in cgroup folder tree.

The development and CI machines run cgroup v1 (where ``make test`` grades the hostile class
under real v1 caps); these tests check what the v2 code writes where, which is all a v2 host
needs from us. The kernel's own enforcement is not exercised here.
"""

import pytest

from grader import sandbox


def fake_host(tmp_path, controllers="cpu memory pids", procs="4242\n"):
    root = tmp_path / "cgroup"
    base = root / "user.slice" / "grader.scope"
    base.mkdir(parents=True)
    (root / "cgroup.controllers").write_text("cpu memory pids\n")
    (base / "cgroup.controllers").write_text(controllers + "\n")
    (base / "cgroup.subtree_control").write_text("\n")
    (base / "cgroup.procs").write_text(procs)
    proc_self = tmp_path / "self-cgroup"
    proc_self.write_text("0::/user.slice/grader.scope\n")
    return root, base, proc_self


def test_the_grader_moves_into_a_leaf_and_delegates_memory_and_pids(tmp_path):
    root, base, proc_self = fake_host(tmp_path)
    assert sandbox.CgroupsV2.prepare(root, proc_self) == base
    assert (base / "grader" / "cgroup.procs").read_text() == "4242"
    assert (base / "cgroup.subtree_control").read_text() == "+memory +pids"
    limits = sandbox.Limits(memory_bytes=256 * 2**20, processes=16)
    group = sandbox.CgroupsV2(base, "course-grader-1-0", limits)
    assert (group.path / "memory.max").read_text() == str(256 * 2**20)
    assert (group.path / "pids.max").read_text() == "16"
    (group.path / "memory.events").write_text("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
    assert group.oom_killed()


def test_a_host_that_does_not_delegate_the_controllers_says_so(tmp_path):
    root, base, proc_self = fake_host(tmp_path, controllers="cpu")
    with pytest.raises(OSError, match="memory, pids are not delegated"):
        sandbox.CgroupsV2.prepare(root, proc_self)
    with pytest.raises(OSError, match="no cgroup v2 hierarchy"):
        sandbox.CgroupsV2.prepare(tmp_path / "nothing", proc_self)


def test_the_run_says_which_mode_is_in_use():
    kind, sentence = sandbox.cgroup_mode()
    assert kind in ("v1", "v2", "none")
    assert ("cgroup v%s" % kind[-1]) in sentence if kind != "none" else "warning" in sentence
