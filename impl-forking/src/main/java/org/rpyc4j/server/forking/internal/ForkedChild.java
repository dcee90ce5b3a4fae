package org.rpyc4j.server.forking.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.annotation.Nullable;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.spi.auth.NamedAuthenticator;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.api.VoidService;
import org.rpyc4j.spi.support.AcceptedSocket;
import org.rpyc4j.spi.support.ClientHandler;
import org.rpyc4j.spi.support.ServerLog;
import org.rpyc4j.spi.support.ServiceClasses;
import org.rpyc4j.spi.support.StandardStreams;
import org.slf4j.LoggerFactory;

/**
 * The main class of a forked child: a warm spare that serves exactly one connection, handed to it by the
 * parent, then exits.
 *
 * <ol>
 * <li>Makes the service factory and authenticator from their class names and warms the engine up (a
 * loopback call), so the first real request finds classes loaded and initialised.</li>
 * <li>Listens on its control socket and prints {@code READY} on standard output: the parent now counts it
 * as a spare.</li>
 * <li>Waits for the parent's connection on the control socket, or for the end of standard input, which
 * means the parent is gone (then it exits).</li>
 * <li>Receives the client's socket descriptor ({@code SCM_RIGHTS}) with the client's address, puts it on
 * descriptor 0 and takes it as {@link System#inheritedChannel()}: the child owns the socket; no byte passes
 * through the parent.</li>
 * <li>Authenticates and serves it like any server does ({@link ClientHandler}), then exits.</li>
 * </ol>
 * The parent ends a child by closing the child's standard input (then by killing it, if it lingers): a spare
 * exits, a serving child closes its connection (sending CLOSE) and exits, as the connections of any closing
 * server are closed.
 */
public final class ForkedChild {
    /** The line a child prints when it is ready to take a connection. */
    public static final String READY = "READY";
    private static final int MAX_PAYLOAD = 4096;

    private ForkedChild() {
    }

    public static void main(String[] args) throws IOException {
        // first of all: nothing may write to stdout but the READY line (the parent reads it)
        OutputStream stdout = StandardStreams.takeStdout();
        ChildArguments arguments = ChildArguments.parse(args);
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        ServiceFactory factory = ServiceClasses.factoryFor(arguments.service(), loader);
        Authenticator authenticator = arguments.authenticator() == null ? null
                : NamedAuthenticator.fromSpec(arguments.authenticator()).orElseGet(() ->
                        ServiceClasses.instantiate(arguments.authenticator(), Authenticator.class, loader));
        ServerLog log = new ServerLog(LoggerFactory.getLogger(arguments.loggerName()));   // logging starts up now, not on the client's time
        warmUp(arguments.config());

        int listener = Posix.listenUnix(arguments.control(), 1);
        stdout.write((READY + "\n").getBytes(StandardCharsets.US_ASCII));
        stdout.flush();
        Posix.Received handover = awaitHandover(listener);
        Posix.close(listener);
        Files.deleteIfExists(arguments.control());
        if (handover == null || handover.fd() < 0) {
            System.exit(0);   // the parent went away or is closing: nothing to serve
        }

        int parent = Posix.dup(0);   // the pipe from the parent, before the socket takes descriptor 0
        Posix.setBlocking(handover.fd());
        Posix.dup2(handover.fd(), 0);
        Posix.close(handover.fd());
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof SocketChannel channel)) {
            throw new IllegalStateException("descriptor 0 is no connected socket: " + inherited);
        }
        AcceptedSocket accepted = AcceptedSocket.of(channel);
        String addrinfo = new String(handover.payload(), StandardCharsets.UTF_8);
        ClientHandler handler = new ClientHandler(factory, arguments.config(), authenticator, log);
        Thread.ofPlatform().daemon().name("parent watch").start(() -> {
            awaitEnd(parent);
            handler.closeAll();   // the parent closes: end the connection as every closing server does
        });
        handler.serve(accepted.transport(), accepted.socket(), addrinfo);
        System.exit(0);
    }

    /** The parent's handover, or {@code null} when standard input ends first (the parent is gone). */
    @Nullable
    private static Posix.Received awaitHandover(int listener) throws IOException {
        if (Posix.awaitReadable(-1, listener, 0) != listener) {
            return null;
        }
        int control = Posix.accept(listener);
        try {
            return Posix.receiveDescriptor(control, MAX_PAYLOAD);
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

    /** One loopback connection through the engine, so that serving the real one does not start cold. */
    private static void warmUp(ProtocolConfig config) {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                    ((InetSocketAddress) listener.getLocalAddress()).getPort());
            AcceptedSocket accepted = AcceptedSocket.of(listener.accept());
            Connection server = Rpyc.engine().accept(accepted.transport(), connection -> new WarmUpService(), config, null);
            server.serveInBackground();
            try (Connection client = Rpyc.connect(Transport.of(socket), ConnectOptions.defaults())) {
                NetRef root = client.root();
                ((NetRef) root.getattr("get_service_name")).call();
                root.callMethod("add", 1, 2);
                root.callMethod("echo", "warm");
                ((NetRef) root.callMethod("list")).len();
                client.ping();
            } finally {
                server.close();
            }
        } catch (IOException | RuntimeException e) {
            // only a warm-up: serving works without it, just slower at first
            LoggerFactory.getLogger(ForkedChild.class).debug("warm-up failed: {}", e.toString());
        }
    }
}
