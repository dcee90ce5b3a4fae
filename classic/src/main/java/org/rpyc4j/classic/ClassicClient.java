package org.rpyc4j.classic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.api.error.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java end of a classic connection (Python's {@code rpyc.classic.connect}): full access to the peer's
 * interpreter, against a stock Python {@code rpyc_classic} server or an rpyc4j {@link ClassicService}.
 *
 * <pre>{@code
 * try (ClassicClient py = ClassicClient.connect("localhost")) {          // port 18812
 *     Object two = py.eval("1 + 1");                                     // 2
 *     py.execute("x = 5");
 *     Object x = py.namespace().get("x");                                // 5
 *     Object cwd = ((NetRef) py.modules("os").getattr("getcwd")).call();
 *     List<Object> path = ((NetRef) py.modules("sys").getattr("path")).asList();
 * }
 * }</pre>
 *
 * <p>Like Python's classic client, this side serves a classic service to the peer ({@link ClassicService}, with
 * the classic configuration) unless {@link ConnectOptions} say otherwise: a Python server in stdio mode talks
 * back to its client while connecting and needs one. Connecting performs the classic sequence (the root, then
 * its {@code getmodule}, {@code builtins}, {@code eval}, {@code execute} and {@code namespace}), so a server that
 * is not a classic one fails right away.
 *
 * <p>{@link #connect(String, int)} finds out the peer's rpyc dialect: it tries rpyc 6's and, if the peer hangs
 * up on it, connects again with rpyc 5's. Exceptions the peer raises arrive as
 * {@link org.rpyc4j.api.error.PythonError}s mapped to the natural Java exception types.
 */
public final class ClassicClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicClient.class);

    /** rpyc's classic server port. */
    public static final int DEFAULT_PORT = 18812;

    private final Connection connection;
    private final NetRef root;
    private final NetRef getmodule;
    private final NetRef builtins;
    private final NetRef eval;
    private final NetRef execute;
    private final NetRef namespace;
    private final Map<String, NetRef> modules = new ConcurrentHashMap<>();

    private ClassicClient(Connection connection) {
        this.connection = connection;
        this.root = connection.root();
        this.getmodule = ref(root.getattr("getmodule"), "getmodule");
        this.builtins = ref(getmodule.call("builtins"), "builtins");
        this.eval = ref(root.getattr("eval"), "eval");
        this.execute = ref(root.getattr("execute"), "execute");
        this.namespace = ref(root.getattr("namespace"), "namespace");
        modules.put("builtins", builtins);
    }

    private static NetRef ref(@Nullable Object value, String what) {
        if (value instanceof NetRef r) {
            return r;
        }
        throw new ProtocolException("not a classic server: its " + what + " is " + value);
    }

    /** Connects to a classic server on {@link #DEFAULT_PORT}. */
    public static ClassicClient connect(String host) {
        return connect(host, DEFAULT_PORT);
    }

    /** Connects to a classic server, speaking whichever rpyc dialect (6.x, else 5.x) it speaks. */
    public static ClassicClient connect(String host, int port) {
        try {
            return connect(host, port, options().withDialect(Dialect.V6));
        } catch (ConnectionClosedException | ProtocolException e) {
            LOG.debug("{}:{} hung up on the rpyc 6 dialect ({}); trying rpyc 5's", host, port, e.getMessage());
            return connect(host, port, options().withDialect(Dialect.V5));
        }
    }

    /** Connects with explicit options (dialect, local service, configuration, timeout). */
    public static ClassicClient connect(String host, int port, ConnectOptions options) {
        return of(Rpyc.connect(host, port, options));
    }

    /**
     * Starts {@code command} (for example {@code rpyc_classic --mode stdio}) and connects to it over its standard
     * input and output; closing the client ends the process.
     */
    public static ClassicClient connectSubprocess(List<String> command, Dialect dialect) {
        return connectSubprocess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT), dialect);
    }

    /**
     * Starts the process {@code builder} describes (environment, directory, standard error as set there) and
     * connects to it over its standard input and output; closing the client ends the process.
     */
    public static ClassicClient connectSubprocess(ProcessBuilder builder, Dialect dialect) {
        return of(Rpyc.connectSubprocess(builder, options().withDialect(dialect)));
    }

    /**
     * A classic client over an open connection: performs the classic sequence on it. The connection is closed if
     * the peer turns out not to be a classic server.
     */
    public static ClassicClient of(Connection connection) {
        try {
            return new ClassicClient(connection);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The options a classic client connects with: a {@link ClassicService} with the classic configuration. */
    public static ConnectOptions options() {
        return ConnectOptions.defaults().withService(new ClassicService()).withConfig(ClassicService.config());
    }

    /** The connection. */
    public Connection connection() {
        return connection;
    }

    /** The peer's classic service. */
    public NetRef root() {
        return root;
    }

    /** {@code conn.modules[name]}: the peer's module (Python) or class/package (rpyc4j), fetched once. */
    public NetRef modules(String name) {
        return modules.computeIfAbsent(name, n -> ref(getmodule.call(n), "module " + n));
    }

    /** {@code name in conn.modules}: whether the peer can import {@code name}. */
    public boolean hasModule(String name) {
        Object found = modules("importlib.util").callMethod("_find_spec_from_path", name);
        return found != null;
    }

    /** {@code conn.builtins}: the peer's builtins module. */
    public NetRef builtins() {
        return builtins;
    }

    /** {@code conn.eval(text)}. */
    @Nullable
    public Object eval(String text) {
        return eval.call(text);
    }

    /** {@code conn.execute(text)}. */
    public void execute(String text) {
        execute.call(text);
    }

    /** {@code conn.namespace} as a live Java map. */
    public Map<Object, Object> namespace() {
        return namespace.asMap();
    }

    /** {@code conn.namespace} itself. */
    public NetRef namespaceRef() {
        return namespace;
    }

    /** Closes the connection. */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "ClassicClient(" + connection + ")";
    }
}
