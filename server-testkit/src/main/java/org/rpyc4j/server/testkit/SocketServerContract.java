package org.rpyc4j.server.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.Transport;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.AbstractServer;
import org.slf4j.event.Level;

/**
 * What every socket serving mode does, proven with the Java client: a mode's test class extends this and
 * says how to make its server. Modes serving connections in other processes say so
 * ({@link #servesInThisProcess()}), which skips the checks that look inside the serving process.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SocketServerContract {
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<AutoCloseable> opened = new ArrayList<>();

    protected SocketServerContract() {
    }

    /** The mode's server for {@code context}, bound and not yet serving. */
    protected abstract Server newServer(ServerContext context);

    /** Whether connections are served in this JVM; false when each is served by a process of its own. */
    protected boolean servesInThisProcess() {
        return true;
    }

    /** The options the contract starts from; a mode adds its settings. */
    protected ServerOptions.Builder options() {
        return ServerOptions.builder();
    }

    /**
     * How many idle clients {@link #silentAndVanishingClientsCostNothingLasting} opens; fewer than a default
     * pool's workers, as the contract also needs a worker for a vanishing and a fresh client.
     */
    protected int silentClients() {
        return 10;
    }

    /** A started server serving {@link DemoService} with {@code options}, closed after the test. */
    protected Server start(ServerOptions options) {
        return start(ServerContext.of(ClassServiceFactory.of(DemoService.class), options));
    }

    /** A started server for {@code context}, closed after the test. */
    protected Server start(ServerContext context) {
        Server server = newServer(context);
        opened.add(server);
        return server.start();
    }

    /** A Java client of {@code server}, closed after the test. */
    protected Connection connect(Server server) {
        Connection connection = Rpyc.connect(server.host(), server.port());
        opened.add(connection);
        return connection;
    }

    /** Remembers {@code resource} to be closed after the test. */
    protected <T extends AutoCloseable> T closeLater(T resource) {
        opened.add(resource);
        return resource;
    }

    @AfterEach
    void closeOpened() throws Exception {
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
    }

    @Test
    public void servesJavaClients() {
        Server server = start(options().build());
        Connection client = connect(server);
        NetRef root = client.root();
        assertEquals(5L, root.callMethod("add", 2, 3));
        assertEquals("héllo", root.callMethod("echo", "héllo"));
        assertEquals("DEMO", ((NetRef) root.getattr("get_service_name")).call());
        long servingPid = (Long) root.callMethod("pid");
        if (servesInThisProcess()) {
            assertEquals(ProcessHandle.current().pid(), servingPid);
        } else {
            assertNotEquals(ProcessHandle.current().pid(), servingPid);
        }
    }

    @Test
    public void bindsAnEphemeralPortAndReportsIt() {
        Server server = start(options().build());
        assertTrue(server.port() > 0, "port " + server.port());
        assertEquals("127.0.0.1", server.host());
        InetSocketAddress address = assertInstanceOf(InetSocketAddress.class, server.address());
        assertEquals(server.port(), address.getPort());
    }

    @Test
    public void refusesToBindAPortInUse() throws IOException {
        Server first = start(options().build());
        ServerOptions same = options().port(first.port()).build();
        assertThrows(java.io.UncheckedIOException.class, () -> newServer(
                ServerContext.of(ClassServiceFactory.of(DemoService.class), same)));
    }

    @Test
    public void listensOnIpv6Loopback() {
        Assumptions.assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback here");
        Server server = start(options().ipv6(true).build());
        assertEquals("::1", server.host());
        Connection client = closeLater(Rpyc.connect("::1", server.port()));
        assertEquals(7L, client.root().callMethod("add", 3, 4));
    }

    @Test
    public void listensOnUnixSocket(@TempDir Path dir) {
        Path socket = dir.resolve("demo.sock");
        Server server = start(options().unixSocketPath(socket).build());
        assertEquals("", server.host());
        assertEquals(0, server.port());
        assertTrue(Files.exists(socket));
        try (Connection client = Rpyc.connectUnix(socket, ConnectOptions.defaults())) {
            assertEquals(9L, client.root().callMethod("add", 4, 5));
            assertEquals("x".repeat(100_000), client.root().callMethod("echo", "x".repeat(100_000)));
        }
        server.close();
        assertFalse(Files.exists(socket), "the socket file is removed on close");
    }

    @Test
    public void authenticatorRefusesBadConnectionsAndTheServerGoesOn() throws IOException {
        RecordingLogger log = new RecordingLogger("auth");
        Server server = start(ServerContext.of(ClassServiceFactory.of(DemoService.class),
                options().authenticator(new TokenAuthenticator()).build()).withLogger(log));

        try (Socket refused = new Socket(server.host(), server.port())) {
            refused.getOutputStream().write(TokenAuthenticator.BAD);
            refused.setSoTimeout((int) TIMEOUT.toMillis());
            assertEquals(-1, refused.getInputStream().read(), "a refused connection is closed");
            if (servesInThisProcess()) {
                String line = "('127.0.0.1', " + refused.getLocalPort() + ") failed to authenticate... rejecting connection";
                Await.until(() -> log.messages(Level.INFO).contains(line), TIMEOUT, () -> log.lines().toString());
            }
        }
        Socket admitted = new Socket(server.host(), server.port());
        admitted.getOutputStream().write(TokenAuthenticator.GOOD);
        try (Connection client = Rpyc.connect(Transport.of(admitted), ConnectOptions.defaults())) {
            assertEquals(TokenAuthenticator.CREDENTIALS, client.root().callMethod("credentials"));
            assertEquals(3L, client.root().callMethod("add", 1, 2));
        }
        if (servesInThisProcess()) {
            String welcome = "welcome ('127.0.0.1', " + admitted.getLocalPort() + ") (" + TokenAuthenticator.CREDENTIALS + ")";
            Await.until(() -> log.messages(Level.INFO).contains(welcome), TIMEOUT, () -> log.lines().toString());
        }
    }

    @Test
    public void registersAtStartReRegistersAndUnregistersOnClose() {
        RecordingRegistrar registrar = new RecordingRegistrar(Duration.ofMillis(100), 1);
        RecordingLogger log = new RecordingLogger("registry");
        Server server = start(ServerContext.of(ClassServiceFactory.of(DemoService.class),
                options().registrar(registrar).build()).withLogger(log));
        String register = "REGISTER [DEMO] " + server.port() + " 127.0.0.1";
        // the first registration fails: retried about a second later, then every 100 ms
        Await.until(() -> registrar.count(register) >= 4, TIMEOUT, () -> registrar.calls.toString());
        server.close();
        assertEquals("UNREGISTER " + server.port(), registrar.calls.getLast());
        assertEquals(1, registrar.count("UNREGISTER"));
        assertTrue(log.messages(Level.INFO).contains("started background auto-register thread (interval = 0.1)"),
                log.lines()::toString);
        assertTrue(log.messages(Level.INFO).contains("registering services did not work - retry"), log.lines()::toString);
    }

    @Test
    public void registersOnlyWhenAsked() {
        RecordingRegistrar registrar = new RecordingRegistrar(Duration.ofMillis(50), 0);
        Server server = start(options().registrar(registrar).autoRegister(false).build());
        connect(server).root().callMethod("add", 1, 1);
        server.close();
        assertEquals(List.of(), registrar.calls);
    }

    @Test
    public void logsRpycLines() {
        RecordingLogger log = new RecordingLogger("lines");
        Server server = start(ServerContext.of(ClassServiceFactory.of(DemoService.class), options().build())
                .withLogger(log));
        Socket socket = openSocket(server);
        String peer = "('127.0.0.1', " + socket.getLocalPort() + ")";
        try (Connection client = Rpyc.connect(transport(socket), ConnectOptions.defaults())) {
            client.root().callMethod("add", 1, 1);
        }
        if (servesInThisProcess()) {
            Await.until(() -> log.messages(Level.INFO).contains("goodbye " + peer), TIMEOUT, () -> log.lines().toString());
        }
        server.close();
        List<String> info = log.messages(Level.INFO);
        assertEquals("server started on [127.0.0.1]:" + server.port(), info.getFirst());
        if (servesInThisProcess()) {
            assertTrue(info.indexOf("welcome " + peer) < info.indexOf("goodbye " + peer), info::toString);
        }
        assertTrue(info.contains("listener closed"), info::toString);
        assertTrue(info.contains("server has terminated"), info::toString);
    }

    @Test
    public void runsRequestsOfOneConnectionConcurrently() throws Exception {
        Server server = start(options().build());
        NetRef root = connect(server).root();
        String name = "java-" + UUID.randomUUID();
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(root.callMethodAsync("rendezvous", name, 8));   // each waits for all eight
        }
        Set<Object> arrivals = new HashSet<>();
        for (CompletableFuture<Object> call : calls) {
            arrivals.add(call.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), arrivals);
    }

    /** Requests that arrive apart start in arrival order (each is dispatched before the next is read). */
    @Test
    public void startsRequestsOfOneConnectionInArrivalOrder() throws Exception {
        Server server = start(options().build());
        NetRef root = connect(server).root();
        root.callMethod("recorded");   // a first call of the service's methods is slower (class set-up): not timed
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            calls.add(root.callMethodAsync("record", i));
            Thread.sleep(20);
        }
        for (CompletableFuture<Object> call : calls) {
            call.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), copy(root.callMethod("recorded")));
    }

    @Test
    public void callbacksNestWhileOtherRequestsAreInFlight() throws Exception {
        Server server = start(options().build());
        NetRef root = connect(server).root();
        CompletableFuture<Object> slow = root.callMethodAsync("sleep", 500);
        AtomicReference<Function<Object, Object>> callback = new AtomicReference<>();
        callback.set(depth -> ((Long) depth) == 0 ? "bottom" : root.callMethod("nest", callback.get(), (Long) depth - 1));
        assertEquals("bottom", root.callMethod("nest", callback.get(), 10));
        assertEquals(500L, slow.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    public void closeEndsConnectionsAndLeavesNothingBehind() {
        ServerResources before = ServerResources.now();
        AbstractServer server = (AbstractServer) start(options().build());
        String marker = String.valueOf(server.port());
        List<Connection> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Connection client = connect(server);
            client.root().callMethod("add", i, i);
            clients.add(client);
        }
        server.close();
        assertTrue(server.isClosed());
        for (Connection client : clients) {
            assertClosedByServer(client);
        }
        assertEquals(0, server.activeConnections());
        assertEquals(List.of(), ServerResources.leftSince(before, marker));
        assertThrows(IllegalStateException.class, server::start, "a closed server does not start again");
    }

    @Test
    public void drainLetsRunningRequestsFinish() throws Exception {
        Server server = start(options().drainTimeout(Duration.ofSeconds(10)).build());
        Connection client = connect(server);
        CompletableFuture<Object> slow = client.root().callMethodAsync("sleep", 700);
        Thread.sleep(100);   // the request is running now
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            Thread.currentThread().setName("closing");
            server.close();
        });
        assertEquals(700L, slow.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        client.close();   // the connection ends by itself: the drain is over
        closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    public void silentAndVanishingClientsCostNothingLasting() throws Exception {
        AbstractServer server = (AbstractServer) start(options().build());
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < silentClients(); i++) {
            silent.add(openSocket(server));   // connects and sends nothing
        }
        try (Socket partial = openSocket(server)) {
            OutputStream out = partial.getOutputStream();
            out.write(new byte[] {0, 0, 0, 100, 0});   // a frame header promising 100 bytes, then nothing
            out.flush();
        }
        Socket vanishing = openSocket(server);
        Connection client = Rpyc.connect(transport(vanishing), ConnectOptions.defaults());
        client.root().callMethodAsync("sleep", 300);
        Thread.sleep(50);
        vanishing.close();   // gone mid-request, without CLOSE
        for (Socket socket : silent) {
            socket.close();
        }
        Await.until(() -> server.activeConnections() == 0, TIMEOUT,
                () -> server.activeConnections() + " connections still counted");
        try (Connection fresh = Rpyc.connect(server.host(), server.port())) {
            assertEquals(2L, fresh.root().callMethod("add", 1, 1));
        }
    }

    @Test
    public void servesInTheForegroundUntilClosed() throws Exception {
        Server server = closeLater(newServer(ServerContext.of(ClassServiceFactory.of(DemoService.class),
                options().build())));
        CompletableFuture<Void> serving = CompletableFuture.runAsync(server::serve);
        try (Connection client = Rpyc.connect(server.host(), server.port())) {
            assertEquals(4L, client.root().callMethod("add", 2, 2));
        }
        assertThrows(IllegalStateException.class, server::start, "serving twice");
        server.close();
        serving.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- helpers

    /** Asserts that the server ended {@code client}: its next request fails and it then counts as closed. */
    protected static void assertClosedByServer(Connection client) {
        assertThrows(ConnectionClosedException.class, () -> client.root().callMethod("add", 1, 1));
        assertTrue(client.isClosed());
    }

    protected static Socket openSocket(Server server) {
        try {
            return new Socket(server.host(), server.port());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected static Transport transport(Socket socket) {
        try {
            return Transport.of(socket);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Object> copy(Object remoteList) {
        List<Object> items = new ArrayList<>();
        ((NetRef) remoteList).forEach(items::add);
        return items;
    }

    protected static boolean ipv6LoopbackAvailable() {
        try {
            InetAddress loopback = InetAddress.getByName("::1");
            if (!(loopback instanceof Inet6Address)) {
                return false;
            }
            NetworkInterface lo = NetworkInterface.getByInetAddress(loopback);
            return lo != null && lo.isUp();
        } catch (IOException e) {
            return false;
        }
    }
}
