package org.rpyc4j.classic;

import java.util.Map;
import javax.annotation.Nullable;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Service;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.ServiceName;
import org.rpyc4j.core.object.ObjectContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RPyC's classic service for the JVM: it gives a trusted peer the whole JVM, as rpyc's {@code SlaveService}
 * gives it the whole Python interpreter. A stock Python client connects with {@code rpyc.classic.connect(host,
 * port)} and then
 *
 * <pre>{@code
 * conn.eval("1 + 1")                                   # 2: a Java expression, evaluated by JShell in this JVM
 * conn.execute("int x = 5;")                           # statements and declarations persist per connection
 * conn.eval("x * 2")                                   # 10
 * conn.namespace["x"]                                  # 5: the session's variables
 * conn.modules["java.util.ArrayList"]()                # a class; calling it constructs an instance
 * conn.modules.java.lang.System.getProperty("java.version")   # packages are namespaces of classes
 * }</pre>
 *
 * <p>Service name {@code SLAVE} (alias {@code CLASSIC}), as Python's classic server. Serve it with
 * {@link #config()} (rpyc's classic configuration: every public member of every object reachable, attributes
 * writable, pickling of plain data allowed), as Python's {@code SlaveService} switches its connection to:
 * <pre>{@code
 * Rpyc.engine().accept(transport, ClassicService.factory(), ClassicService.config(), null).serveAll();
 * }</pre>
 * Under another configuration its four members ({@code eval}, {@code execute}, {@code getmodule},
 * {@code namespace}) are still reachable (they are marked {@link Exposed}), but the classes and objects they
 * return offer only what that configuration allows, and package namespaces refuse to answer. Never serve it to
 * untrusted peers: {@code eval} runs any Java code.
 *
 * <p>Java code runs in a per-connection {@link JavaSession JShell session}, created on the first
 * {@code eval}/{@code execute}/namespace use and closed with the connection; see there for how values are
 * captured. {@code getmodule(name)} answers a class ({@code java.lang.System}, nested classes with dots or
 * {@code $}), a package namespace ({@code java.util}), {@code builtins} ({@link PyBuiltins}) and
 * {@code importlib.util} ({@link ImportlibUtil}) — the two modules a Python classic client fetches while
 * connecting — and raises {@code ModuleNotFoundError} for anything else. Compile errors come back as
 * {@code SyntaxError} (or {@code NameError} for unknown names) with javac's diagnostics; exceptions thrown by
 * the code as their natural Python counterparts, with the Java stack as remote traceback.
 *
 * <p>One instance per connection ({@link #factory()}); it is also the local service of {@link ClassicClient}, so
 * that a Python classic server talking back (rpyc's stdio mode does) finds a classic service at this end too.
 */
@ServiceName({"SLAVE", "CLASSIC"})
public class ClassicService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicService.class);

    private final JavaSession session;
    private final Modules modules;
    private volatile @Nullable Connection connection;

    /** The session's variables as a map (the peer's {@code conn.namespace}). */
    @Exposed
    public final Map<String, Object> namespace;

    /** A service whose Java code sees the classes of the loader that loaded rpyc4j. */
    public ClassicService() {
        this(ClassicService.class.getClassLoader());
    }

    /** A service whose Java code and {@code getmodule} see the classes of {@code loader}. */
    public ClassicService(ClassLoader loader) {
        this.session = new JavaSession(loader);
        this.namespace = new Namespace(session);
        this.modules = new Modules(loader, new PyBuiltins(() -> connection instanceof ObjectContext c ? c : null));
    }

    /** rpyc's classic configuration, which this service is meant to be served with. */
    public static ProtocolConfig config() {
        return ProtocolConfig.classic();
    }

    /** A fresh service for every connection. */
    public static ServiceFactory factory() {
        return connection -> new ClassicService();
    }

    /**
     * Evaluates Java code and returns its value: an expression's value (numbers, strings, booleans by value,
     * everything else by reference), or the value of the last snippet when given several.
     */
    @Exposed
    @Nullable
    public Object eval(String text) {
        return session.eval(text);
    }

    /** Runs Java statements and declarations; variables, methods, classes and imports persist. */
    @Exposed
    public void execute(String text) {
        session.execute(text);
    }

    /** A class, a package namespace, or one of the Python modules a classic client asks for (see the class comment). */
    @Exposed
    public Object getmodule(Object name) {
        return modules.getmodule(name);
    }

    /** The connection this service serves (rpyc's {@code getconn}). */
    @Exposed
    @Nullable
    public Connection getconn() {
        return connection;
    }

    @Override
    public void onConnect(Connection c) {
        connection = c;
        if (!c.config().allowAllAttrs()) {
            LOG.warn("classic service on {} without the classic configuration: serve it with ClassicService.config()",
                    c.peer());
        }
    }

    @Override
    public void onDisconnect(Connection c) {
        session.close();
    }

    @Override
    public String toString() {
        return "<rpyc4j classic service>";
    }
}
