package org.rpyc4j.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.Service;

/**
 * A small service to try rpyc4j from Python:
 *
 * <pre>
 * >>> import rpyc
 * >>> c = rpyc.connect("localhost", 18861)
 * >>> c.root.add(2, 3)
 * 5
 * >>> c.root.apply(lambda x: x * 10, 4)
 * 40
 * >>> lst = c.root.squares(5); len(lst), list(lst)
 * (5, [0, 1, 4, 9, 16])
 * </pre>
 */
public final class DemoService implements Service {
    private final Map<String, Object> store = new LinkedHashMap<>();

    @Override
    public void onConnect(Connection connection) {
        store.put("connected", Instant.now().toString());
    }

    @Exposed
    public long add(long a, long b) {
        return a + b;
    }

    @Exposed
    public Object echo(Object value) {
        return value;
    }

    @Exposed
    public String upper(String text) {
        return text.toUpperCase(java.util.Locale.ROOT);
    }

    /** A Java list, by reference: {@code len()}, indexing and iteration work from Python. */
    @Exposed
    public List<Long> squares(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i * i);
        }
        return out;
    }

    /** A Java map, by reference, kept for the connection's life. */
    @Exposed
    public Map<String, Object> store() {
        return store;
    }

    /** Calls back into the client. */
    @Exposed
    public Object apply(Function<Object, Object> function, Object value) {
        return function.apply(value);
    }

    @Exposed
    public String javaVersion() {
        return Runtime.version().toString();
    }
}
