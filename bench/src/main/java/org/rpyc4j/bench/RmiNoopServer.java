package org.rpyc4j.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An RMI registry and a {@link RmiNoop} object exported from this JVM, both listening on 127.0.0.1 at ephemeral
 * ports. The JVM must run with {@code -Djava.rmi.server.hostname=127.0.0.1} so that stubs point at loopback.
 */
final class RmiNoopServer implements AutoCloseable {
    /** The name the object is bound under. */
    static final String NAME = "noop";

    private final Registry registry;
    private final Impl impl;
    private final int registryPort;

    private RmiNoopServer(Registry registry, Impl impl, int registryPort) {
        this.registry = registry;
        this.impl = impl;
        this.registryPort = registryPort;
    }

    static RmiNoopServer start() throws IOException {
        LoopbackSockets registrySockets = new LoopbackSockets();
        Registry registry = LocateRegistry.createRegistry(0, null, registrySockets);
        Impl impl = new Impl();
        RmiNoop stub = (RmiNoop) UnicastRemoteObject.exportObject(impl, 0, null, new LoopbackSockets());
        try {
            registry.bind(NAME, stub);
        } catch (java.rmi.AlreadyBoundException e) {
            throw new IllegalStateException(e);
        }
        return new RmiNoopServer(registry, impl, registrySockets.lastPort.get());
    }

    /** The registry's port. */
    int port() {
        return registryPort;
    }

    @Override
    public void close() throws NoSuchObjectException {
        UnicastRemoteObject.unexportObject(impl, true);
        UnicastRemoteObject.unexportObject(registry, true);
    }

    /** The remote object. */
    public static final class Impl implements RmiNoop {
        @Override
        public void noop() {
            // intentionally empty
        }
    }

    /** Server sockets bound to 127.0.0.1; remembers the port of the last one it made. */
    private static final class LoopbackSockets implements RMIServerSocketFactory {
        final AtomicInteger lastPort = new AtomicInteger(-1);

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            lastPort.set(socket.getLocalPort());
            return socket;
        }
    }
}
