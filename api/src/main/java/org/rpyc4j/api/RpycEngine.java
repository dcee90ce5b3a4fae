package org.rpyc4j.api;

import javax.annotation.Nullable;

/**
 * The protocol engine behind {@link Rpyc}: turns a byte stream into a {@link Connection}. Found with
 * {@link java.util.ServiceLoader}; rpyc4j's core module provides it. Servers use it to serve accepted streams.
 */
public interface RpycEngine {
    /**
     * A client connection over {@code transport}, speaking {@code options.dialect()}. Nothing is sent until the
     * application makes its first request.
     */
    Connection connect(Transport transport, ConnectOptions options);

    /**
     * A server-side connection over {@code transport}: the dialect is detected from the peer's first frame,
     * and {@code factory} makes the local root. The caller runs {@link Connection#serveAll()}.
     *
     * @param credentials what an authenticator established, or {@code null}
     */
    Connection accept(Transport transport, ServiceFactory factory, ProtocolConfig config,
            @Nullable Object credentials);

    /**
     * Introspects {@code type} (its members, as the peer will see them) now instead of on its first remote use,
     * so that the first request of a connection does not pay for reflection: a forked child does this for its
     * service class while it waits for a connection. Optional; does nothing by default.
     */
    default void prepare(Class<?> type) {
    }
}
