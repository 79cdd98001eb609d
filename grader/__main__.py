"""``python -m grader autograde|collect|solution-book|learner-edition [options]``."""

import sys

COMMANDS = {
    "autograde": ("grader.autograde", "grade submitted/ in sandboxes, into the gradebook"),
    "collect": ("grader.collect", "unpack an LMS download into submitted/"),
    "solution-book": ("grader.solution_book", "instructors only: executed assignments as HTML"),
    "learner-edition": ("grader.edition", "the public learner repository, without instructor material"),
}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print("usage: python -m grader {%s} [options]\n" % ",".join(COMMANDS), file=sys.stderr)
        for name, (_, what) in COMMANDS.items():
            print("  %-16s %s" % (name, what), file=sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    import importlib
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
