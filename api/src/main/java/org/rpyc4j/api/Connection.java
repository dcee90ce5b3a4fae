package org.rpyc4j.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import javax.annotation.Nullable;

/**
 * One RPyC connection. Both ends are peers: either may send requests at any time, and a thread waiting for
 * a reply keeps serving the peer's requests (callbacks nest to any depth). Any thread may use a connection.
 */
public interface Connection extends AutoCloseable {
    /** The peer's root object (its service), fetched on first use and then cached. */
    NetRef root();

    /** The peer's root seen through a Java interface: each interface method calls the remote method of that name. */
    default <T> T root(Class<T> api) {
        return root().as(api);
    }

    /** This side's root object: the service the peer reaches. */
    Object localRoot();

    /** The envelope this connection speaks. */
    Dialect dialect();

    /** This connection's configuration. */
    ProtocolConfig config();

    /** Who is at the other end, for log lines. */
    String peer();

    /** What the authenticator established for this connection (e.g. a TLS client certificate's subject). */
    @Nullable
    Object credentials();

    /** Sends a PING with rpyc's default payload and waits up to 3 s for it to come back. */
    void ping();

    /** Sends a PING carrying {@code data} and waits up to {@code timeout}; fails unless the same text returns. */
    void ping(String data, Duration timeout);

    /**
     * Serves incoming requests until the connection closes. A server calls this for every connection; a
     * client needs it only to serve requests the peer pushes while the client sends none of its own.
     */
    void serveAll();

    /**
     * Serves what arrives within {@code timeout} (rpyc's {@code serve(timeout)}): reads one incoming frame and
     * handles it (runs a request, or hands a reply to its waiter), then returns {@code true}; returns
     * {@code false} if nothing could be read in time. Lets a server decide between frames which thread serves
     * the connection.
     *
     * @param timeout how long to wait for a frame; must be positive
     * @throws org.rpyc4j.api.error.ConnectionClosedException if the connection is closed or closes meanwhile
     */
    boolean serve(Duration timeout);

    /**
     * Starts a virtual thread that serves the peer's requests until the connection closes (Python's
     * {@code BgServingThread}); needed only by a client that expects requests while it sends none itself.
     */
    Thread serveInBackground();

    /** Completes when the connection has closed, by either side. */
    CompletionStage<Void> closeFuture();

    /** Whether the connection has closed. */
    boolean isClosed();

    /** Sends CLOSE (without waiting for an answer) and ends the connection; pending requests fail. */
    @Override
    void close();
}
