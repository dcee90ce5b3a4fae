# A stock Python rpyc classic client against the rpyc4j classic service.
# usage: classic_client.py tcp PORT SECTION...      rpyc.classic.connect("127.0.0.1", PORT)
#        classic_client.py stdio SECTION... -- JAVA COMMAND...
#                                                   rpyc.utils.factory.connect_subproc(JAVA COMMAND, SlaveService)
# Each section asserts what it can itself (a failure is a traceback and exit status 1) and prints result lines
# for the Java test; the script ends with "DONE".
import gc
import pickle
import sys
import time

import rpyc
import rpyc.core.vinegar as vinegar
from rpyc.utils.factory import connect_subproc

mode = sys.argv[1]
if mode == "tcp":
    conn = rpyc.classic.connect("127.0.0.1", int(sys.argv[2]))
    sections = sys.argv[3:]
else:
    split = sys.argv.index("--")
    sections = sys.argv[2:split]
    conn = connect_subproc(sys.argv[split + 1:], rpyc.classic.SlaveService)


def expect(exc_type, fn, *args, **kwargs):
    """Calls fn, which must raise exc_type; returns the exception."""
    try:
        fn(*args, **kwargs)
    except exc_type as e:
        return e
    except BaseException as e:
        raise AssertionError("expected %s, got %s: %s" % (exc_type, type(e).__name__, e))
    raise AssertionError("expected %s, nothing raised" % (exc_type,))


def connect():
    root = conn.root
    print("SERVICE", root.get_service_name(), root.get_service_aliases())
    print("ROOT", type(root).__name__, object.__getattribute__(conn.namespace, "____id_pack__")[0])
    assert isinstance(conn.namespace, dict)  # sent as builtins.dict: Python's own proxy class, no INSPECT


def evaluation():
    assert conn.eval("1 + 1") == 2
    conn.execute("int x = 5;")
    assert conn.eval("x * 2") == 10
    assert conn.namespace["x"] == 5
    conn.namespace["y"] = 7
    assert conn.eval("y + 1") == 8
    assert "x" in conn.namespace and "nothere" not in conn.namespace
    assert set(conn.namespace.keys()) >= {"x", "y"}, conn.namespace.keys()
    assert dict(conn.namespace.items())["y"] == 7
    del conn.namespace["y"]
    assert "y" not in conn.namespace
    assert conn.namespace.get("y", "absent") == "absent"
    conn.execute("int twice(int v) { return 2 * v; }\nString hello = \"hi\";")
    assert conn.eval("twice(21)") == 42
    assert conn.eval("hello + \"!\"") == "hi!"
    assert type(conn.eval("'c'")) is str and type(conn.eval("2.5")) is float and conn.eval("true") is True
    assert conn.eval("null") is None
    # the real object, by reference: mutating it through the proxy is seen by Java code
    conn.execute("List<String> names = new ArrayList<>();")
    names = conn.namespace["names"]
    names.add("a")
    assert conn.eval("names.size()") == 1
    conn.namespace["fromPython"] = names
    assert conn.eval("fromPython == names") is True
    conn.namespace["pyList"] = [1, 2, 3]                  # a Python object: a NetRef in Java
    assert conn.eval("pyList.len()") == 3
    e = expect(SyntaxError, conn.eval, "1 +")
    print("SYNTAX", str(e).splitlines()[0])
    assert "cannot compile" in str(e)
    e = expect(NameError, conn.eval, "undefinedName * 2")
    assert "undefinedName" in str(e)
    e = expect(IndexError, conn.eval, "new ArrayList<>().get(3)")
    print("EVAL_INDEX", e.args[0])
    print("EVALUATION ok")


def modules():
    ArrayList = conn.modules["java.util.ArrayList"]
    lst = ArrayList()
    lst.add("x")
    assert lst.size() == 1 and len(lst) == 1
    version = conn.modules.java.lang.System.getProperty("java.version")
    assert isinstance(version, str) and version
    assert conn.modules.java.lang.Math.max(3, 7) == 7
    assert conn.modules.java.lang.Integer.MAX_VALUE == 2 ** 31 - 1
    assert conn.modules["java.util.Map.Entry"].getSimpleName() == "Entry"
    assert conn.modules.java.util.Map.Entry.getName() == "java.util.Map$Entry"
    assert "java.util" in conn.modules and "java.util.ArrayList" in conn.modules
    assert "no.such.pkg" not in conn.modules
    expect(AttributeError, lambda: conn.modules.nosuchpackage)     # ModuleNamespace turns ImportError into this
    expect(ImportError, lambda: conn.modules["os"])
    assert "ArrayList" in dir(conn.modules.java.util) and "concurrent" in dir(conn.modules.java.util)
    assert conn.builtins.len(lst) == 1
    assert conn.builtins.tuple(lst) == ("x",)
    nums = conn.modules.java.util.ArrayList([3, 1, 2])
    assert list(conn.builtins.sorted(nums)) == [1, 2, 3]
    assert list(conn.builtins.sorted(nums, reverse=True)) == [3, 2, 1]   # keyword arguments by parameter name
    assert list(conn.builtins.sorted(nums, key=lambda v: -v)) == [3, 2, 1]
    assert conn.builtins.isinstance(nums, conn.modules.java.util.List)
    print("MODULES", version.split(".")[0].isdigit())


def declare_helpers():
    conn.execute("""
        public class Over {
            public String num(int x) { return "int"; }
            public String num(long x) { return "long"; }
            public String num(java.math.BigInteger x) { return "BigInteger"; }
            public String num(double x) { return "double"; }
            public String text(String s) { return "String:" + s; }
            public String ch(char c) { return "char:" + c; }
            public int raw(byte[] b) { return b.length; }
            public boolean flag(boolean b) { return !b; }
            public boolean nul(Object o) { return o == null; }
            public int arr(int[] a) { int s = 0; for (int v : a) s += v; return s; }
            public String lst(List<Object> l) { return l.getClass().getSimpleName() + l.size(); }
            public boolean same(Object a, Object b) { return a == b; }
            public static int apply(Op op) { return op.apply(3, 4); }
        }
        @FunctionalInterface public interface Op { int apply(int a, int b); }
        public class Pt { public int x = 1; public static int COUNT = 7; public int getX() { return x; } }
        public class Res implements AutoCloseable { public boolean closed; public void close() { closed = true; } }
        """)


def objects():
    declare_helpers()
    o = conn.eval("new Over()")
    # overloads by the Python argument types
    assert (o.num(5), o.num(2 ** 40), o.num(2 ** 70), o.num(1.5)) == ("int", "long", "BigInteger", "double")
    assert o.text("s") == "String:s" and o.ch("x") == "char:x"
    assert o.raw(b"abc") == 3 and o.flag(True) is False and o.nul(None) is True
    assert o.arr((1, 2, 3)) == 6 and o.lst((1, 2)) == "ArrayList2"
    lst = conn.modules.java.util.ArrayList()
    assert o.same(lst, lst) is True                       # a Java proxy comes back as the Java object itself
    e = expect(TypeError, o.num, "five")
    print("OVERLOAD", str(e).splitlines()[0])
    assert "candidates" in str(e) and "num(int)" in str(e)
    # fields and methods, class proxies: static members, construction
    p = conn.eval("new Pt()")
    assert p.x == 1 and p.getX() == 1
    p.x = 5
    assert p.getX() == 5
    Pt = conn.eval("Pt.class")
    assert Pt.COUNT == 7 and Pt().x == 1
    assert "getX" in dir(p) and "x" in dir(p)
    assert callable(p.getX) and not callable(p)
    # members through public, exported types: ArrayList's iterator is a private class
    it = conn.eval("new ArrayList<>(List.of(10, 20))").iterator()
    assert it.hasNext() and it.next() == 10 and next(it) == 20
    expect(StopIteration, next, it)
    # CharSequence and boxed numbers are values
    sb = conn.modules.java.lang.StringBuilder("ab")
    assert type(sb) is str and sb == "ab"
    assert type(conn.modules.java.lang.Integer.valueOf(5)) is int
    # equals / hashCode / toString, Comparable
    BigDecimal = conn.modules.java.math.BigDecimal
    a, b = BigDecimal("1.5"), BigDecimal("2.5")
    assert a == BigDecimal("1.5") and a != b
    assert a < b and b > a and a <= b and not (a >= b)
    assert hash(a) == a.hashCode() and str(a) == "1.5"
    LocalDate = conn.modules.java.time.LocalDate
    assert sorted([LocalDate.of(2021, 1, 1), LocalDate.of(2020, 5, 5)])[0].getYear() == 2020
    # AutoCloseable: with
    r = conn.eval("new Res()")
    with r as inside:
        assert inside.closed is False
    assert r.closed is True
    r2 = conn.eval("new Res()")
    expect(KeyError, lambda: exec("with r2:\n raise KeyError('inside')", {"r2": r2}))
    assert r2.closed is True
    print("OBJECTS ok")


def callbacks():
    declare_helpers()
    jl = conn.modules.java.util.ArrayList([3, 1, 2])
    seen = []
    jl.forEach(seen.append)
    assert seen == [3, 1, 2], seen
    jl.sort(lambda x, y: x - y)                           # a Comparator
    assert list(jl) == [1, 2, 3]
    jl.removeIf(lambda x: x > 2)                          # a Predicate
    assert list(jl) == [1, 2]
    jl.replaceAll(lambda x: x * 10)                       # a UnaryOperator
    assert list(jl) == [10, 20]
    ran = []
    conn.modules.java.lang.Thread(lambda: ran.append(1)).run()   # a Runnable (run on the calling thread)
    assert ran == [1]
    m = conn.modules.java.util.HashMap()
    m.merge("k", 1, lambda a, b: a + b)                   # a BiFunction
    m.merge("k", 1, lambda a, b: a + b)
    assert m["k"] == 2
    assert m.computeIfAbsent("n", lambda k: len(k)) == 1  # a Function
    Over = conn.eval("Over.class")
    assert Over.apply(lambda a, b: a * b) == 12           # a @FunctionalInterface of the session
    jl.forEach(print)                                     # a builtin function as a Consumer
    e = expect(ZeroDivisionError, jl.forEach, lambda x: 1 / 0)
    assert "division by zero" in str(e) and "Remote Traceback (" in str(e)   # Python, through Java, back
    print("CALLBACKS ok")


def collections():
    jl = conn.modules.java.util.ArrayList(["a", "b", "c", "d"])
    assert len(jl) == 4 and jl[0] == "a" and jl[-1] == "d" and jl[-4] == "a"
    expect(IndexError, lambda: jl[4])
    assert list(jl[1:3]) == ["b", "c"] and list(jl[::-1]) == ["d", "c", "b", "a"]
    jl[1] = "B"
    del jl[0]
    assert list(jl) == ["B", "c", "d"]
    assert "c" in jl and "z" not in jl
    assert [x for x in jl] == ["B", "c", "d"]
    jl[0:1] = ("x", "y")
    assert list(jl) == ["x", "y", "c", "d"]
    del jl[1:3]
    assert list(jl) == ["x", "d"]
    jl.append("e")                                        # Python's list methods, by their Python names
    jl.extend(["f", "g"])
    jl.insert(0, "w")
    assert jl.pop() == "g" and jl.index("d") == 2 and jl.count("x") == 1
    assert list(jl) == ["w", "x", "d", "e", "f"]
    jl.sort(reverse=True)                                 # no Java overload fits: Python's sort
    assert list(jl) == ["x", "w", "f", "e", "d"]
    # arrays
    arr = conn.eval("new int[] {1, 2, 3}")
    assert len(arr) == 3 and arr[-1] == 3 and 2 in arr and list(arr) == [1, 2, 3]
    arr[0] = 10
    assert conn.builtins.tuple(arr) == (10, 2, 3)
    assert list(arr[1:]) == [2, 3]
    def delete_first():
        del arr[0]
    expect((TypeError, AttributeError), delete_first)     # arrays have a fixed length: no __delitem__
    # maps
    m = conn.modules.java.util.LinkedHashMap()
    m["a"] = 1
    m["b"] = 2
    assert len(m) == 2 and m["a"] == 1 and "a" in m and "z" not in m
    e = expect(KeyError, lambda: m["missing"])
    assert e.args[0] == "missing"
    assert list(m) == ["a", "b"]
    assert m.keys() == ("a", "b") and m.items() == (("a", 1), ("b", 2))
    assert list(m.values()) == [1, 2] and len(m.values()) == 2   # Java's own values(): a live collection
    assert dict(m.items()) == {"a": 1, "b": 2}
    assert m.get("a") == 1 and m.get("z") is None and m.get("z", 0) == 0
    m.update({"c": 3})
    assert m.pop("c") == 3 and m.setdefault("d", 4) == 4
    del m["a"]
    assert list(m) == ["b", "d"]
    im = conn.eval("new HashMap<Integer, String>(Map.of(1, \"one\"))")
    assert im[1] == "one" and 1 in im and im.get(1) == "one"   # a Python int finds an Integer key
    # sets, collections, iterables, iterators, streams
    s = conn.modules.java.util.TreeSet()
    s.add(2)
    s.add(1)
    assert len(s) == 2 and list(s) == [1, 2] and 1 in s
    s.discard(1)
    assert list(s) == [2]
    stream = conn.eval("java.util.stream.Stream.of(1, 2, 3)")
    assert list(stream) == [1, 2, 3]
    iterable = conn.eval("(Iterable<Integer>) () -> List.of(7, 8).iterator()")
    assert list(iterable) == [7, 8]
    it = iter(conn.eval("List.of(1)"))
    assert next(it) == 1
    expect(StopIteration, next, it)
    # bulk copies in one round trip
    big = conn.eval("new ArrayList<>(java.util.stream.IntStream.range(0, 100).boxed().toList())")
    assert rpyc.classic.obtain(big) == list(range(100))   # PICKLE of plain data
    assert rpyc.classic.obtain(m) == {"b": 2, "d": 4}
    assert list(rpyc.buffiter(big)) == list(range(100))  # BUFFITER
    assert pickle.loads(pickle.dumps(conn.eval("Set.of(\"q\")"))) == {"q"}
    expect(TypeError, pickle.dumps, conn.eval("new Thread()"))
    print("COLLECTIONS ok")


EXCEPTIONS = [
    ("index", "new ArrayList<>().get(3)", IndexError),
    ("argument", "Character.toChars(-1)", ValueError),
    ("number", "Integer.parseInt(\"x\")", ValueError),
    ("cast", "(String) (Object) 1", TypeError),
    ("zero", "1 / 0", ZeroDivisionError),
    ("arith", "java.math.BigInteger.ONE.mod(java.math.BigInteger.ZERO)", ArithmeticError),
    ("unsupported", "List.of(1).add(2)", NotImplementedError),
    ("io", "throw new IOException(\"disk on fire\")", OSError),
    ("notfound", "java.nio.file.Files.readString(java.nio.file.Path.of(\"/no/such/file\"))", FileNotFoundError),
    ("state", "throw new IllegalStateException(\"broken\")", vinegar.GenericException),
]


def exceptions():
    for kind, code, expected in EXCEPTIONS:
        e = expect(expected, conn.eval, code)
        text = str(e)
        print("EXCEPTION", kind, type(e).__name__,
              "banner=%s" % ("========= Remote Traceback (1) =========" in text),
              "javaframe=%s" % ("\tat " in text))
        print("TEXT", kind, e.args[0])
    m = conn.modules.java.util.HashMap()
    e = expect(KeyError, lambda: m["absent"])
    print("EXCEPTION mapkey", type(e).__name__, "args=%r" % (e.args,))


def release():
    counter = conn.root.getconn().exportedObjectCount
    ArrayList = conn.modules["java.util.ArrayList"]
    gc.collect()
    start = counter()
    objs = [ArrayList() for _ in range(10000)]
    assert all(len(x) == 0 for x in objs[:10])
    held = counter()
    del objs
    gc.collect()
    deadline = time.monotonic() + 30
    now = counter()
    while now != start and time.monotonic() < deadline:
        time.sleep(0.05)
        now = counter()
    print("RELEASE start=%d held=%d after=%d" % (start, held - start, now - start))


for section in sections:
    globals()[section]()
conn.close()
print("DONE")
