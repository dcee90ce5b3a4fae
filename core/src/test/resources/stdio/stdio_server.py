# An rpyc service served over this process's standard input and output, as rpyc.utils.factory's
# connect_stdpipes does; the Java test starts it with Rpyc.connectSubprocess.
import os
import sys

import rpyc


class StdioService(rpyc.Service):
    def exposed_add(self, a, b):
        return a + b

    def exposed_pid(self):
        return os.getpid()

    def exposed_version(self):
        return rpyc.__version__

    def exposed_call(self, fn, x):
        return fn(x)


conn = rpyc.connect_stdpipes(service=StdioService)
try:
    conn.serve_all()
except EOFError:
    pass
