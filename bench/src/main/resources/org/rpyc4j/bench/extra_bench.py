"""Python side of the harness's extra scenario groups (connection setup, registry QUERY).

  extra_bench.py serve-mode threaded|pool|forking   a stock rpyc server with a noop service on 127.0.0.1
  extra_bench.py connect PORT WARMUP N SECONDS      N x (connect, root.noop(), close), at most SECONDS;
                                                    prints RESULT
  extra_bench.py serve-registry                     a stock UDPRegistryServer on 127.0.0.1
  extra_bench.py query PORT NAME WARMUP SECONDS     discover(NAME) in a loop; prints RESULT
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


def connect(port, warmup, n, max_seconds):
    first = []
    deadline = None
    for i in range(warmup + n):
        if i == warmup:
            start = time.perf_counter()
            deadline = start + max_seconds
        elif deadline is not None and time.perf_counter() > deadline:
            break
        t0 = time.perf_counter()
        conn = rpyc.connect("127.0.0.1", port)
        conn.root.noop()
        if i >= warmup:
            first.append(time.perf_counter() - t0)
        conn.close()
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


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "serve-mode":
        serve_mode(args[0])
    elif cmd == "connect":
        connect(int(args[0]), int(args[1]), int(args[2]), float(args[3]))
    elif cmd == "serve-registry":
        serve_registry()
    elif cmd == "query":
        query(int(args[0]), args[1], float(args[2]), float(args[3]))
    else:
        sys.exit("unknown command " + cmd)
