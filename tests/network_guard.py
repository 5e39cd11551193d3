"""A block of code that cannot wait on the network: every connection is refused at once, and recorded.

"Fails fast offline" tested without a clock: inside ``no_network()`` a
connection attempt raises ``OSError`` immediately (as on a machine with no
route), so no timeout can be reached, whatever the machine's real network is.
The attempted addresses are yielded; a test of vizkit's own code can assert it
tried none. (Loading with transformers may make one best-effort request of
huggingface_hub's own per process, so tests of that path assert the error only.)
"""

import socket
from contextlib import contextmanager

import pytest

_INET = (socket.AF_INET, socket.AF_INET6)


@contextmanager
def no_network():
    """Yield the list of network addresses the code tried to reach (each attempt raised ``OSError``)."""
    attempts = []

    def refuse(address):
        attempts.append(address)
        raise OSError(f"network use forbidden in this test: {address}")

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(sock, address):
        if sock.family not in _INET:  # local sockets (AF_UNIX) stay usable
            return real_connect(sock, address)
        refuse(address)

    def connect_ex(sock, address):
        if sock.family not in _INET:
            return real_connect_ex(sock, address)
        refuse(address)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        mp.setattr(socket, "create_connection", lambda address, *a, **k: refuse(address))
        mp.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: refuse((host, port)))
        yield attempts
