package org.rpyc4j.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client connects.
 *
 * @param dialect the envelope to speak; rpyc 6.x's by default, {@link Dialect#V5} for rpyc 5.x servers
 * @param service the local root the peer reaches (rpyc's client-side service), {@link VoidService} by default
 * @param config the protocol configuration
 * @param connectTimeout how long establishing the stream may take
 */
public record ConnectOptions(Dialect dialect, Object service, ProtocolConfig config, Duration connectTimeout) {
    public ConnectOptions {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** 6.x dialect, a {@link VoidService}, rpyc's default configuration, 3 s to connect. */
    public static ConnectOptions defaults() {
        return new ConnectOptions(Dialect.V6, new VoidService(), ProtocolConfig.defaults(), Duration.ofSeconds(3));
    }

    public ConnectOptions withDialect(Dialect d) {
        return new ConnectOptions(d, service, config, connectTimeout);
    }

    public ConnectOptions withService(Object s) {
        return new ConnectOptions(dialect, s, config, connectTimeout);
    }

    public ConnectOptions withConfig(ProtocolConfig c) {
        return new ConnectOptions(dialect, service, c, connectTimeout);
    }

    public ConnectOptions withConnectTimeout(Duration t) {
        return new ConnectOptions(dialect, service, config, t);
    }
}
