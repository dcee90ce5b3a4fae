"""Python rpyc client for rpyc4j's benchmarks: times null calls against one or more servers.

Usage: python3 bench_client.py --target NAME=PORT [--target NAME=PORT ...] --modes root,bound
                               --warmup N --calls N --rounds N --max-seconds S

Modes: "root" calls conn.root.noop() (GETATTR + CALL round trips and an asynchronous DEL per call);
"bound" calls a cached f = conn.root.noop (one CALL round trip per call).
Rounds are interleaved: round 1 of every target and mode, then round 2, ... Output lines:
  VERSION <rpyc version> <python version>
  ROUND <target> <mode> <round> <calls> <seconds> <calls per second> <client CPU seconds>
"""
import argparse
import os
import platform
import threading
import time

import rpyc


def run_root(conn, n):
    perf_counter = time.perf_counter
    start = perf_counter()
    for _ in range(n):
        conn.root.noop()
    return perf_counter() - start


def run_bound(conn, n):
    f = conn.root.noop
    perf_counter = time.perf_counter
    start = perf_counter()
    for _ in range(n):
        f()
    return perf_counter() - start


MODES = {"root": run_root, "bound": run_bound}


def _exit_after(seconds):
    threading.Event().wait(seconds)
    print("ERROR time limit of %s s reached" % seconds, flush=True)
    os._exit(3)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--target", action="append", required=True)
    p.add_argument("--modes", default="root,bound")
    p.add_argument("--warmup", type=int, default=1000)
    p.add_argument("--calls", type=int, default=5000)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--max-seconds", type=float, default=600)
    a = p.parse_args()
    threading.Thread(target=_exit_after, args=(a.max_seconds,), daemon=True).start()

    print("VERSION %s %s" % (rpyc.__version__, platform.python_version()), flush=True)
    modes = a.modes.split(",")
    conns = []
    for t in a.target:
        name, port = t.split("=")
        conns.append((name, rpyc.connect("127.0.0.1", int(port))))
    for name, conn in conns:
        for mode in modes:
            MODES[mode](conn, a.warmup)
    for r in range(1, a.rounds + 1):
        for name, conn in conns:
            for mode in modes:
                cpu = time.process_time()
                seconds = MODES[mode](conn, a.calls)
                cpu = time.process_time() - cpu
                print("ROUND %s %s %d %d %.9f %.1f %.6f" % (name, mode, r, a.calls, seconds, a.calls / seconds,
                                                            cpu), flush=True)
    for name, conn in conns:
        conn.close()


if __name__ == "__main__":
    main()
