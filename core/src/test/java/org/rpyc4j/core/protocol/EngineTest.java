package org.rpyc4j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.error.RemoteException;
import org.rpyc4j.api.error.RemoteValueError;

class EngineTest {
    public static class CalcService {
        @Exposed
        public long add(long a, long b) {
            return a + b;
        }

        @Exposed
        public List<String> names() {
            return new ArrayList<>(List.of("a", "b", "c"));
        }

        @Exposed
        public Object apply(Function<Object, Object> f, Object x) {
            return f.apply(x);
        }

        /** Calls {@code f(i)} for each {@code i < n}. */
        @Exposed
        public long each(long n, Function<Object, Object> f) {
            for (long i = 0; i < n; i++) {
                f.apply(i);
            }
            return n;
        }

        /** A lambda of a plain interface of the caller's, not marked {@code @FunctionalInterface}. */
        @Exposed
        public Adder adder(long base) {
            return x -> base + x;
        }

        @Exposed
        public int fail(String kind) {
            throw switch (kind) {
                case "value" -> new IllegalArgumentException("bad");
                default -> new IllegalStateException("broken");
            };
        }

        public int hidden() {
            return 42;
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void callsAndValues(Dialect dialect) throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(ServiceFactory.shared(new CalcService()), dialect)) {
            NetRef root = pair.client.root();
            assertEquals(5L, root.callMethod("add", 2, 3));
            assertEquals(dialect, pair.server.dialect());
            assertEquals("CALC", ((NetRef) root.getattr("get_service_name")).call());
            NetRef names = (NetRef) root.callMethod("names");
            assertEquals(3, names.len());
            assertEquals("c", names.getItem(-1L));
            List<Object> items = new ArrayList<>();
            names.forEach(items::add);
            assertEquals(List.of("a", "b", "c"), items);
            assertThrows(RemoteValueError.class, () -> root.callMethod("fail", "value"));
            RemoteException e = assertThrows(RemoteException.class, () -> root.callMethod("fail", "state"));
            assertEquals("java.lang.IllegalStateException", e.pythonType());
            RemoteException hidden = assertThrows(RemoteException.class, () -> root.getattr("hidden"));
            assertEquals("AttributeError", hidden.pythonType());
        }
    }

    /** Deliberately not annotated {@code @FunctionalInterface}. */
    public interface Adder {
        long add(long x);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void lambdasAreCallable(Dialect dialect) throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(ServiceFactory.shared(new CalcService()), dialect)) {
            NetRef adder = (NetRef) pair.client.root().callMethod("adder", 10L);
            assertEquals(15L, adder.call(5L));
            // a Comparable is no function: not callable
            NetRef names = (NetRef) pair.client.root().callMethod("names");
            assertThrows(org.rpyc4j.api.error.RemoteTypeError.class, () -> names.call());
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void callbacksNest(Dialect dialect) throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(ServiceFactory.shared(new CalcService()), dialect)) {
            NetRef root = pair.client.root();
            // the server calls back into the client, which calls into the server again
            Function<Object, Object> callback = x -> root.callMethod("add", x, 100L);
            Object result = root.callMethod("apply", callback, 1L);
            assertEquals(101L, result);
            assertInstanceOf(NetRef.class, root.callMethod("names"));
            assertTrue(pair.server.exportedObjectCount() > 0);
        }
    }

    /**
     * A thread waiting for its reply runs the peer's callbacks itself, one after another, without handing the
     * stream to other threads (a standby reader per callback would cost a thread start and a hand-off each).
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void callbacksRunOnTheWaitingThread(Dialect dialect) throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(ServiceFactory.shared(new CalcService()), dialect)) {
            NetRef root = pair.client.root();
            Thread caller = Thread.currentThread();
            int n = 1000;
            java.util.concurrent.atomic.AtomicInteger onCaller = new java.util.concurrent.atomic.AtomicInteger();
            Function<Object, Object> callback = x -> Thread.currentThread() == caller ? onCaller.incrementAndGet() : 0;
            assertEquals((long) n, root.callMethod("each", (long) n, callback));
            // a callback delayed past the engine's 1 ms patience (a loaded machine) may get a standby reader
            assertTrue(onCaller.get() >= n * 8 / 10, onCaller + " of " + n + " callbacks ran on the waiting thread");
        }
    }
}
