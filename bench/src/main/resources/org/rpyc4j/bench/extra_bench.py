"""Python side of the harness's extra scenario groups (connection setup, registry QUERY, concurrent
clients, payloads, callbacks).

  extra_bench.py serve-mode threaded|pool|forking [NBTHREADS]
                                                    a stock rpyc server with a noop service on 127.0.0.1
                                                    (NBTHREADS: the pool's size, rpyc's default 20)
  extra_bench.py connect PORT WARMUP WSECS N SECONDS
                                  WARMUP connections (at most WSECS seconds), then N x (connect, root.noop(),
                                  close), at most SECONDS; prints RESULT
  extra_bench.py connect-raw PORT WARMUP WSECS N SECONDS
                                  the same with plain sockets against a TCP echo server: connect, two 20-byte
                                  round trips, close (the floor of a Python client's connection)
  extra_bench.py connect-paced PORT N GAP
                                  one untimed connection, then N x (wait GAP s, connect, root.noop(), close):
                                  a forking server's connect-to-first-reply when a spare is ready; prints RESULT
  extra_bench.py serve-registry                     a stock UDPRegistryServer on 127.0.0.1
  extra_bench.py query PORT NAME WARMUP SECONDS     discover(NAME) in a loop; prints RESULT
  extra_bench.py query-raw PORT WARMUP SECONDS      what discover does on the wire, against a UDP echo server:
                                                    a fresh socket, one datagram each way (the floor)
  extra_bench.py serve-payload                      two ThreadedServers of PayloadService, compression on and
                                                    off; prints COMPRESSED n, PLAIN n, READY
  extra_bench.py concurrent WARMUP INTERVAL K NAME=PORT=N1,N2.. ...
                                                    per client count N (ascending) and target: N threads, each
                                                    its own connection calling a cached root.noop in a loop;
                                                    after WARMUP s, K intervals of INTERVAL s; prints
                                                    POINT NAME N DROPPED CALLS:SECONDS ... per point
  extra_bench.py series ROUNDS MAX_SECONDS ID=PORT:KIND:COMPRESS:WARMUP:CALLS ...
                                                    payload echoes / callbacks (see SERIES), rounds interleaved;
                                                    prints ROUND ID R CALLS SECONDS
Servers print PORT n (or NAME n lines and READY) and exit when standard input closes.
"""
import os
import sys
import threading
import time

import rpyc


class NoopService(rpyc.Service):
    def exposed_noop(self):
        pass


class PayloadService(NoopService):
    """echo(x) returns x (it travels both ways by value); each(n, f) calls the caller's f(i) for i < n."""
    compress = True

    def on_connect(self, conn):
        conn._channel.compress = self.compress

    def exposed_echo(self, x):
        return x

    def exposed_each(self, n, f):
        for i in range(n):
            f(i)


class PlainPayloadService(PayloadService):
    compress = False


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


def serve_payload():
    from rpyc.utils.server import ThreadedServer
    servers = [("COMPRESSED", ThreadedServer(PayloadService, hostname="127.0.0.1", port=0)),
               ("PLAIN", ThreadedServer(PlainPayloadService, hostname="127.0.0.1", port=0))]
    exit_on_stdin_close()
    for name, server in servers:
        server._listen()
        print(name, server.port, flush=True)
        threading.Thread(target=server.start, daemon=True).start()
    print("READY", flush=True)
    threading.Event().wait()


def noop_connection(port):
    """connect, root.noop(); returns the closer"""
    def once():
        conn = rpyc.connect("127.0.0.1", port)
        conn.root.noop()
        return conn.close
    return once


def connect(port, warmup, warmup_seconds, n, max_seconds):
    connection_series(noop_connection(port), warmup, warmup_seconds, n, max_seconds)


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
    connection_series(once, warmup, warmup_seconds, n, max_seconds)


def connect_paced(port, n, gap):
    # one untimed connection first: the client's own imports and caches, not the server's time
    connection_series(noop_connection(port), 1, float("inf"), n, float("inf"), gap)


def connection_series(once, warmup, warmup_seconds, n, max_seconds, gap=0.0):
    """Warm-up connections, then timed ones, each after a pause of gap seconds; once() connects and makes the
    first reply, returns the closer. Prints RESULT connections seconds median-us fastest-us slowest-us."""
    warmup_end = time.perf_counter() + warmup_seconds
    for _ in range(warmup):
        time.sleep(gap)
        once()()
        if time.perf_counter() > warmup_end:
            break
    first = []
    start = time.perf_counter()
    deadline = start + max_seconds
    for i in range(n):
        if i > 0 and time.perf_counter() > deadline:
            break
        time.sleep(gap)
        t0 = time.perf_counter()
        close = once()
        first.append(time.perf_counter() - t0)
        close()
    total = time.perf_counter() - start
    first.sort()
    print("RESULT %d %.6f %.1f %.1f %.1f" % (len(first), total, first[len(first) // 2] * 1e6, first[0] * 1e6,
                                             first[-1] * 1e6), flush=True)


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


def series_call(kind, root):
    """SERIES: the call a series times. echo kinds send a payload and check what comes back; callbacksN passes a
    function the server calls N times."""
    if kind.startswith("callbacks"):
        n = int(kind[len("callbacks"):])
        each = root.each
        seen = [0]

        def callback(i):
            seen[0] += 1

        def call():
            seen[0] = 0
            each(n, callback)
            assert seen[0] == n, "%d callbacks, expected %d" % (seen[0], n)
        return call
    payload = {"str100": lambda: "x" * 100,
               "bytes1m": lambda: os.urandom(1 << 20),
               "bytes16m": lambda: os.urandom(16 << 20),
               "tuple10k": lambda: tuple(range(10000))}[kind]()
    echo = root.echo

    def call():
        back = echo(payload)
        assert len(back) == len(payload), "echo returned %d items, expected %d" % (len(back), len(payload))
    return call


def series(rounds, max_seconds, specs):
    timer = threading.Timer(max_seconds, lambda: (print("ERROR time limit reached", flush=True), os._exit(3)))
    timer.daemon = True
    timer.start()
    plan = []
    for spec in specs:
        sid, rest = spec.split("=")
        port, kind, compress, warmup, calls = rest.split(":")
        conn = rpyc.connect("127.0.0.1", int(port))
        conn._channel.compress = compress == "on"
        plan.append((sid, conn, series_call(kind, conn.root), int(warmup), int(calls)))
    for _, _, call, warmup, _ in plan:
        for _ in range(warmup):
            call()
    for r in range(1, rounds + 1):
        for sid, _, call, _, calls in plan:
            t0 = time.perf_counter()
            for _ in range(calls):
                call()
            print("ROUND %s %d %d %.6f" % (sid, r, calls, time.perf_counter() - t0), flush=True)
    for _, conn, _, _, _ in plan:
        conn.close()
    os._exit(0)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "serve-mode":
        serve_mode(args[0], int(args[1]) if len(args) > 1 else None)
    elif cmd == "serve-payload":
        serve_payload()
    elif cmd == "concurrent":
        concurrent(float(args[0]), float(args[1]), int(args[2]), args[3:])
    elif cmd == "series":
        series(int(args[0]), float(args[1]), args[2:])
    elif cmd in ("connect", "connect-raw"):
        run = connect if cmd == "connect" else connect_raw
        run(int(args[0]), int(args[1]), float(args[2]), int(args[3]), float(args[4]))
    elif cmd == "connect-paced":
        connect_paced(int(args[0]), int(args[1]), float(args[2]))
    elif cmd == "serve-registry":
        serve_registry()
    elif cmd == "query":
        query(int(args[0]), args[1], float(args[2]), float(args[3]))
    elif cmd == "query-raw":
        query_raw(int(args[0]), float(args[1]), float(args[2]))
    else:
        sys.exit("unknown command " + cmd)
