package org.rpyc4j.spi.support;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * until the connection ends, goodbye (rpyc's {@code _authenticate_and_serve_client}). A mode that moves a
 * connection between threads uses the parts: {@link #open} (authenticate, welcome, make the connection), then
 * serving where it likes, then {@link Served#end()} (goodbye, close). Keeps track of the connections being
 * served so that a closing server can drain and then close them.
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
        Served served = open(transport, socket, addrinfo);
        if (served == null) {
            return;
        }
        try {
            loop.accept(served.connection());
        } catch (RuntimeException e) {
            served.failed(e);
        } finally {
            served.end();
        }
    }

    /**
     * Authenticates {@code accepted}, welcomes it and makes its RPyC connection, on the calling thread; the
     * caller then serves {@link Served#connection()} on whatever threads it likes and calls {@link Served#end()}
     * once. Returns {@code null} when the connection ended already (authentication failed, the server is closing,
     * the connection could not be made), logged and cleaned up; never throws.
     */
    public @Nullable Served open(AcceptedSocket accepted) {
        return open(accepted.transport(), accepted.socket(), accepted.addrinfo());
    }

    private @Nullable Served open(Transport transport, @Nullable Socket socket, String addrinfo) {
        Session session = new Session(transport);
        sessions.add(session);
        Served served = new Served(session, transport, addrinfo);
        boolean opened = false;
        try {
            if (closing) {
                return null;   // the server closed while this connection was being handed over
            }
            Object credentials = null;
            if (authenticator != null) {
                try {
                    Authenticator.Authenticated result = authenticator.authenticate(transport, socket);
                    session.transport = result.transport();
                    credentials = result.credentials();
                } catch (AuthenticationException | IOException | RuntimeException e) {
                    log.failedToAuthenticate(addrinfo, e);
                    return null;
                }
                log.authenticated(addrinfo);
            }
            log.welcome(addrinfo, credentials);
            served.welcomed = true;
            try {
                session.connection = Rpyc.engine().accept(session.transport, serviceFactory, config, credentials);
            } catch (RuntimeException e) {
                served.failed(e);
                return null;
            }
            if (closing) {
                return null;   // closeAll ran before the connection existed
            }
            opened = true;
            return served;
        } finally {
            if (!opened) {
                served.end();
            }
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

    /** A connection {@link #open opened} for serving; {@link #end()} finishes it. */
    public final class Served {
        private final Session session;
        private final Transport accepted;
        private final String addrinfo;
        private final AtomicBoolean ended = new AtomicBoolean();
        private boolean welcomed;   // a goodbye only follows a welcome

        private Served(Session session, Transport accepted, String addrinfo) {
            this.session = session;
            this.accepted = accepted;
            this.addrinfo = addrinfo;
        }

        /** The RPyC connection, to serve. */
        public Connection connection() {
            Connection connection = session.connection;
            if (connection == null) {
                throw new IllegalStateException("not opened");
            }
            return connection;
        }

        /** Logs that serving failed with {@code e}, unless the server is closing (then it is the close). */
        public void failed(RuntimeException e) {
            if (!closing) {
                log.terminatedAbruptly(e);
            }
        }

        /** Says goodbye, closes the connection and forgets it; only the first call does anything. */
        public void end() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                if (welcomed) {
                    log.goodbye(addrinfo);
                }
            } finally {
                session.closeQuietly();
                if (session.transport != accepted) {
                    closeQuietly(accepted);
                }
                sessions.remove(session);
                signalIfIdle();
            }
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
