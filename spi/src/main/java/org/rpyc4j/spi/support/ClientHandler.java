package org.rpyc4j.spi.support;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import org.rpyc4j.api.AuthenticationException;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;

/**
 * Serves accepted connections, each on the thread that calls {@link #serve}: authenticate, welcome, serve
 * until the connection ends, goodbye (rpyc's {@code _authenticate_and_serve_client}). Keeps track of the
 * connections being served so that a closing server can drain and then close them.
 *
 * <p>Within a connection the engine runs requests concurrently, each started in the order it arrived, and a
 * thread waiting for the peer's reply serves the peer's requests meanwhile, so callbacks nest without
 * deadlock at any depth (see the core's {@code RpycConnection}). The thread calling {@link #serve} is the
 * connection's first reader; it may also run requests itself.
 */
public final class ClientHandler {
    private final ServiceFactory serviceFactory;
    private final ProtocolConfig config;
    private final @Nullable Authenticator authenticator;
    private final ServerLog log;

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private volatile boolean closing;

    public ClientHandler(ServiceFactory serviceFactory, ProtocolConfig config, @Nullable Authenticator authenticator,
            ServerLog log) {
        this.serviceFactory = serviceFactory;
        this.config = config;
        this.authenticator = authenticator;
        this.log = log;
    }

    /** Serves {@code accepted} on the calling thread until the connection ends; never throws. */
    public void serve(AcceptedSocket accepted) {
        serve(accepted, Connection::serveAll);
    }

    /**
     * Serves {@code accepted} until the connection ends; never throws. Once the connection is up, {@code loop}
     * serves it (and returns when it has closed): {@link Connection#serveAll()} on the calling thread, or a
     * mode's own way of choosing threads.
     */
    public void serve(AcceptedSocket accepted, Consumer<Connection> loop) {
        serve(accepted.transport(), accepted.socket(), accepted.addrinfo(), loop);
    }

    /**
     * Serves {@code transport} on the calling thread until the connection ends; never throws. Closes the
     * transport in the end.
     *
     * @param socket the TCP socket behind the transport, for the authenticator; {@code null} if none
     * @param addrinfo how log lines name the peer
     */
    public void serve(Transport transport, @Nullable Socket socket, String addrinfo) {
        serve(transport, socket, addrinfo, Connection::serveAll);
    }

    private void serve(Transport transport, @Nullable Socket socket, String addrinfo, Consumer<Connection> loop) {
        Session session = new Session(transport);
        sessions.add(session);
        try {
            if (closing) {
                return;   // the server closed while this connection was being handed over
            }
            Object credentials = null;
            if (authenticator != null) {
                try {
                    Authenticator.Authenticated result = authenticator.authenticate(transport, socket);
                    session.transport = result.transport();
                    credentials = result.credentials();
                } catch (AuthenticationException | IOException | RuntimeException e) {
                    log.failedToAuthenticate(addrinfo, e);
                    return;
                }
                log.authenticated(addrinfo);
            }
            serveAuthenticated(session, credentials, addrinfo, loop);
        } finally {
            session.closeQuietly();
            if (session.transport != transport) {
                closeQuietly(transport);
            }
            sessions.remove(session);
            signalIfIdle();
        }
    }

    private void serveAuthenticated(Session session, @Nullable Object credentials, String addrinfo,
            Consumer<Connection> loop) {
        log.welcome(addrinfo, credentials);
        try {
            Connection connection = Rpyc.engine().accept(session.transport, serviceFactory, config, credentials);
            session.connection = connection;
            if (closing) {
                return;   // closeAll ran before the connection existed
            }
            loop.accept(connection);
        } catch (RuntimeException e) {
            if (!closing) {
                log.terminatedAbruptly(e);
            }
        } finally {
            log.goodbye(addrinfo);
        }
    }

    /** How many connections are being served (authenticating included). */
    public int active() {
        return sessions.size();
    }

    /** Waits up to {@code timeout} for every connection to end by itself; returns whether they did. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!sessions.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return sessions.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes every connection (a CLOSE is sent where the connection is up) and refuses those handed over
     * from now on; the serving threads then return from {@link #serve}.
     */
    public void closeAll() {
        closing = true;
        for (Session session : sessions) {
            session.closeQuietly();
        }
    }

    private void signalIfIdle() {
        if (sessions.isEmpty()) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            // the stream is gone either way
        }
    }

    /** One connection being served: its current transport and, once made, its RPyC connection. */
    private static final class Session {
        volatile Transport transport;
        volatile @Nullable Connection connection;

        Session(Transport transport) {
            this.transport = transport;
        }

        void closeQuietly() {
            Connection c = connection;
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    // closing is best effort; the transport is closed below anyway
                }
            }
            ClientHandler.closeQuietly(transport);
        }
    }
}
