package org.rpyc4j.registry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Discovery;
import org.rpyc4j.api.ListingForbiddenException;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.server.threaded.ThreadedServer;
import org.rpyc4j.spi.registry.Registries;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * A registry transport against stock Python rpyc (5.3 and 6.x): Python's registry clients against the rpyc4j
 * registry, a Python server registering with it and found by the rpyc4j client, an rpyc4j server registering
 * with Python's registry and found by {@code rpyc.discover} / {@code rpyc.connect_by_service}, and the rpyc4j
 * client against Python's registry. A transport's {@code ...InteropTest} extends this and names the transport.
 * Every registry, server and Python process binds 127.0.0.1 and is stopped by the test.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class RegistryInteropContract {
    /** How long a Python step may take (interpreter start-up included). */
    protected static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Prints {@code LABEL repr(value)} lines; {@code reg} is the Python registry client of argv[1] at port argv[2]. */
    private static final String PRELUDE = """
            import sys, time, rpyc
            from rpyc.utils.registry import UDPRegistryClient, TCPRegistryClient
            from rpyc.utils.factory import DiscoveryError, ForbiddenError
            mode, port = sys.argv[1], int(sys.argv[2])
            if mode == "UDP":
                reg = UDPRegistryClient(ip="127.0.0.1", port=port, timeout=5)
            else:
                reg = TCPRegistryClient("127.0.0.1", port=port, timeout=5)
            def show(label, value):
                print(label, repr(value), flush=True)
            def wait_for(query, expected, seconds=10):
                deadline = time.time() + seconds
                value = query()
                while value != expected and time.time() < deadline:
                    time.sleep(0.05)
                    value = query()
                return value
            """;

    private static final String CLIENTS = PRELUDE + """
            show("REGISTER", reg.register(("FOO", "bar"), 12345, interface="127.0.0.1"))
            show("REGISTER_OTHER", reg.register(("OTHER",), 23456, interface="127.0.0.1"))
            show("DISCOVER", reg.discover("foo"))
            show("DISCOVER_NONE", reg.discover("NOPE"))
            show("RPYC_DISCOVER", rpyc.discover("BAR", registrar=reg))
            show("RPYC_DISCOVER_HOST", rpyc.discover("BAR", host="127.0.0.1", registrar=reg))
            show("LIST", reg.list())
            show("LIST_FILTER", reg.list(filter_host="127.0.0.1"))
            show("LIST_OTHER", reg.list(filter_host="10.9.9.9"))
            show("LIST_SERVICES", rpyc.list_services(registrar=reg))
            show("UNREGISTER", reg.unregister(12345))
            show("AFTER", wait_for(lambda: reg.discover("FOO"), ()))
            try:
                rpyc.discover("FOO", registrar=reg)
                show("DISCOVERY_ERROR", None)
            except DiscoveryError as e:
                show("DISCOVERY_ERROR", str(e))
            """;

    private static final String NO_LISTING = PRELUDE + """
            show("LIST", reg.list())
            try:
                rpyc.list_services(registrar=reg)
                show("FORBIDDEN", None)
            except ForbiddenError as e:
                show("FORBIDDEN", str(e))
            """;

    private static final String PRUNING = PRELUDE + """
            show("REGISTER", reg.register(("PRUNED",), 4000, interface="127.0.0.1"))
            show("FRESH", reg.discover("pruned"))
            time.sleep(float(sys.argv[3]))
            show("LIST_STALE", reg.list())
            show("STALE", reg.discover("pruned"))
            show("LIST_AFTER", reg.list())
            """;

    private static final String PYTHON_SERVER = PRELUDE + """
            import threading
            from rpyc.utils.server import ThreadedServer
            class DemoService(rpyc.Service):
                def exposed_add(self, a, b):
                    return a + b
            server = ThreadedServer(DemoService, hostname="127.0.0.1", port=0, registrar=reg, auto_register=True)
            threading.Thread(target=server.start, daemon=True).start()
            print("PORT %d" % server.port, flush=True)
            sys.stdin.readline()
            server.close()
            print("CLOSED", flush=True)
            """;

    private static final String CONNECT_BY_SERVICE = PRELUDE + """
            wait_for(lambda: len(reg.discover("DEMO")), 1, 30)
            show("DISCOVER", rpyc.discover("DEMO", registrar=reg))
            conn = rpyc.connect_by_service("demo", registrar=reg)
            show("ADD", conn.root.add(2, 3))
            conn.close()
            """;

    private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());

    /** For subclasses: a transport's test class. */
    protected RegistryInteropContract() {
    }

    /** The transport's name: {@code UDP} or {@code TCP} (Python has those two). */
    protected abstract String transport();

    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    @AfterEach
    void closeEverything() throws Exception {
        List<AutoCloseable> all;
        synchronized (opened) {
            all = new ArrayList<>(opened);
            opened.clear();
        }
        Collections.reverse(all);
        for (AutoCloseable closeable : all) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private RegistryServer registry(boolean listing, Duration pruning) {
        return closeLater(Registries.server(transport(), RegistryServerOptions.builder().host("127.0.0.1").port(0)
                .allowListing(listing).pruningTimeout(pruning).build())).start();
    }

    private RegistryClient client(int port) {
        return closeLater(Registries.client(transport(), RegistryClientOptions.of("127.0.0.1", port)));
    }

    private PythonProcess python(PythonRpyc peer, String script, String... args) {
        List<String> all = new ArrayList<>(List.of(transport()));
        all.addAll(List.of(args));
        return closeLater(PythonProcess.start(peer, script, all.toArray(String[]::new)));
    }

    /** The next line of {@code process} that is {@code label} or starts with it and a space; what follows. */
    private static String value(PythonProcess process, String label) {
        String line = process.awaitLine(l -> l.equals(label) || l.startsWith(label + " "), TIMEOUT);
        return line.substring(Math.min(line.length(), label.length() + 1));
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonRegistryClientsAgainstTheRpyc4jRegistry(PythonRpyc peer) {
        peer.assumeAvailable();
        RegistryServer registry = registry(true, RegistryServerOptions.DEFAULT_PRUNING_TIMEOUT);
        PythonProcess python = python(peer, CLIENTS, Integer.toString(registry.port()));
        assertEquals("True", value(python, "REGISTER"));
        assertEquals("True", value(python, "REGISTER_OTHER"));
        assertEquals("(('127.0.0.1', 12345),)", value(python, "DISCOVER"));
        assertEquals("()", value(python, "DISCOVER_NONE"));
        assertEquals("(('127.0.0.1', 12345),)", value(python, "RPYC_DISCOVER"));
        assertEquals("[('127.0.0.1', 12345)]", value(python, "RPYC_DISCOVER_HOST"));
        assertEquals("('FOO', 'BAR', 'OTHER')", value(python, "LIST"));
        assertEquals("('FOO', 'BAR', 'OTHER')", value(python, "LIST_FILTER"));
        assertEquals("()", value(python, "LIST_OTHER"));
        assertEquals("('FOO', 'BAR', 'OTHER')", value(python, "LIST_SERVICES"));
        assertEquals("None", value(python, "UNREGISTER"));
        assertEquals("()", value(python, "AFTER"));
        assertEquals("\"no servers exposing 'FOO' were found\"", value(python, "DISCOVERY_ERROR"));
        assertEquals(0, python.waitFor(TIMEOUT), python::stderr);
        assertEquals(List.of("OTHER"), client(registry.port()).list(), "the rpyc4j client sees what Python left");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonClientsWhenListingIsOff(PythonRpyc peer) {
        peer.assumeAvailable();
        RegistryServer registry = registry(false, RegistryServerOptions.DEFAULT_PRUNING_TIMEOUT);
        PythonProcess python = python(peer, NO_LISTING, Integer.toString(registry.port()));
        assertEquals("None", value(python, "LIST"));
        assertEquals("\"Registry doesn't allow listing\"", value(python, "FORBIDDEN"));
        assertEquals(0, python.waitFor(TIMEOUT), python::stderr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonClientsSeeStaleEntriesPruned(PythonRpyc peer) {
        peer.assumeAvailable();
        RegistryServer registry = registry(true, Duration.ofSeconds(2));
        PythonProcess python = python(peer, PRUNING, Integer.toString(registry.port()), "3");
        assertEquals("True", value(python, "REGISTER"));
        assertEquals("(('127.0.0.1', 4000),)", value(python, "FRESH"));
        assertEquals("('PRUNED',)", value(python, "LIST_STALE"));
        assertEquals("()", value(python, "STALE"));
        assertEquals("()", value(python, "LIST_AFTER"));
        assertEquals(0, python.waitFor(TIMEOUT), python::stderr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void aPythonServerRegistersWithRpyc4jAndTheJavaClientConnectsByService(PythonRpyc peer) {
        peer.assumeAvailable();
        RegistryServer registry = registry(true, RegistryServerOptions.DEFAULT_PRUNING_TIMEOUT);
        RegistryClient client = client(registry.port());
        PythonProcess python = python(peer, PYTHON_SERVER, Integer.toString(registry.port()));
        int port = Integer.parseInt(value(python, "PORT"));
        List<InetSocketAddress> found = Eventually.until(() -> client.discover("demo"), l -> !l.isEmpty(), TIMEOUT,
                "the Python server registered");
        assertEquals(List.of(at(port)), found);
        ConnectOptions options = ConnectOptions.defaults().withDialect(peer.major() == 5 ? Dialect.V5 : Dialect.V6);
        try (Connection connection = Discovery.connectByService(client, "DEMO", "127.0.0.1", options)) {
            assertEquals(5L, connection.root().callMethod("add", 2, 3));
        }
        python.writeLine("close");
        value(python, "CLOSED");
        Eventually.until(() -> client.discover("DEMO"), List::isEmpty, TIMEOUT, "the Python server unregistered");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void anRpyc4jServerRegistersWithPythonsRegistryAndPythonConnectsByService(PythonRpyc peer) {
        peer.assumeAvailable();
        PythonRegistry pythonRegistry = closeLater(PythonRegistry.start(peer, transport(), 240, true));
        RegistryClient registrar = client(pythonRegistry.port());
        Server server = closeLater(new ThreadedServer(DemoService.class, ServerOptions.builder().registrar(registrar).build()));
        server.start();
        pythonRegistry.awaitLog("registering 127.0.0.1:" + server.port() + " as DEMO", TIMEOUT);
        PythonProcess python = python(peer, CONNECT_BY_SERVICE, Integer.toString(pythonRegistry.port()));
        assertEquals("(('127.0.0.1', " + server.port() + "),)", value(python, "DISCOVER"));
        assertEquals("5", value(python, "ADD"));
        assertEquals(0, python.waitFor(TIMEOUT), python::stderr);
        server.close();
        pythonRegistry.awaitLog("unregistering 127.0.0.1:" + server.port(), TIMEOUT);
        assertEquals(List.of(), registrar.discover("DEMO"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void theRpyc4jClientAgainstPythonsRegistry(PythonRpyc peer) {
        peer.assumeAvailable();
        PythonRegistry listing = closeLater(PythonRegistry.start(peer, transport(), 240, true));
        RegistryClient client = client(listing.port());
        assertTrue(client.register(List.of("FOO", "bar"), 12345, "127.0.0.1"));
        assertTrue(client.register(List.of("OTHER"), 23456));
        assertEquals(List.of(at(12345)), client.discover("foo"));
        assertEquals(List.of(), client.discover("NOPE"));
        assertEquals(List.of("FOO", "BAR", "OTHER"), client.list());
        assertEquals(List.of("FOO", "BAR", "OTHER"), client.list("127.0.0.1"));
        assertEquals(List.of(), client.list("10.9.9.9"));
        client.unregister(12345);
        listing.awaitLog("unregistering 127.0.0.1:12345", TIMEOUT);
        assertEquals(List.of(), client.discover("FOO"));

        PythonRegistry notListing = closeLater(PythonRegistry.start(peer, transport(), 240, false));
        assertThrows(ListingForbiddenException.class, () -> client(notListing.port()).list());
    }
}
