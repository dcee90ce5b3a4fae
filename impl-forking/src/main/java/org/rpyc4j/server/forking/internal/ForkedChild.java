package org.rpyc4j.server.forking.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.spi.auth.NamedAuthenticator;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.spi.support.AcceptedSocket;
import org.rpyc4j.spi.support.ClientHandler;
import org.rpyc4j.spi.support.ServerLog;
import org.rpyc4j.spi.support.ServiceClasses;
import org.rpyc4j.spi.support.StandardStreams;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * The main class of a forked child: a warm spare that takes exactly one connection from the server's listening
 * socket, serves it, then exits.
 *
 * <ol>
 * <li>Makes the service factory and authenticator from their class names and warms up the serving path
 * (loopback connections served as a client's will be, and each native call of the start), so the client finds
 * classes loaded and hot code compiled.</li>
 * <li>Listens on its control socket and prints {@value #READY} on standard output.</li>
 * <li>Receives the server's listening socket there ({@code SCM_RIGHTS}), puts it on descriptor 0 and takes it
 * as {@link System#inheritedChannel()}: from now on it accepts alongside the other spares, and the kernel
 * gives each connection to one of them. If standard input ends first, the parent is gone: it exits.</li>
 * <li>Accepts one connection, closes its copy of the listening socket, prints {@value #TAKEN} (the parent
 * starts a replacement), and authenticates and serves it like any server does ({@link ClientHandler}); then
 * exits.</li>
 * </ol>
 * The parent ends a child by closing the child's standard input (then by killing it, if it lingers): a spare
 * stops accepting and exits, a serving child closes its connection (sending CLOSE) and exits, as the
 * connections of any closing server are closed.
 */
public final class ForkedChild {
    /** The line a child prints when it is ready to take the listening socket. */
    public static final String READY = "READY";
    /** The line a child prints when it has accepted its connection. */
    public static final String TAKEN = "TAKEN";
    /** At most this many warm-up connections ... */
    static final int WARM_UP_CONNECTIONS = 200;
    /** ... within this long. */
    static final Duration WARM_UP_TIME = Duration.ofMillis(400);

    private ForkedChild() {
    }

    public static void main(String[] args) throws IOException {
        // first of all: nothing may write to stdout but the READY and TAKEN lines (the parent reads them)
        OutputStream stdout = StandardStreams.takeStdout();
        ChildArguments arguments = ChildArguments.parse(args);
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        ServiceFactory factory = ServiceClasses.factoryFor(arguments.service(), loader);
        if (factory instanceof ClassServiceFactory byClass) {
            Rpyc.engine().prepare(byClass.serviceClass());   // its reflection now, not on the client's time
        }
        Authenticator authenticator = arguments.authenticator() == null ? null
                : NamedAuthenticator.fromSpec(arguments.authenticator()).orElseGet(() ->
                        ServiceClasses.instantiate(arguments.authenticator(), Authenticator.class, loader));
        ServerLog log = new ServerLog(LoggerFactory.getLogger(arguments.loggerName()));   // logging starts up now, not on the client's time
        ClientHandler handler = new ClientHandler(factory, arguments.config(), authenticator, log);
        Path control = arguments.control();
        warmUp(arguments.config(), control.resolveSibling(control.getFileName() + ".warm-up"));

        int controlListener = Posix.listenUnix(control, 1);
        println(stdout, READY);
        Posix.Received handover = awaitHandover(controlListener);
        Posix.close(controlListener);
        Files.deleteIfExists(control);
        if (handover == null || handover.fd() < 0) {
            System.exit(0);   // the parent went away or is closing: nothing to serve
        }

        // The JDK makes a channel only of descriptor 0, and closing that channel points descriptors 0, 1 and 2 at
        // /dev/null, which would silence this child's log. So: the listening socket goes on 0 just long enough to
        // become the channel (which takes a copy of its own), the parent's pipe goes back on 0, and after the
        // accept the channel's copy is replaced by the pipe instead of being closed.
        int parent = Posix.dup(0);
        Posix.dup2(handover.fd(), 0);
        Posix.close(handover.fd());
        if (!(System.inheritedChannel() instanceof ServerSocketChannel listening)) {
            throw new IllegalStateException("descriptor 0 is no listening socket: " + System.inheritedChannel());
        }
        Posix.dup2(parent, 0);
        int listeningFd = DescriptorFinder.descriptorOf(listening);
        AtomicBoolean taken = new AtomicBoolean();
        Thread.ofPlatform().daemon().name("parent watch").start(() -> {
            awaitEnd(parent);
            if (!taken.get()) {
                closeQuietly(listening);   // a spare stops accepting (and exits)
            }
            handler.closeAll();            // a serving child ends its connection, as every closing server does
        });
        SocketChannel channel;
        try {
            channel = listening.accept();
            taken.set(true);
        } catch (IOException e) {
            System.exit(0);   // closed by the parent watch: the server is closing
            return;
        }
        Posix.dup2(parent, listeningFd);   // our copy of the listening socket is gone: the next spare takes the next
        println(stdout, TAKEN);
        stdout.close();
        AcceptedSocket accepted = AcceptedSocket.of(channel);
        log.accepted(accepted.addrinfo());
        handler.serve(accepted);
        System.exit(0);
    }

    private static void println(OutputStream stdout, String line) throws IOException {
        stdout.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        stdout.flush();
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // it is closed either way
        }
    }

    /** The parent's handover of the listening socket, or {@code null} when standard input ends first (the parent is gone). */
    @Nullable
    private static Posix.Received awaitHandover(int listener) throws IOException {
        if (Posix.awaitReadable(-1, listener, 0) != listener) {
            return null;
        }
        int control = Posix.accept(listener);
        try {
            return Posix.receiveDescriptor(control, 1);
        } finally {
            Posix.close(control);
        }
    }

    /** What the warm-up serves: the kinds of members a service has, so the engine's paths for them are warm. */
    public static final class WarmUpService {
        @org.rpyc4j.api.Exposed
        public long add(long a, long b) {
            return a + b;
        }

        @org.rpyc4j.api.Exposed
        public String echo(String text) {
            return text;
        }

        @org.rpyc4j.api.Exposed
        public java.util.List<String> list() {
            return java.util.List.of("a", "b");
        }
    }

    /** Waits until the parent closes our standard input (it is closing the server, or it is gone). */
    private static void awaitEnd(int parent) {
        try {
            Posix.awaitReadable(-1, parent);
        } catch (IOException e) {
            // cannot watch: treat it as the end
        }
    }

    /**
     * Serves loopback connections through the path a client's connection takes ({@link AcceptedSocket},
     * {@link ClientHandler}, the engine; with a silent log and {@link WarmUpService}), until
     * {@value #WARM_UP_CONNECTIONS} connections or {@link #WARM_UP_TIME} have passed, so that the real one finds
     * its classes loaded and its hot methods compiled rather than interpreted: this is what makes a spare's first
     * reply fast. Also runs the native calls of the handover once.
     */
    private static void warmUp(ProtocolConfig config, Path scratch) {
        try {
            Posix.warmUp(scratch);
        } catch (IOException e) {
            LoggerFactory.getLogger(ForkedChild.class).debug("descriptor warm-up failed: {}", e.toString());
        }
        ClientHandler handler = new ClientHandler(connection -> new WarmUpService(), config, null,
                new ServerLog(NOPLogger.NOP_LOGGER));
        long deadline = System.nanoTime() + WARM_UP_TIME.toNanos();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            for (int i = 0; i < WARM_UP_CONNECTIONS && System.nanoTime() < deadline; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                AcceptedSocket accepted = AcceptedSocket.of(listener.accept());
                Thread server = Thread.ofPlatform().name("warm-up").start(() ->
                        handler.serve(accepted));
                // both framings (a 5.x client is detected by its first frame), and the requests a Python client
                // makes for `conn.root.add(1, 2)` (GETATTR, then CALL) as well as the Java client's CALLATTR
                Dialect dialect = i % 2 == 0 ? Dialect.V5 : Dialect.V6;
                try (Connection client = Rpyc.connect(Transport.of(socket), ConnectOptions.defaults().withDialect(dialect))) {
                    NetRef root = client.root();
                    ((NetRef) root.getattr("get_service_name")).call();
                    ((NetRef) root.getattr("add")).call(1, 2);
                    root.callMethod("add", 1, 2);
                    root.callMethod("echo", "warm");
                    ((NetRef) root.callMethod("list")).len();
                    client.ping();
                }
                server.join();
            }
        } catch (IOException | RuntimeException e) {
            // only a warm-up: serving works without it, just slower at first
            LoggerFactory.getLogger(ForkedChild.class).debug("warm-up failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
