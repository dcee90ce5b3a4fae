package org.rpyc4j.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.error.PythonError;
import org.rpyc4j.api.error.RemoteArithmeticError;
import org.rpyc4j.api.error.RemoteException;
import org.rpyc4j.api.error.RemoteIndexError;
import org.rpyc4j.api.error.RemoteKeyError;
import org.rpyc4j.api.error.RemoteNotImplementedError;
import org.rpyc4j.api.error.RemoteOSError;
import org.rpyc4j.api.error.RemoteTypeError;
import org.rpyc4j.api.error.RemoteValueError;
import org.rpyc4j.api.value.Complex;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyConstant;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.testing.Resources;
import org.rpyc4j.testkit.PythonRpyc;
import org.rpyc4j.testkit.PythonServer;

/**
 * rpyc4j's Java client against stock Python rpyc servers (5.3.0 and 6.0.1) serving
 * {@code interop/python_service.py}.
 */
class PythonServerInteropTest {
    private static final String SERVICE = Resources.text("interop/python_service.py");
    private static final long WAIT_SECONDS = 30;

    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    /** The Java client's own service, which the Python server reaches as {@code conn.root}. */
    public static final class ClientService {
        @Exposed
        public String greet(String who) {
            return "hello " + who;
        }
    }

    /** A Java object passed to Python as an argument. */
    public static final class Doubler {
        @Exposed
        public long twice(long x) {
            return 2 * x;
        }
    }

    /** The Python service seen through a Java interface. */
    public interface PythonApi {
        long add(long a, long b);

        String type_of(Object x);

        Object echo(Object x);
    }

    private interface Body {
        void run(Connection conn, NetRef root) throws Exception;
    }

    /** Starts the Python server, connects in the peer's dialect and runs {@code body}. */
    private static void withServer(PythonRpyc peer, Body body) throws Exception {
        peer.assumeAvailable();
        ConnectOptions options = ConnectOptions.defaults().withDialect(peer.major() == 5 ? Dialect.V5 : Dialect.V6)
                .withService(new ClientService());
        try (PythonServer server = PythonServer.start(peer, SERVICE, "InteropService");
             Connection conn = Rpyc.connect(server.host(), server.port(), options)) {
            body.run(conn, conn.root());
        }
    }

    static List<Object> values() {
        List<Object> values = new ArrayList<>(Arrays.asList(null, true, false, 0L, -48L, 159L, 160L, -49L,
                BigInteger.TWO.pow(63), BigInteger.TWO.pow(100).negate(), BigInteger.TEN.pow(254),
                1.5, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                Double.longBitsToDouble(0x7ff8000000000123L), new Complex(1.5, -0.0),
                "hello", "snake \uD83D\uDC0D!", "\u00e9".repeat(128),
                Tuple.EMPTY, Tuple.of(1L, Tuple.of("two", Tuple.of(3.0, Tuple.of(null, new byte[] {5}))), Tuple.EMPTY),
                new Tuple(IntStream.range(0, 300).mapToObj(i -> (Object) (long) i).toList()),
                FrozenSet.of(1L, "two", Tuple.of(3L)), new Slice(1L, null, -2L),
                PyConstant.ELLIPSIS, PyConstant.NOT_IMPLEMENTED, "large payload ".repeat(400)));
        for (int n : new int[] {0, 1, 2, 3, 4, 255, 256, 70000}) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (i % 251);
            }
            values.add(b);
        }
        return values;
    }

    private static String pythonType(Object v) {
        return switch (v) {
            case null -> "NoneType";
            case Boolean b -> "bool";
            case Long l -> "int";
            case BigInteger b -> "int";
            case Double d -> "float";
            case Complex c -> "complex";
            case String s -> "str";
            case byte[] b -> "bytes";
            case Tuple t -> "tuple";
            case FrozenSet f -> "frozenset";
            case Slice s -> "slice";
            case PyConstant c -> c == PyConstant.ELLIPSIS ? "ellipsis" : "NotImplementedType";
            default -> throw new AssertionError(v);
        };
    }

    /** Equal, with doubles compared by their bits and byte arrays by content. */
    private static void assertSameValue(Object expected, Object actual) {
        switch (expected) {
            case Double d -> assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual));
            case Complex c -> {
                assertSameValue(c.real(), ((Complex) actual).real());
                assertSameValue(c.imag(), ((Complex) actual).imag());
            }
            case byte[] b -> assertArrayEquals(b, (byte[]) actual);
            case Tuple t -> {
                Tuple a = assertInstanceOf(Tuple.class, actual);
                assertEquals(t.size(), a.size());
                for (int i = 0; i < t.size(); i++) {
                    assertSameValue(t.get(i), a.get(i));
                }
            }
            case FrozenSet f -> assertEquals(new java.util.HashSet<>(f.members()),
                    new java.util.HashSet<>(assertInstanceOf(FrozenSet.class, actual).members()));
            case null, default -> assertEquals(expected, actual);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void everyBrineTypeRoundTrips(PythonRpyc peer) throws Exception {
        withServer(peer, (conn, root) -> {
            assertEquals(peer.major() == 5 ? Dialect.V5 : Dialect.V6, conn.dialect());
            for (Object v : values()) {
                assertSameValue(v, root.callMethod("echo", v));
                assertEquals(pythonType(v), root.callMethod("type_of", v), () -> String.valueOf(v));
            }
            // Java values without a brine type of their own travel as the Python type they mean
            assertEquals(7L, root.callMethod("echo", 7));
            assertEquals("int", root.callMethod("type_of", (short) 7));
            // Python compressed what it sent and inflated what rpyc4j sent
            Tuple counts = (Tuple) root.callMethod("zlib_counts");
            assertTrue((Long) counts.get(0) > 0 && (Long) counts.get(1) > 0, counts::toString);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonExceptionsArriveAsJavaExceptions(PythonRpyc peer) throws Exception {
        withServer(peer, (conn, root) -> {
            RemoteValueError value = assertThrows(RemoteValueError.class, () -> root.callMethod("fail", "ValueError"));
            assertInstanceOf(IllegalArgumentException.class, value);
            assertEquals("ValueError", value.pythonType());
            assertEquals(Tuple.of("failed on purpose"), value.info().args());
            assertTrue(value.remoteTraceback().contains("Traceback (most recent call last)"), value::remoteTraceback);
            assertTrue(value.getMessage().contains("========= Remote Traceback"), value::getMessage);
            assertTrue(value.remoteTraceback().contains("ValueError: failed on purpose"), value::remoteTraceback);

            assertInstanceOf(NoSuchElementException.class,
                    assertThrows(RemoteKeyError.class, () -> root.callMethod("fail", "KeyError")));
            assertInstanceOf(IndexOutOfBoundsException.class,
                    assertThrows(RemoteIndexError.class, () -> root.callMethod("fail", "IndexError")));
            assertInstanceOf(ClassCastException.class,
                    assertThrows(RemoteTypeError.class, () -> root.callMethod("fail", "TypeError")));
            assertInstanceOf(ArithmeticException.class,
                    assertThrows(RemoteArithmeticError.class, () -> root.callMethod("fail", "ZeroDivisionError")));
            assertInstanceOf(UnsupportedOperationException.class, assertThrows(RemoteNotImplementedError.class,
                    () -> root.callMethod("fail", "NotImplementedError")));
            RemoteOSError os = assertThrows(RemoteOSError.class, () -> root.callMethod("fail", "FileNotFoundError"));
            assertInstanceOf(UncheckedIOException.class, os);
            assertEquals("FileNotFoundError", os.pythonType());

            RemoteException custom = assertThrows(RemoteException.class, () -> root.callMethod("fail", "custom"));
            assertEquals("__main__.DemoError", custom.pythonType());
            assertEquals(Tuple.of("custom failure", 7L), custom.info().args());
            // the attribute policy refuses what is not exposed, as AttributeError
            RemoteException refused = assertThrows(RemoteException.class, () -> root.getattr("on_connect"));
            assertEquals("AttributeError", refused.pythonType());
            // the connection is still fine afterwards
            assertEquals(3L, root.callMethod("add", 1L, 2L));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void javaCallbacksAreCalledByPythonAndNest(PythonRpyc peer) throws Exception {
        withServer(peer, (conn, root) -> {
            Function<Object, Object> triple = x -> 3 * (Long) x;
            assertEquals(63L, root.callMethod("call", triple, 21L));
            List<Object> consumed = Collections.synchronizedList(new ArrayList<>());
            Consumer<Object> sink = consumed::add;
            assertNull(root.callMethod("call", sink, "eaten"));
            assertEquals(List.of("eaten"), consumed);
            AtomicInteger runs = new AtomicInteger();
            Runnable run = runs::incrementAndGet;
            root.callMethod("call", run);
            assertEquals(1, runs.get());
            LongSupplier supplier = () -> 99L;
            assertEquals(99L, root.callMethod("call", supplier));
            // a Java object's exposed method, and the client's own service reached as conn.root
            assertEquals(42L, root.callMethod("call_method", new Doubler(), "twice", 21L));
            assertEquals("hello python", root.callMethod("client_root", "greet", "python"));

            // Java -> Python -> Java callback -> Python -> ... : each callback calls into Python again
            AtomicInteger depth = new AtomicInteger();
            AtomicInteger maxDepth = new AtomicInteger();
            AtomicReference<Function<Object, Object>> down = new AtomicReference<>();
            down.set(n -> {
                maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
                try {
                    long k = (Long) n;
                    return k == 0 ? "bottom" : k + "/" + root.callMethod("bounce", down.get(), k - 1);
                } finally {
                    depth.decrementAndGet();
                }
            });
            assertEquals("4/3/2/1/bottom", root.callMethod("bounce", down.get(), 4L));
            assertEquals(5, maxDepth.get());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonCollectionsWorkThroughNetRefs(PythonRpyc peer) throws Exception {
        withServer(peer, (conn, root) -> {
            NetRef list = (NetRef) root.callMethod("make_list");
            assertEquals("builtins.list", list.typeName());
            assertEquals(4, list.len());
            assertEquals("two", list.getItem(1L));
            assertNull(list.getItem(-1L));
            assertThrows(RemoteIndexError.class, () -> list.getItem(10L));
            List<Object> items = new ArrayList<>();
            list.forEach(items::add);
            assertEquals(Arrays.asList(1L, "two", 3.0, null), items);
            assertTrue(list.contains("two"));
            assertFalse(list.contains("zzz"));
            list.setItem(0L, "one");
            assertEquals("one", list.getItem(0L));

            NetRef dict = (NetRef) root.callMethod("make_dict");
            assertEquals(2, dict.len());
            assertEquals(1L, dict.getItem("a"));
            assertEquals(Tuple.of(2L, 3L), dict.getItem("b"));
            RemoteKeyError missing = assertThrows(RemoteKeyError.class, () -> dict.getItem("zz"));
            assertEquals(Tuple.of("zz"), missing.info().args());
            dict.setItem("c", 5L);
            assertTrue(dict.contains("c"));
            List<Object> keys = new ArrayList<>();
            dict.forEach(keys::add);
            assertEquals(List.of("a", "b", "c"), keys);
            dict.delItem("a");
            assertEquals(2, dict.len());
            assertEquals("{'b': (2, 3), 'c': 5}", dict.repr());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void typedProxyAsyncCallsAndServiceInfo(PythonRpyc peer) throws Exception {
        withServer(peer, (conn, root) -> {
            PythonApi api = root.as(PythonApi.class);
            assertEquals(5L, api.add(2, 3));
            assertEquals("str", api.type_of("x"));
            assertEquals(Tuple.of(1L, "x"), conn.root(PythonApi.class).echo(Tuple.of(1L, "x")));

            CompletableFuture<Object> slow = root.callMethodAsync("slow_add", 40L, 2L);
            assertFalse(slow.isDone(), "the async call returned before Python answered");
            NetRef add = (NetRef) root.getattr("add");
            assertEquals(7L, add.callAsync(3L, 4L).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(42L, slow.get(WAIT_SECONDS, TimeUnit.SECONDS));
            CompletableFuture<Object> failing = root.callMethodAsync("fail", "KeyError");
            Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> failing.get(WAIT_SECONDS, TimeUnit.SECONDS)).getCause();
            assertInstanceOf(RemoteKeyError.class, cause);

            assertEquals("INTEROP", ((NetRef) root.getattr("get_service_name")).call());
            assertEquals(Tuple.of("INTEROP"), root.callMethod("get_service_aliases"));
            conn.ping();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void droppedNetRefsReleasePythonObjects(PythonRpyc peer) throws Exception {
        withServer(peer, (conn, root) -> {
            long start = (Long) root.callMethod("local_count");
            List<NetRef> things = new ArrayList<>();
            for (long i = 0; i < 300; i++) {
                things.add((NetRef) root.callMethod("make_thing", i));
            }
            assertEquals(start + 300, root.callMethod("local_count"));
            assertEquals(299L, things.getLast().getattr("n"));
            things.clear();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            long now = (Long) root.callMethod("local_count");
            while (now != start && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(100);
                now = (Long) root.callMethod("local_count");
            }
            assertEquals(start, now, "Python still holds objects for dropped NetRefs");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void concurrentJavaThreadsShareOneConnection(PythonRpyc peer) throws Exception {
        withServer(peer, (conn, root) -> {
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<Integer>> results = new ArrayList<>();
                for (long t = 0; t < 8; t++) {
                    long base = t * 1000;
                    results.add(pool.submit(() -> {
                        int good = 0;
                        for (long i = 0; i < 50; i++) {
                            good += root.callMethod("add", base, i).equals(base + i) ? 1 : 0;
                        }
                        return good;
                    }));
                }
                for (Future<Integer> r : results) {
                    assertEquals(50, r.get(WAIT_SECONDS, TimeUnit.SECONDS));
                }
            }
        });
    }

    /** Every Python exception arrives as a {@link PythonError}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void unknownAttributeIsAPythonError(PythonRpyc peer) throws Exception {
        withServer(peer, (conn, root) -> {
            RuntimeException e = assertThrows(RuntimeException.class, () -> root.callMethod("no_such_method"));
            assertEquals("AttributeError", assertInstanceOf(PythonError.class, e).pythonType());
        });
    }
}
