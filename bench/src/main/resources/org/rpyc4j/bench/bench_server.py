"""Stock rpyc ThreadedServer for rpyc4j's benchmarks: serves BenchService (exposed_noop) on 127.0.0.1.

Usage: python3 bench_server.py MAX_SECONDS
Prints "PORT <n>" and "RPYC <version>" once listening; exits when standard input ends (the harness closes
it) or after MAX_SECONDS.
"""
import os
import sys
import threading

import rpyc
from rpyc.utils.server import ThreadedServer


class BenchService(rpyc.Service):
    def exposed_noop(self):
        pass


def _exit_on_eof():
    try:
        sys.stdin.read()
    finally:
        os._exit(0)


def _exit_after(seconds):
    threading.Event().wait(seconds)
    sys.stderr.write("bench_server: time limit reached, exiting\n")
    os._exit(3)


def main():
    max_seconds = float(sys.argv[1])
    server = ThreadedServer(BenchService, hostname="127.0.0.1", port=0, auto_register=False)
    # ThreadedServer binds in its constructor and listens in start(); listen now so that the port accepts
    # connections as soon as it is printed (start() skips _listen() when already active)
    server._listen()
    threading.Thread(target=_exit_on_eof, daemon=True).start()
    threading.Thread(target=_exit_after, args=(max_seconds,), daemon=True).start()
    print("RPYC %s" % rpyc.__version__, flush=True)
    print("PORT %d" % server.port, flush=True)
    server.start()


if __name__ == "__main__":
    main()
