package org.rpyc4j.server.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.AcceptedSocket;
import org.rpyc4j.spi.support.ClientHandler;
import org.rpyc4j.spi.support.ServerLog;
import org.rpyc4j.spi.support.ServiceClasses;
import org.rpyc4j.spi.support.StandardStreams;

/**
 * Serves one connection over this process's standard input and output, for inetd and for clients that start
 * the server as a child process (rpyc's {@code connect_subproc}, {@code rpyc_classic -m stdio}); when standard
 * input is a connected socket handed over by inetd or systemd ({@code Accept=yes}), serves that socket.
 * Serving ends when the connection does.
 *
 * <p>Standard output carries the protocol, so making this server takes it over: from then on
 * {@code System.out} writes to standard error, and a logging backend writing "to the console" (tinylog's
 * default writes info lines to {@code System.out}) lands there. Make the server before anything logs, and
 * configure file or stderr logging ({@code writer.stream = err}) if the backend captures the stream at
 * start-up. The options' authenticator and protocol configuration apply; listening options do not.
 */
public final class StdioServer implements Server {
    private final ClientHandler clients;
    private final Transport transport;
    private final @Nullable AcceptedSocket socket;
    private final AtomicBoolean serving = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable Thread thread;

    /** A server making a new {@code serviceClass} for the connection. */
    public StdioServer(Class<?> serviceClass, ServerOptions options) {
        this(ClassServiceFactory.of(serviceClass), options);
    }

    /** A server serving what {@code factory} makes over this process's stdio (or inherited socket). */
    public StdioServer(ServiceFactory factory, ServerOptions options) {
        this(ServerContext.of(factory, options));
    }

    /** A server for {@code context} over this process's stdio, or the socket inherited as standard input. */
    public StdioServer(ServerContext context) {
        this(context, inheritedSocket());
    }

    private StdioServer(ServerContext context, @Nullable AcceptedSocket inherited) {
        this(context, inherited, inherited != null ? inherited.transport() : stdio());
    }

    /**
     * A server for {@code context} over {@code in} and {@code out} (e.g. a pipe pair), leaving this process's
     * standard streams alone.
     */
    public static StdioServer overStreams(ServerContext context, InputStream in, OutputStream out) {
        return new StdioServer(context, null, Transport.of(in, out, () -> {
            try (in; out) {
                // closes both
            }
        }, "stdio"));
    }

    private StdioServer(ServerContext context, @Nullable AcceptedSocket socket, Transport transport) {
        this.socket = socket;
        this.transport = transport;
        ServerLog log = new ServerLog(context.logger(loggerPort(socket)));
        ServerOptions options = context.options();
        this.clients = new ClientHandler(context.serviceFactory(), options.protocolConfig(), options.authenticator(), log);
    }

    /** What the logger is named after: the inherited socket's port or path, else {@code stdio}. */
    private static Object loggerPort(@Nullable AcceptedSocket socket) {
        try {
            return socket == null ? "stdio"
                    : socket.channel().getLocalAddress() instanceof InetSocketAddress inet ? inet.getPort()
                    : String.valueOf(socket.channel().getLocalAddress());
        } catch (IOException e) {
            return "stdio";
        }
    }

    /** The socket inetd or systemd passed as standard input, or {@code null} when it is no connected socket. */
    private static @Nullable AcceptedSocket inheritedSocket() {
        try {
            Channel inherited = System.inheritedChannel();
            if (inherited instanceof SocketChannel channel && channel.isConnected()) {
                StandardStreams.takeStdout();   // stdout is not the protocol here, but keep it as clean
                return AcceptedSocket.of(channel);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the inherited channel", e);
        }
    }

    /** This process's standard input and output, taken for the protocol. */
    private static Transport stdio() {
        OutputStream out = StandardStreams.takeStdout();
        InputStream in = StandardStreams.takeStdin();
        return Transport.of(in, out, () -> {
            try (in; out) {
                // closing ends the stream both ways, as for a socket
            }
        }, "stdio");
    }

    @Override
    public Server start() {
        claim();
        thread = Thread.ofPlatform().name("stdio server").start(this::serveConnection);
        return this;
    }

    @Override
    public void serve() {
        claim();
        thread = Thread.currentThread();
        serveConnection();
    }

    private void claim() {
        if (closed.get()) {
            throw new IllegalStateException("the stdio server is closed");
        }
        if (!serving.compareAndSet(false, true)) {
            throw new IllegalStateException("the stdio server serves one connection, once");
        }
    }

    private void serveConnection() {
        try {
            String peer = socket != null ? socket.addrinfo() : "stdio";
            clients.serve(transport, socket != null ? socket.socket() : null, peer);
        } finally {
            closed.set(true);
        }
    }

    @Override
    public String host() {
        return address() instanceof InetSocketAddress inet ? ServerLog.host(inet.getAddress()) : "";
    }

    @Override
    public int port() {
        return address() instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    @Override
    public @Nullable SocketAddress address() {
        try {
            return socket != null ? socket.channel().getLocalAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    /** Ends the connection (sending CLOSE) and waits for the serving thread. */
    @Override
    public void close() {
        closed.set(true);
        clients.closeAll();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Serves one connection over stdio: {@code java -m org.rpyc4j.server.stdio SERVICE_CLASS}, where the class is
     * a service (public, with a public no-argument constructor) or a {@code ServiceFactory}. Exits when the
     * connection ends.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -m org.rpyc4j.server.stdio/org.rpyc4j.server.stdio.StdioServer SERVICE_CLASS");
            System.exit(2);
        }
        StandardStreams.takeStdout();   // first: not even the service's class initialisation may write to stdout
        ServiceFactory factory = ServiceClasses.factoryFor(args[0], ClassLoader.getSystemClassLoader());
        new StdioServer(factory, ServerOptions.defaults()).serve();
        System.exit(0);
    }
}
