package org.rpyc4j.registry.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.registry.AbstractRegistryServer;
import org.rpyc4j.registry.RegistryRequests;
import org.rpyc4j.spi.support.ServerLog;

/**
 * rpyc's {@code TCPRegistryServer}, one request per connection: read one request (at most 1500 bytes), answer,
 * close. Unlike rpyc, which serves connections one at a time (so one silent client holds up everybody), each
 * connection is served on its own virtual thread and must deliver its request within
 * {@link RegistryServerOptions#requestTimeout()}; at most {@link RegistryServerOptions#maxConnections()} are
 * served at once, further ones are closed at once. A request that gets no answer (bad input, a refused
 * REGISTER) is closed without one, where rpyc would leave the socket open.
 */
public final class TcpRegistryServer extends AbstractRegistryServer {
    /** The listen backlog (rpyc: 10; connections are handed off at once here, so a little more is cheap). */
    private static final int BACKLOG = 128;
    /** How long {@link #closeTransport()} waits for the connections' threads to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final Object idle = new Object();

    /**
     * Binds and listens as {@code options} say ({@code SO_REUSEADDR} on, as in rpyc).
     *
     * @throws UncheckedIOException when it cannot bind
     */
    public TcpRegistryServer(RegistryServerOptions options) {
        this(options, open(options));
    }

    private TcpRegistryServer(RegistryServerOptions options, ServerSocket listener) {
        super("TCP", options, (InetSocketAddress) listener.getLocalSocketAddress());
        this.listener = listener;
    }

    private static ServerSocket open(RegistryServerOptions options) {
        InetSocketAddress wanted = null;
        try {
            wanted = bindAddress(options);
            ServerSocket listener = new ServerSocket();
            try {
                listener.setReuseAddress(true);
                listener.bind(wanted, BACKLOG);
                return listener;
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the TCP registry to "
                    + (wanted != null ? wanted : options.host() + ":" + options.port()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void serveLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                log().debug("accepting a connection failed: {}", e.toString());
                pause();
                continue;
            }
            if (active.incrementAndGet() > options().maxConnections()) {
                finished();
                log().debug("closing a connection from {}: {} connections are being served already",
                        ServerLog.addrinfo(socket.getRemoteSocketAddress()), options().maxConnections());
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            if (listener.isClosed()) {
                forget(socket);
                return;
            }
            try {
                Thread.ofVirtual().name(log().getName() + " " + ServerLog.addrinfo(socket.getRemoteSocketAddress()))
                        .start(() -> {
                            try {
                                serve(socket);
                            } finally {
                                forget(socket);
                            }
                        });
            } catch (RuntimeException | OutOfMemoryError e) {
                log().warn("cannot start a thread for a connection: {}", e.toString());
                forget(socket);
            }
        }
    }

    /** Reads one request, answers it, closes. */
    private void serve(Socket socket) {
        String host = ServerLog.host(socket.getInetAddress());
        try {
            byte[] request = new byte[RegistryServerOptions.MAX_REQUEST_SIZE];
            int length = 0;
            long deadline = System.nanoTime() + options().requestTimeout().toNanos();
            InputStream in = socket.getInputStream();
            boolean timedOut = false;
            while (length < request.length) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timedOut = true;
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                int read;
                try {
                    read = in.read(request, length, request.length - length);
                } catch (SocketTimeoutException e) {
                    timedOut = true;
                    break;
                }
                if (read < 0) {
                    break;
                }
                length += read;
                if (RegistryRequests.holdsValue(request, 0, length)) {
                    break;
                }
            }
            if (length == 0) {
                log().debug("connection from {} {} without a request", host, timedOut ? "timed out" : "closed");
                return;
            }
            if (timedOut && !RegistryRequests.holdsValue(request, 0, length)) {
                log().debug("connection from {} timed out after {} bytes of an incomplete request", host, length);
                return;
            }
            byte[] reply = dispatcher().handle(request, 0, length, host);
            if (reply != null) {
                OutputStream out = socket.getOutputStream();
                out.write(reply);
                out.flush();
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            if (!listener.isClosed()) {
                log().debug("connection from {} failed: {}", host, e.toString());
            }
        } catch (RuntimeException e) {
            log().warn("serving a connection from {} failed", host, e);
        }
    }

    private void forget(Socket socket) {
        connections.remove(socket);
        closeQuietly(socket);
        finished();
    }

    private void finished() {
        if (active.decrementAndGet() <= 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    protected void closeTransport() {
        closeQuietly(listener);
        connections.forEach(TcpRegistryServer::closeQuietly);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (idle) {
            while (active.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log().warn("{} connections still open after {} s", active.get(), CLOSE_WAIT.toSeconds());
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
