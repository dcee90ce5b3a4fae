package org.rpyc4j.classic;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.core.protocol.RpycConnection;

/**
 * An rpyc4j server for the classic tests: listens on 127.0.0.1 (a port the system chose), serves each accepted
 * socket on its own virtual thread, and closes the listener and every connection in {@link #close()}.
 */
final class LoopbackServer implements AutoCloseable {
    private final ServerSocket listener;
    private final ServiceFactory factory;
    private final ProtocolConfig config;
    private final Set<RpycConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private LoopbackServer(ServerSocket listener, ServiceFactory factory, ProtocolConfig config) {
        this.listener = listener;
        this.factory = factory;
        this.config = config;
        this.acceptor = Thread.ofVirtual().name("classic-test-accept").start(this::acceptAll);
    }

    /** The classic service with its configuration. */
    static LoopbackServer classic() throws IOException {
        return start(ClassicService.factory(), ClassicService.config());
    }

    static LoopbackServer start(ServiceFactory factory, ProtocolConfig config) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new LoopbackServer(listener, factory, config);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The connections being served now. */
    List<RpycConnection> connections() {
        return connections.stream().filter(c -> !c.isClosed()).toList();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread t = Thread.ofVirtual().name("classic-test-serve").unstarted(() -> serve(socket));
            threads.add(t);
            t.start();
        }
    }

    private void serve(Socket socket) {
        RpycConnection conn = null;
        try {
            conn = RpycConnection.server(Transport.of(socket), factory, config, null);
            connections.add(conn);
            conn.serveAll();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (conn != null) {
                conn.close();
                connections.remove(conn);
            }
            threads.remove(Thread.currentThread());
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.forEach(RpycConnection::close);
        try {
            acceptor.join(5000);
            for (Thread t : threads) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
