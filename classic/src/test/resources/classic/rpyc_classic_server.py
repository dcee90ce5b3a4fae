# Runs stock rpyc_classic (rpyc.cli.rpyc_classic.main, the code behind the rpyc_classic command) with the given
# command-line options, as the command itself would.
# usage: rpyc_classic_server.py LIFETIME_SECONDS OPTION...
# The server ends itself after LIFETIME_SECONDS, whatever happens to the test that started it.
import os
import sys
import threading
import time

deadline = time.monotonic() + float(sys.argv[1])


def watchdog():
    while time.monotonic() < deadline:
        time.sleep(0.5)
    os._exit(125)


threading.Thread(target=watchdog, name="rpyc4j-watchdog", daemon=True).start()
from rpyc.cli.rpyc_classic import main  # noqa: E402

sys.argv = ["rpyc_classic"] + sys.argv[2:]
main()
