"""A --scheduler address that never answers stops make autograde, with a message that says why.

(A refused address: tests/unit/test_execution.py.)"""

import asyncio
import socket
import threading

import pytest

from grader.cluster import DaskPool


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield "tcp://127.0.0.1:%d" % server.getsockname()[1]
    server.close()
    for conn in accepted:
        conn.close()


def test_an_address_that_never_answers_stops_with_a_clear_message(silent_server):
    with pytest.raises(SystemExit, match="accepted the connection but did not answer in 1 s"):
        DaskPool(silent_server, timeout=1)


def test_the_question_works_inside_a_running_event_loop(silent_server):
    """As in a test process (or a notebook) where some library already runs an event loop."""
    async def inside():
        with pytest.raises(SystemExit, match="did not answer in 1 s"):
            DaskPool(silent_server, timeout=1)

    failures = []

    def in_a_loop():  # a thread of its own: pytest's own thread may run a loop already
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(inside())
        except BaseException as exc:
            failures.append(exc)
        finally:
            loop.close()

    thread = threading.Thread(target=in_a_loop)
    thread.start()
    thread.join()
    assert not failures, failures
