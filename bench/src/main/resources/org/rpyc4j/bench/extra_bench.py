"""Python side of the harness's extra scenario groups (connection setup, registry QUERY, concurrent
clients).

  extra_bench.py serve-mode threaded|pool|forking [NBTHREADS]
                                                    a stock rpyc server with a noop service on 127.0.0.1
                                                    (NBTHREADS: the pool's size, rpyc's default 20)
  extra_bench.py connect PORT WARMUP N SECONDS      N x (connect, root.noop(), close), at most SECONDS;
                                                    prints RESULT
  extra_bench.py serve-registry                     a stock UDPRegistryServer on 127.0.0.1
  extra_bench.py query PORT NAME WARMUP SECONDS     discover(NAME) in a loop; prints RESULT
  extra_bench.py concurrent WARMUP INTERVAL K NAME=PORT=N1,N2.. ...
                                                    per client count N (ascending) and target: N threads, each
                                                    its own connection calling a cached root.noop in a loop;
                                                    after WARMUP s, K intervals of INTERVAL s; prints
                                                    POINT NAME N DROPPED CALLS:SECONDS ... per point
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


def serve_mode(mode, nb_threads=None):
    from rpyc.utils.server import ThreadedServer, ThreadPoolServer, ForkingServer
    cls = {"threaded": ThreadedServer, "pool": ThreadPoolServer, "forking": ForkingServer}[mode]
    extra = {"nbThreads": nb_threads} if nb_threads else {}
    server = cls(NoopService, hostname="127.0.0.1", port=0, backlog=4096, **extra)
    server._listen()   # accept connections as soon as the port is printed (start() skips a second _listen)
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


def concurrent_point(port, n, warmup, interval, intervals):
    """n threads, each with its own connection, call a cached root.noop until told to stop."""
    counts = [0] * n
    dropped = []
    running = [True]
    ready = threading.Barrier(n + 1, timeout=120)

    def client(i):
        conn = None
        try:
            conn = rpyc.connect("127.0.0.1", port)
            f = conn.root.noop
            f()
        except Exception as e:   # the server refused or dropped the connection
            dropped.append(repr(e))
            ready.wait()
            return
        ready.wait()
        try:
            while running[0]:
                f()
                counts[i] += 1
        except Exception as e:
            dropped.append(repr(e))
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    ready.wait()
    time.sleep(warmup)
    samples = []
    for _ in range(intervals):
        c0, t0 = sum(counts), time.perf_counter()
        time.sleep(interval)
        c1, t1 = sum(counts), time.perf_counter()
        samples.append("%d:%.6f" % (c1 - c0, t1 - t0))
    running[0] = False
    for t in threads:
        t.join(30)
    for e in dropped[:3]:
        print("dropped:", e, file=sys.stderr, flush=True)
    return len(dropped), samples


def concurrent(warmup, interval, intervals, targets):
    plan = []
    for t in targets:
        name, port, levels = t.split("=")
        plan.append((name, int(port), [int(n) for n in levels.split(",")]))
    for n in sorted({n for _, _, levels in plan for n in levels}):
        for name, port, levels in plan:
            if n in levels:
                dropped, samples = concurrent_point(port, n, warmup, interval, intervals)
                print("POINT", name, n, dropped, " ".join(samples), flush=True)
                time.sleep(0.1)   # let the server see the closed connections go before the next point


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "serve-mode":
        serve_mode(args[0], int(args[1]) if len(args) > 1 else None)
    elif cmd == "concurrent":
        concurrent(float(args[0]), float(args[1]), int(args[2]), args[3:])
    elif cmd == "connect":
        connect(int(args[0]), int(args[1]), int(args[2]), float(args[3]))
    elif cmd == "serve-registry":
        serve_registry()
    elif cmd == "query":
        query(int(args[0]), args[1], float(args[2]), float(args[3]))
    else:
        sys.exit("unknown command " + cmd)
