# Python rpyc client against an rpyc4j server serving JavaTestService.
# usage: java_server_client.py PORT SECTION
# Prints result lines for the Java test to assert, asserts the rest itself, ends with "DONE".
import builtins
import gc
import struct
import sys
import threading
import time

import rpyc
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
conn = rpyc.connect("127.0.0.1", int(sys.argv[1]))
root = conn.root


def same(a, b):
    """Equal and of the same type; floats compared by their bits."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return struct.pack(">d", a) == struct.pack(">d", b)
    if type(a) is complex:
        return same(a.real, b.real) and same(a.imag, b.imag)
    if type(a) is tuple:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is slice:
        return same(a.start, b.start) and same(a.stop, b.stop) and same(a.step, b.step)
    return a == b


def bits(hexbits):
    return struct.unpack(">d", bytes.fromhex(hexbits))[0]


VALUES = [
    ("none", None),
    ("true", True),
    ("false", False),
    ("int_0", 0),
    ("int_-48", -48),
    ("int_159", 159),
    ("int_160", 160),
    ("int_-49", -49),
    ("int_2**63", 2 ** 63),
    ("int_-(2**100)", -(2 ** 100)),
    ("int_10**254", 10 ** 254),
    ("float", 1.5),
    ("float_-0.0", -0.0),
    ("float_inf", float("inf")),
    ("float_-inf", float("-inf")),
    ("float_nan", float("nan")),
    ("float_nan_payload", bits("7ff8000000000123")),
    ("complex", complex(1.5, -0.0)),
    ("bytes_0", b""),
    ("bytes_1", b"\x00"),
    ("bytes_2", b"\x01\x02"),
    ("bytes_3", b"abc"),
    ("bytes_4", b"\xff\xfe\xfd\xfc"),
    ("bytes_255", bytes(range(255))),
    ("bytes_256", bytes(range(256))),
    ("bytes_70000", bytes(i % 251 for i in range(70000))),
    ("str_ascii", "hello"),
    ("str_emoji", "snake \U0001F40D!"),
    ("str_e128", "\u00e9" * 128),
    ("tuple_empty", ()),
    ("tuple_nested", (1, ("two", (3.0, (None, b"five"))), ())),
    ("tuple_300", tuple(range(300))),
    ("frozenset", frozenset([1, "two", (3,)])),
    ("slice", slice(1, None, -2)),
    ("ellipsis", Ellipsis),
    ("notimplemented", NotImplemented),
    ("str_large", "large payload " * 400),
]


def values():
    echo, java_type = root.echo, root.java_type
    for label, value in VALUES:
        back = echo(value)
        assert same(back, value), f"{label}: sent {value!r:.80}, got back {back!r:.80}"
        print("VALUE", label, java_type(value))
    print("COMPRESSION", zlib.compressed > 0, zlib.inflated > 0)


EXCEPTIONS = ["index", "argument", "number", "cast", "zero", "unsupported", "io", "notfound", "state"]


def exceptions():
    for kind in EXCEPTIONS:
        try:
            root.fail(kind)
        except Exception as e:
            text = str(e)
            name = type(e).__name__
            expected = getattr(builtins, name, rpyc.core.vinegar.GenericException)
            print("EXCEPTION", kind, name, type(e).__module__,
                  "isinstance=%s" % isinstance(e, expected),
                  "banner=%s" % ("========= Remote Traceback (1) =========" in text),
                  "javaframe=%s" % ("at org.rpyc4j" in text),
                  "warning=%s" % ("WARNING: Remote is on RPyC" in text))
            print("TEXT", kind, e.args[0])
        else:
            raise AssertionError("no exception for " + kind)


def callbacks():
    assert root.apply(lambda x: x * 2, 21) == 42
    seen = []
    root.each(("a", "b", "c"), seen.append)
    assert seen == ["a", "b", "c"], seen
    ran = []
    root.run_twice(lambda: ran.append(1))
    assert ran == [1, 1], ran
    assert root.call_ref(lambda x: "ref:" + x, "y") == "ref:y"

    depth = [0, 0]

    def down(n):
        depth[0] += 1
        depth[1] = max(depth)
        try:
            # called by Java inside bounce, and calls into Java again
            return "bottom" if n == 0 else "%d/%s" % (n, root.bounce(down, n - 1))
        finally:
            depth[0] -= 1

    print("NESTED", root.bounce(down, 4), "python_depth=%d" % depth[1], "java_depth=%d" % root.max_depth())


def collections():
    items = root.items()
    assert len(items) == 3
    assert (items[0], items[-1], items[-3]) == ("a", "c", "a")
    assert [x for x in items] == ["a", "b", "c"]
    assert "b" in items and "z" not in items
    try:
        items[5]
        raise AssertionError("items[5] did not fail")
    except IndexError:
        pass
    items[1] = "B"
    table = root.table()
    assert len(table) == 1 and table["one"] == 1 and "one" in table and "two" not in table
    try:
        table["missing"]
        raise AssertionError("table['missing'] did not fail")
    except KeyError:
        pass
    table["two"] = 2
    assert [k for k in table] == ["one", "two"]
    print("SNAPSHOT", root.snapshot())

    with root.resource() as r:
        assert not r.is_closed()
    print("WITH closed=%s" % root.resource_closed())
    try:
        with root.resource():
            raise KeyError("inside")
    except KeyError:
        print("WITH_RAISE closed=%s" % root.resource_closed())


def release():
    count, make = root.exported_count, root.make_thing
    start = count()
    things = [make(i) for i in range(1000)]
    assert sum(t.id for t in things[:10]) == 45
    held = count()
    del things
    gc.collect()
    deadline = time.monotonic() + 20
    now = count()
    while now != start and time.monotonic() < deadline:
        time.sleep(0.05)
        now = count()      # each request also lets pending DEL replies in
    print("RELEASE start=%d held=%d after=%d" % (start, held - start, now - start))


def threads():
    errors = []

    def work(t):
        try:
            for i in range(50):
                assert root.add(t * 1000, i) == t * 1000 + i
        except BaseException as e:
            errors.append(repr(e))

    workers = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    print("THREADS alive=%d errors=%s" % (sum(w.is_alive() for w in workers), errors))


def service():
    conn.ping()
    print("SERVICE", root.get_service_name(), root.get_service_aliases(), root.dialect())


globals()[sys.argv[2]]()
conn.close()
print("DONE")
