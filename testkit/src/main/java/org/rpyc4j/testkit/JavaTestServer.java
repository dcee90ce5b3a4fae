package org.rpyc4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;

/**
 * An rpyc4j server for tests below the serving modes: listens on 127.0.0.1 (port chosen by the system), serves
 * every accepted socket with the engine ({@link Rpyc#engine()}) on its own virtual thread, and closes the
 * listener and every connection in {@link #close()}.
 */
public final class JavaTestServer implements AutoCloseable {
    private final ServerSocket listener;
    private final ServiceFactory factory;
    private final ProtocolConfig config;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private JavaTestServer(ServerSocket listener, ServiceFactory factory, ProtocolConfig config) {
        this.listener = listener;
        this.factory = factory;
        this.config = config;
        this.acceptor = Thread.ofVirtual().name("test-accept").start(this::acceptAll);
    }

    /** A server with rpyc's default configuration. */
    public static JavaTestServer start(ServiceFactory factory) throws IOException {
        return start(factory, ProtocolConfig.defaults());
    }

    public static JavaTestServer start(ServiceFactory factory, ProtocolConfig config) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new JavaTestServer(listener, factory, config);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The connections being served now. */
    public List<Connection> connections() {
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
            Thread t = Thread.ofVirtual().name("test-serve").unstarted(() -> serve(socket));
            threads.add(t);
            t.start();
        }
    }

    private void serve(Socket socket) {
        Connection conn = null;
        try {
            conn = Rpyc.engine().accept(Transport.of(socket), factory, config, null);
            connections.add(conn);
            conn.serveAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        connections.forEach(Connection::close);
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
