package org.rpyc4j.core.interop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Service;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.protocol.RpycConnection;

/** The Java service Python clients talk to: one instance per connection (rpyc name {@code JAVATEST}). */
public class JavaTestService implements Service {
    private volatile Connection connection;
    private final List<Object> items = new ArrayList<>(List.of("a", "b", "c"));
    private final Map<String, Object> table = new LinkedHashMap<>(Map.of("one", 1L));
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicInteger maxDepth = new AtomicInteger();
    private volatile Resource lastResource;

    @Override
    public void onConnect(Connection c) {
        connection = c;
    }

    @Exposed
    public Object echo(Object x) {
        return x;
    }

    /** How the value arrived in Java. */
    @Exposed("java_type")
    public String javaType(Object x) {
        return x == null ? "null" : x.getClass().getSimpleName();
    }

    @Exposed
    public long add(long a, long b) {
        return a + b;
    }

    @Exposed
    public String dialect() {
        return connection.dialect().name();
    }

    @Exposed
    @SuppressWarnings({"DataFlowIssue", "divzero", "unused"})
    public Object fail(String kind) throws Exception {
        int zero = 0;
        return switch (kind) {
            case "index" -> new ArrayList<>().get(3);
            case "argument" -> throw new IllegalArgumentException("bad argument");
            case "number" -> Long.parseLong("not a number");
            case "cast" -> (String) (Object) 1L;
            case "zero" -> 1 / zero;
            case "unsupported" -> List.of().add("x");
            case "io" -> throw new IOException("disk on fire");
            case "notfound" -> throw new FileNotFoundException("/no/such/file");
            case "state" -> throw new IllegalStateException("broken state");
            default -> throw new AssertionError(kind);
        };
    }

    // ------------------------------------------------------------------ callbacks

    @Exposed
    public Object apply(Function<Object, Object> f, Object x) {
        return f.apply(x);
    }

    @Exposed
    public void each(List<Object> values, Consumer<Object> sink) {
        values.forEach(sink);
    }

    @Exposed("run_twice")
    public void runTwice(Runnable r) {
        r.run();
        r.run();
    }

    @Exposed("call_ref")
    public Object callRef(NetRef ref, Object x) {
        return ref.call(x);
    }

    /** Calls {@code f(n)}, which may call back here: the nesting depth reached is recorded. */
    @Exposed
    public Object bounce(Function<Object, Object> f, long n) {
        maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
        try {
            return f.apply(n);
        } finally {
            depth.decrementAndGet();
        }
    }

    @Exposed("max_depth")
    public int maxDepth() {
        return maxDepth.get();
    }

    // ------------------------------------------------------------------ objects by reference

    @Exposed
    public List<Object> items() {
        return items;
    }

    @Exposed
    public Map<String, Object> table() {
        return table;
    }

    @Exposed
    public Tuple snapshot() {
        List<Object> pairs = new ArrayList<>();
        table.forEach((k, v) -> pairs.add(Tuple.of(k, v)));
        return Tuple.of(new Tuple(items), new Tuple(pairs));
    }

    @Exposed
    public Resource resource() {
        lastResource = new Resource();
        return lastResource;
    }

    @Exposed("resource_closed")
    public boolean resourceClosed() {
        return lastResource.closed;
    }

    @Exposed("make_thing")
    public Thing makeThing(long id) {
        return new Thing(id);
    }

    /** How many of this side's objects the Python client holds proxies for. */
    @Exposed("exported_count")
    public int exportedCount() {
        return ((RpycConnection) connection).exportedObjectCount();
    }

    /** An AutoCloseable: Python's {@code with} closes it. */
    public static final class Resource implements AutoCloseable {
        volatile boolean closed;

        @Exposed("is_closed")
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A plain object Python holds by reference. */
    public static final class Thing {
        @Exposed
        public final long id;

        Thing(long id) {
            this.id = id;
        }
    }
}
