package org.rpyc4j.api;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * Vets each accepted connection before it is served (rpyc's authenticators): it may wrap the stream (e.g. in
 * TLS) and establish credentials, which the service sees as {@link Connection#credentials()}. A server runs it
 * on the connection's own thread (or process), never on the accept loop; when it throws, that connection is
 * closed with a log line and the server goes on.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * Authenticates one accepted connection.
     *
     * @param transport the accepted stream
     * @param socket the accepted TCP socket behind {@code transport}, for authenticators that must layer on a
     *     {@link Socket} (TLS); {@code null} for Unix domain sockets and pipes
     * @return the stream to serve (the same or a wrapping one) and the credentials, if any
     * @throws AuthenticationException when the peer is refused
     * @throws IOException when the stream fails during authentication (treated as a refusal)
     */
    Authenticated authenticate(Transport transport, @Nullable Socket socket) throws AuthenticationException, IOException;

    /**
     * What an {@link Authenticator} established.
     *
     * @param transport the stream to serve
     * @param credentials what the service sees as {@link Connection#credentials()}, or {@code null}
     */
    record Authenticated(Transport transport, @Nullable Object credentials) {
        public Authenticated {
            Objects.requireNonNull(transport, "transport");
        }
    }
}
