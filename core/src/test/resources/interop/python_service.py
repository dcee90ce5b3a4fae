# The Python service rpyc4j's Java client talks to, run by testkit's PythonServer (rpyc and sys are imported).
import builtins
import threading
import time

import rpyc.core.channel as channel


class CountingZlib:
    """Counts the frames this side compresses and inflates."""

    def __init__(self, zlib):
        self.zlib = zlib
        self.compressed = 0
        self.inflated = 0

    def compress(self, data, level):
        self.compressed += 1
        return self.zlib.compress(data, level)

    def decompress(self, data):
        self.inflated += 1
        return self.zlib.decompress(data)


zlib = channel.zlib = CountingZlib(channel.zlib)


class DemoError(Exception):
    pass


class Thing:
    def __init__(self, n):
        self.exposed_n = n


class InteropService(rpyc.Service):
    def on_connect(self, conn):
        self._conn = conn

    def exposed_echo(self, x):
        return x

    def exposed_type_of(self, x):
        return type(x).__name__

    def exposed_add(self, a, b):
        return a + b

    def exposed_slow_add(self, a, b):
        time.sleep(0.5)
        return a + b

    def exposed_zlib_counts(self):
        return zlib.compressed, zlib.inflated

    def exposed_fail(self, kind):
        if kind == "custom":
            raise DemoError("custom failure", 7)
        raise getattr(builtins, kind)("failed on purpose")

    def exposed_call(self, f, *args):
        return f(*args)

    def exposed_call_method(self, obj, name, *args):
        return getattr(obj, name)(*args)

    def exposed_client_root(self, name, *args):
        """Calls a method of the Java client's own service."""
        return getattr(self._conn.root, name)(*args)

    def exposed_bounce(self, f, n):
        return f(n)

    def exposed_make_list(self):
        return [1, "two", 3.0, None]

    def exposed_make_dict(self):
        return {"a": 1, "b": (2, 3)}

    def exposed_make_thing(self, n):
        return Thing(n)

    def exposed_local_count(self):
        """How many of this side's objects the Java client holds proxies for."""
        return len(self._conn._local_objects._dict)
