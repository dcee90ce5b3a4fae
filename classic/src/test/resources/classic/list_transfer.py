# Measures pulling a remote list of 10,000 ints into Python with a stock rpyc classic client, against a classic
# server whose list is a java.util.ArrayList (rpyc4j) or a Python list (rpyc_classic).
# usage: list_transfer.py NAME PORT [NAME PORT ...]
# Prints "FIGURE server=NAME way=WAY rounds=N median_ms=M min_ms=M requests=R" per server and way, then "DONE".
import statistics
import sys
import time

import rpyc

N = 10_000
ROUNDS = {"list": 3, "buffiter": 7, "obtain": 7, "builtins.tuple": 7}


def ways(conn, remote):
    return [
        ("list", lambda: list(remote)),                              # __len__, __iter__, one __next__ per item
        ("buffiter", lambda: list(rpyc.buffiter(remote))),           # BUFFITER in growing batches
        ("obtain", lambda: rpyc.classic.obtain(remote)),             # one PICKLE
        ("builtins.tuple", lambda: list(conn.builtins.tuple(remote))),  # one CALL, the tuple by value
    ]


def measure(name, port):
    conn = rpyc.classic.connect("127.0.0.1", port)
    sent = [0]
    send = conn._send

    def counting_send(*args):
        sent[0] += 1
        return send(*args)

    conn._send = counting_send
    if name == "rpyc4j":
        remote = conn.eval("new ArrayList<>(java.util.stream.IntStream.range(0, %d).boxed().toList())" % N)
    else:
        remote = conn.eval("list(range(%d))" % N)
    expected = list(range(N))
    conn.builtins.len(remote)       # warm the bound method caches of both ends
    for way, pull in ways(conn, remote):
        assert list(pull()) == expected, way      # one warm-up round, checked
        times = []
        requests = 0
        for _ in range(ROUNDS[way]):
            before = sent[0]
            start = time.perf_counter()
            result = pull()
            times.append((time.perf_counter() - start) * 1000)
            requests = sent[0] - before
            assert len(result) == N
        print("FIGURE server=%s way=%s rounds=%d median_ms=%.1f min_ms=%.1f requests=%d"
              % (name, way, len(times), statistics.median(times), min(times), requests), flush=True)
    conn.close()


args = sys.argv[1:]
for i in range(0, len(args), 2):
    measure(args[i], int(args[i + 1]))
print("DONE")
