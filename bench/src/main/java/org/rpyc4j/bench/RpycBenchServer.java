package org.rpyc4j.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rpyc4j server the benchmarks talk to: a minimal accept loop on 127.0.0.1, one thread per connection
 * running {@link Connection#serveAll()}, at most {@code maxConnections} connections in its lifetime.
 *
 * <p>This is the one place to change when the project's {@code ThreadedServer} module exists: replace the body
 * of {@link #start} with that server (bound to 127.0.0.1, port 0) and keep {@link #port()} and {@link #close()}.
 */
final class RpycBenchServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpycBenchServer.class);

    private final ServerSocket listener;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    private RpycBenchServer(ServerSocket listener) {
        this.listener = listener;
    }

    /**
     * Listens on 127.0.0.1 at an ephemeral port and serves {@code factory}'s service.
     *
     * @param perConnection makes the thread that serves a connection ({@code Thread.ofVirtual()} normally)
     */
    static RpycBenchServer start(ServiceFactory factory, Thread.Builder perConnection, int maxConnections)
            throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RpycBenchServer server = new RpycBenchServer(listener);
        Thread.ofPlatform().daemon().name("rpyc-accept-" + listener.getLocalPort()).start(() -> {
            try (listener) {
                for (int accepted = 0; accepted < maxConnections; accepted++) {
                    Socket socket = listener.accept();
                    perConnection.start(() -> server.serve(socket, factory));
                }
                LOG.warn("rpyc bench server: {} connections accepted, no more", maxConnections);
            } catch (SocketException closed) {
                // close() ended the loop
            } catch (IOException e) {
                LOG.warn("rpyc bench server: accept failed: {}", e.toString());
            }
        });
        return server;
    }

    private void serve(Socket socket, ServiceFactory factory) {
        try {
            Connection connection = Rpyc.engine().accept(Transport.of(socket), factory, ProtocolConfig.defaults(),
                    null);
            connections.add(connection);
            try {
                connection.serveAll();
            } finally {
                connections.remove(connection);
                connection.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("rpyc bench server: connection from {} failed: {}", socket.getRemoteSocketAddress(),
                    e.toString());
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.forEach(Connection::close);
    }
}
