package org.rpyc4j.registry.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Discovery;
import org.rpyc4j.api.DiscoveryException;
import org.rpyc4j.api.ListingForbiddenException;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.registry.QueryBenchmark;
import org.rpyc4j.registry.RegistryRequests;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.server.threaded.ThreadedServer;
import org.rpyc4j.spi.registry.Registries;

/**
 * What every registry transport does, tested with rpyc4j's own clients and raw requests: a transport's
 * {@code ...ContractTest} extends this, names the transport and says how to send one raw request. Everything
 * binds 127.0.0.1 at ports the system chose and is closed after each test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class RegistryTransportContract {
    /** How long a test waits for something that should happen at once. */
    protected static final Duration SOON = Duration.ofSeconds(10);
    /** How long a raw request waits for an answer that should not come. */
    protected static final Duration SILENCE = Duration.ofMillis(400);

    private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());

    /** For subclasses: a transport's test class. */
    protected RegistryTransportContract() {
    }

    /** The transport's name, as {@link Registries} finds it. */
    protected abstract String transport();

    /**
     * Sends {@code request} as one raw request to the registry on 127.0.0.1:{@code port} (one datagram, or one
     * connection) and returns the answer, or {@code null} when none came within {@code wait}.
     */
    @Nullable
    protected abstract byte[] exchange(int port, byte[] request, Duration wait) throws IOException;

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

    /** Closes {@code closeable} after the test. */
    protected final <T extends AutoCloseable> T closeLater(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** A started registry of this transport on 127.0.0.1 (ephemeral port), listing on, as {@code tweak} says. */
    protected final RegistryServer server(UnaryOperator<RegistryServerOptions.Builder> tweak) {
        RegistryServerOptions options = tweak.apply(RegistryServerOptions.builder().host("127.0.0.1").port(0)
                .allowListing(true)).build();
        return closeLater(Registries.server(transport(), options)).start();
    }

    /** A client of this transport for the registry on 127.0.0.1:{@code port}. */
    protected final RegistryClient client(int port) {
        return closeLater(Registries.client(transport(), RegistryClientOptions.builder().host("127.0.0.1").port(port)
                .timeout(Duration.ofSeconds(1)).build()));
    }

    private static byte[] request(String command, @Nullable Object... args) {
        return Brine.dump(Tuple.of("RPYC", command, Tuple.of(args)));
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Test
    void registerDiscoverListUnregister() {
        RegistryServer server = server(o -> o);
        assertEquals(transport(), server.transport());
        assertEquals("127.0.0.1", server.host());
        RegistryClient client = client(server.port());
        assertTrue(client.register(List.of("FOO", "bar"), 12345, "127.0.0.1"));
        assertTrue(client.register(List.of("OTHER"), 23456));
        assertEquals(List.of(at(12345)), client.discover("foo"));
        assertEquals(List.of(at(12345)), client.discover("BAR"));
        assertEquals(List.of(), client.discover("NOPE"));
        assertEquals(List.of("FOO", "BAR", "OTHER"), client.list());
        assertEquals(List.of("FOO", "BAR", "OTHER"), client.list("127.0.0.1"));
        assertEquals(List.of(), client.list("10.9.9.9"));
        assertEquals(List.of(at(12345)), Discovery.discover(client, "bar", "127.0.0.1"));
        assertThrows(DiscoveryException.class, () -> Discovery.discover(client, "bar", "10.9.9.9"));
        client.unregister(12345);
        Eventually.until(() -> client.discover("FOO"), List::isEmpty, SOON, "FOO unregistered");
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.discover(client, "FOO"));
        assertEquals("no servers exposing 'FOO' were found", e.getMessage());
        assertEquals(List.of("OTHER"), client.list());
    }

    @Test
    void listingDisabledIsForbidden() {
        RegistryServer server = server(o -> o.allowListing(false));
        RegistryClient client = client(server.port());
        assertTrue(client.register(List.of("HIDDEN"), 1));
        ListingForbiddenException e = assertThrows(ListingForbiddenException.class, client::list);
        assertEquals("Registry doesn't allow listing", e.getMessage());
        assertThrows(ListingForbiddenException.class, () -> Discovery.listServices(client, "127.0.0.1"));
        assertEquals(List.of(at(1)), client.discover("hidden"), "queries still work");
    }

    @Test
    void staleEntriesArePrunedWhenQueriedNotWhenListed() throws Exception {
        RegistryServer server = server(o -> o.pruningTimeout(Duration.ofSeconds(1)));
        RegistryClient client = client(server.port());
        assertTrue(client.register(List.of("PRUNED"), 4000));
        assertTrue(client.register(List.of("UNTOUCHED"), 4001));
        assertEquals(List.of(at(4000)), client.discover("pruned"));
        Thread.sleep(1_500);
        assertEquals(List.of("PRUNED", "UNTOUCHED"), client.list(), "LIST does not prune (rpyc)");
        assertEquals(List.of(), client.discover("pruned"));
        assertEquals(List.of("UNTOUCHED"), client.list());
        assertTrue(client.register(List.of("PRUNED"), 4000), "a new registration after pruning");
        assertEquals(List.of(at(4000)), client.discover("pruned"));
    }

    @Test
    void badInputGetsNoAnswerAndTheRegistryKeepsServing() throws IOException {
        RegistryServer server = server(o -> o);
        int port = server.port();
        List<byte[]> junk = List.of(
                new byte[] {0x07},
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                Brine.dump("RPYC"),
                Brine.dump(Tuple.of("rpyc", "QUERY", Tuple.of("X"))),
                Brine.dump(Tuple.of("RPYC".getBytes(StandardCharsets.US_ASCII), "QUERY", Tuple.of("X"))),
                request("DELETE", "X"),
                Brine.dump(Tuple.of("RPYC", 7L, Tuple.of("X"))),
                request("QUERY"),
                request("REGISTER", Tuple.of("X")),
                request("REGISTER", "X", 1L),
                request("REGISTER", Tuple.of("X"), "1"),
                request("REGISTER", Tuple.of("X"), 70000L),
                request("QUERY", 5L),
                request("LIST", 5L));
        for (byte[] bad : junk) {
            assertNull(exchange(port, bad, SILENCE), () -> "answered " + Brine.load(bad));
        }
        assertArrayEquals(Brine.dump(Tuple.EMPTY), exchange(port, request("query", "X"), SOON));
        RegistryClient client = client(port);
        assertEquals(List.of(), client.list(), "nothing was registered by the junk");
        assertTrue(client.register(List.of("STILL"), 1));
        assertEquals(List.of(at(1)), client.discover("still"));
    }

    @Test
    void aRequestLongerThan1500BytesIsIgnored() throws IOException {
        RegistryServer server = server(o -> o);
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            aliases.add("ALIAS%03d".formatted(i));
        }
        byte[] register = RegistryRequests.register(aliases, 1234);
        assertTrue(register.length > RegistryServerOptions.MAX_REQUEST_SIZE, "the request is " + register.length + " bytes");
        assertNull(exchange(server.port(), register, SILENCE));
        RegistryClient client = client(server.port());
        assertFalse(client.register(aliases, 1234), "rpyc's registrar sees no acknowledgement either");
        assertEquals(List.of(), client.list());
        assertTrue(client.register(aliases.subList(0, 100), 1234), "100 aliases fit");
        assertEquals(100, client.list().size());
    }

    @Test
    void aHugeAliasIsRefused() {
        RegistryServer server = server(o -> o.maxAliasLength(256));
        RegistryClient client = client(server.port());
        assertFalse(client.register(List.of("OK", "X".repeat(1200)), 1));
        assertTrue(client.register(List.of("OK", "X".repeat(256)), 1));
        assertEquals(List.of("OK", "X".repeat(256)), client.list());
    }

    @Test
    void aHostCannotRegisterWithoutLimit() {
        RegistryServer server = server(o -> o.maxEntriesPerHost(10));
        RegistryClient client = client(server.port());
        for (int port = 1; port <= 5; port++) {
            assertTrue(client.register(List.of("A", "B"), port));
        }
        assertFalse(client.register(List.of("C"), 6), "the eleventh entry");
        assertTrue(client.register(List.of("A", "B"), 3), "keepalives still pass");
        assertEquals(5, client.discover("a").size());
        client.unregister(1);
        Eventually.until(() -> client.discover("a").size(), n -> n == 4, SOON, "port 1 unregistered");
        assertTrue(client.register(List.of("C"), 6), "room again");
    }

    @Test
    void eachHostHasItsOwnShareAndTheWholeIsBounded() {
        assumeTrue(canBind("127.0.0.2") && canBind("127.0.0.3"), "127.0.0.2 and 127.0.0.3 are not local addresses here");
        RegistryServer server = server(o -> o.maxEntriesPerHost(2).maxEntries(3));
        RegistryClient client = client(server.port());
        assertTrue(client.register(List.of("A", "B"), 1, "127.0.0.1"));
        assertFalse(client.register(List.of("C"), 2, "127.0.0.1"), "127.0.0.1 is full");
        assertTrue(client.register(List.of("C"), 2, "127.0.0.2"), "127.0.0.2 has its own share");
        assertFalse(client.register(List.of("D"), 3, "127.0.0.3"), "the registry is full");
        assertEquals(List.of(new InetSocketAddress("127.0.0.2", 2)), client.discover("c"));
        assertEquals(List.of("C"), client.list("127.0.0.2"));
    }

    private static boolean canBind(String host) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void manyClientsAtOnce() throws Exception {
        RegistryServer server = server(o -> o);
        RegistryClient client = client(server.port());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int i = 0; i < 25; i++) {
                        int port = 10_000 + thread * 100 + i;
                        ok &= client.register(List.of("SHARED", "T" + thread), port);
                        ok &= client.discover("T" + thread).contains(at(port));
                    }
                    return ok;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, client.discover("shared").size());
        assertEquals(9, client.list().size());
    }

    @Test
    void anRpyc4jServerRegistersItselfAndIsFoundByService() {
        RegistryServer registry = server(o -> o);
        RegistryClient registrar = client(registry.port());
        Server server = closeLater(new ThreadedServer(DemoService.class, ServerOptions.builder().registrar(registrar).build()));
        server.start();
        List<InetSocketAddress> found = Eventually.until(() -> registrar.discover("demo"), l -> !l.isEmpty(), SOON,
                "the server registered");
        assertEquals(List.of(at(server.port())), found);
        try (Connection connection = Discovery.connectByService(registrar, "DEMO", null, ConnectOptions.defaults())) {
            assertEquals(5L, connection.root().callMethod("add", 2, 3));
        }
        server.close();
        Eventually.until(() -> registrar.discover("DEMO"), List::isEmpty, SOON, "the server unregistered on close");
    }

    @Test
    void connectByServiceSkipsServersThatAreGone() {
        RegistryServer registry = server(o -> o);
        RegistryClient registrar = client(registry.port());
        int dead;
        try (Server gone = new ThreadedServer(DemoService.class, ServerOptions.defaults())) {
            dead = gone.port();
        }
        assertTrue(registrar.register(List.of("DEMO"), dead));
        DiscoveryException e = assertThrows(DiscoveryException.class,
                () -> Discovery.connectByService(registrar, "DEMO", null, ConnectOptions.defaults()));
        assertEquals("All services are down: [('127.0.0.1', " + dead + ")]", e.getMessage());
        Server alive = closeLater(new ThreadedServer(DemoService.class, ServerOptions.defaults()));
        alive.start();
        assertTrue(registrar.register(List.of("DEMO"), alive.port()));
        try (Connection connection = Discovery.connectByService(registrar, "demo", "127.0.0.1", ConnectOptions.defaults())) {
            assertEquals(7L, connection.root().callMethod("add", 3, 4));
        }
    }

    @Test
    void lifeCycle() throws Exception {
        RegistryServerOptions options = RegistryServerOptions.builder().host("127.0.0.1").port(0).build();
        RegistryServer server = closeLater(Registries.server(transport(), options));
        int port = server.port();
        assertTrue(port > 0, "bound before serving");
        Thread serving = Thread.ofPlatform().start(server::serve);
        RegistryClient client = client(port);
        assertTrue(client.register(List.of("X"), 1));
        assertThrows(IllegalStateException.class, server::start);
        server.close();
        serving.join(SOON);
        assertFalse(serving.isAlive(), "serve() returned after close()");
        assertTrue(server.isClosed());
        server.close();   // idempotent
        assertThrows(IllegalStateException.class, server::serve);
        // the port is free again
        RegistryServer again = closeLater(Registries.server(transport(), options.toBuilder().port(port).build())).start();
        assertEquals(port, again.port());
        assertEquals(List.of(), client(port).discover("X"), "a new registry starts empty");
    }

    @Test
    void queryRoundTripsCanBeMeasured() {
        QueryBenchmark.Result result = QueryBenchmark.loopback(transport(), 2, 1_000, Duration.ofMillis(100),
                Duration.ofMillis(300));
        assertTrue(result.queries() > 0, result::toString);
        assertEquals(transport(), result.transport());
        assertTrue(result.queriesPerSecond() > 0 && result.microsPerQuery() > 0, result::toString);
    }
}
