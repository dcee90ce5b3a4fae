"""Python side of the harness's extra scenario groups (connection setup, registry QUERY).

  extra_bench.py serve-mode threaded|pool|forking   a stock rpyc server with a noop service on 127.0.0.1
  extra_bench.py connect PORT WARMUP WSECS N SECONDS
                                  WARMUP connections (at most WSECS seconds), then N x (connect, root.noop(),
                                  close), at most SECONDS; prints RESULT
  extra_bench.py connect-raw PORT WARMUP WSECS N SECONDS
                                  the same with plain sockets against a TCP echo server: connect, two 20-byte
                                  round trips, close (the floor of a Python client's connection)
  extra_bench.py serve-registry                     a stock UDPRegistryServer on 127.0.0.1
  extra_bench.py query PORT NAME WARMUP SECONDS     discover(NAME) in a loop; prints RESULT
  extra_bench.py query-raw PORT WARMUP SECONDS      what discover does on the wire, against a UDP echo server:
                                                    a fresh socket, one datagram each way (the floor)
Servers print PORT n and exit when standard input closes.
"""
import os
import sys
import threading
import time

import rpyc


class NoopService(rpyc.Service):
    def exposed_noop(self):
        pass


def exit_on_stdin_close():
    def watch():
        sys.stdin.read()
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def serve_mode(mode):
    from rpyc.utils.server import ThreadedServer, ThreadPoolServer, ForkingServer
    cls = {"threaded": ThreadedServer, "pool": ThreadPoolServer, "forking": ForkingServer}[mode]
    server = cls(NoopService, hostname="127.0.0.1", port=0, backlog=4096)
    exit_on_stdin_close()
    print("PORT", server.port, flush=True)
    server.start()


def connect(port, warmup, warmup_seconds, n, max_seconds):
    def once():
        conn = rpyc.connect("127.0.0.1", port)
        conn.root.noop()
        return conn.close
    series(once, warmup, warmup_seconds, n, max_seconds)


def connect_raw(port, warmup, warmup_seconds, n, max_seconds):
    import socket
    payload = b"x" * 20

    def once():
        s = socket.create_connection(("127.0.0.1", port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(2):
            s.sendall(payload)
            got = 0
            while got < len(payload):
                got += len(s.recv(64))
        return s.close
    series(once, warmup, warmup_seconds, n, max_seconds)


def series(once, warmup, warmup_seconds, n, max_seconds):
    """Warm-up connections, then timed ones; once() connects and makes the first reply, returns the closer."""
    warmup_end = time.perf_counter() + warmup_seconds
    for _ in range(warmup):
        once()()
        if time.perf_counter() > warmup_end:
            break
    first = []
    start = time.perf_counter()
    deadline = start + max_seconds
    for i in range(n):
        if i > 0 and time.perf_counter() > deadline:
            break
        t0 = time.perf_counter()
        close = once()
        first.append(time.perf_counter() - t0)
        close()
    total = time.perf_counter() - start
    first.sort()
    print("RESULT %d %.6f %.1f" % (len(first), total, first[len(first) // 2] * 1e6), flush=True)


def serve_registry():
    from rpyc.utils.registry import UDPRegistryServer
    server = UDPRegistryServer(host="127.0.0.1", port=0)
    exit_on_stdin_close()
    print("PORT", server.port, flush=True)
    server.start()


def query(port, name, warmup, seconds):
    from rpyc.utils.registry import UDPRegistryClient
    client = UDPRegistryClient(ip="127.0.0.1", port=port)
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        client.discover(name)
    answered = empty = 0
    start = time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end:
        if client.discover(name):
            answered += 1
        else:
            empty += 1
    print("RESULT %d %d %.6f" % (answered, empty, time.perf_counter() - start), flush=True)


def query_raw(port, warmup, seconds):
    import socket
    from rpyc.core import brine
    data = brine.dump(("RPYC", "QUERY", ("BENCHNOOP",)))

    def once():
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            sock.sendto(data, ("127.0.0.1", port))
            sock.settimeout(2)
            sock.recvfrom(65535)
        finally:
            sock.close()
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        once()
    answered = 0
    start = time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end:
        once()
        answered += 1
    print("RESULT %d %d %.6f" % (answered, 0, time.perf_counter() - start), flush=True)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "serve-mode":
        serve_mode(args[0])
    elif cmd in ("connect", "connect-raw"):
        run = connect if cmd == "connect" else connect_raw
        run(int(args[0]), int(args[1]), float(args[2]), int(args[3]), float(args[4]))
    elif cmd == "serve-registry":
        serve_registry()
    elif cmd == "query":
        query(int(args[0]), args[1], float(args[2]), float(args[3]))
    elif cmd == "query-raw":
        query_raw(int(args[0]), float(args[1]), float(args[2]))
    else:
        sys.exit("unknown command " + cmd)
