"""A --scheduler address that is wrong stops make autograde at once, with a message that says why."""

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


def test_a_refused_address_stops_with_a_clear_message():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again below: nothing listens there
    with pytest.raises(SystemExit, match="cannot reach the Dask scheduler at tcp://127.0.0.1:%d" % port):
        DaskPool("tcp://127.0.0.1:%d" % port, timeout=1)
