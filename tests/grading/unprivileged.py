"""Run a command as an ordinary user, the way an instructor runs ``make autograde`` on a laptop.

The grader has two sandbox modes: as root (CI, containers) each sandbox runs as a user id of its
own; as an ordinary user bubblewrap builds a user namespace instead. To test the second mode on a
machine where the tests run as root, :func:`command` wraps a command so that it runs as the user
``nobody``, in a private mount namespace in which every directory on the way to the Python
installation, the repository and the course that ``nobody`` may not enter (``/root``, home of
pyenv's Pythons, or pytest's ``/tmp/pytest-of-root``) is covered by a tmpfs that holds only the way
through. Nothing outside that namespace changes. Run by an ordinary user, the command is unchanged.
"""

import os
import shlex
import stat
import sys
from pathlib import Path

NOBODY = 65534


def is_root():
    return os.geteuid() == 0


def _closed_ancestors(targets):
    """``{directory: {child, ...}}`` for the directories on the way to ``targets`` that others
    may not enter, each with the children that lead on to a target."""
    closed = {}
    for target in targets:
        parts = Path(target).resolve().parts
        for depth in range(1, len(parts) - 1):
            directory = Path(*parts[:depth + 1])
            if not directory.stat().st_mode & stat.S_IXOTH:
                closed.setdefault(directory, set()).add(parts[depth + 1])
    return closed


def command(argv, targets, stash, env=None):
    """``argv`` as an ordinary user: unchanged for one, as ``nobody`` (see above) for root.

    ``targets`` are the paths the command needs; ``stash`` is an empty scratch directory that
    the caller removes afterwards; ``env`` are variables to set for the command.
    """
    env_args = ["env", *("%s=%s" % item for item in (env or {}).items())]
    if not is_root():
        return env_args + list(argv)
    lines = ["set -e"]
    for number, (directory, children) in enumerate(sorted(
            _closed_ancestors(targets).items(), key=lambda item: len(item[0].parts))):
        # (way through, where it is kept while the tmpfs covers its parent)
        ways = [(shlex.quote(str(directory / child)),
                 shlex.quote(str(Path(stash) / ("%d-%s" % (number, child)))))
                for child in sorted(children)]
        for way, kept in ways:
            lines += ["mkdir %s" % kept, "mount --bind %s %s" % (way, kept)]
        lines.append("mount -t tmpfs -o mode=0755 tmpfs %s" % shlex.quote(str(directory)))
        for way, kept in ways:
            lines += ["mkdir %s" % way, "mount --bind %s %s" % (kept, way)]
    lines.append('exec setpriv --reuid %d --regid %d --clear-groups -- "$@"' % (NOBODY, NOBODY))
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", "\n".join(lines),
            "sh", *env_args, *argv]


def beside_other_processes(argv, count):
    """``argv`` run while ``count`` idle processes of the same user exist, as on a desktop."""
    script = ('pids=; i=0; while [ $i -lt %d ]; do sleep 900 </dev/null >/dev/null 2>&1 & '
              'pids="$pids $!"; i=$((i+1)); done; "$@"; status=$?; kill $pids; exit $status' % count)
    return ["sh", "-c", script, "sh", *argv]


def hand_over(directory):
    """Give ``directory`` and everything in it to the user the command will run as."""
    if not is_root():
        return
    for root, _, files in os.walk(directory):  # every directory comes up once as a root
        for name in [root, *(os.path.join(root, n) for n in files)]:
            os.chown(name, NOBODY, NOBODY, follow_symlinks=False)


def python_prefix():
    """The Python installation the course environment is built on."""
    return os.path.realpath(sys.base_prefix)
