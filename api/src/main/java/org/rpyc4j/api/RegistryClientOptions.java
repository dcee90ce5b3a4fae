package org.rpyc4j.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * Where a {@link RegistryClient} finds its registry and how long it waits: rpyc's registry client parameters
 * with rpyc's defaults. Immutable; make one with {@link #builder()}.
 *
 * <table>
 * <caption>Options, defaults and meaning</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>host</td><td>UDP: {@code 255.255.255.255}; TCP: none, required</td><td>the registry's address
 *     (UDP: or a broadcast address)</td></tr>
 * <tr><td>port</td><td>18811</td><td>the registry's port</td></tr>
 * <tr><td>timeout</td><td>2 s</td><td>how long one request waits for its answer (and a TCP connect)</td></tr>
 * <tr><td>broadcast</td><td>UDP: whether a dotted part of host is {@code 255}</td><td>UDP: set
 *     {@code SO_BROADCAST}</td></tr>
 * <tr><td>reregisterInterval</td><td>60 s</td><td>{@link Registrar#reregisterInterval()}</td></tr>
 * <tr><td>settings</td><td>empty</td><td>settings of particular transports</td></tr>
 * </table>
 */
public record RegistryClientOptions(
        @Nullable String host,
        int port,
        Duration timeout,
        @Nullable Boolean broadcast,
        Duration reregisterInterval,
        Map<String, String> settings) {

    /** rpyc's registry client timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException on a port outside 1..65535 or a non-positive duration
     */
    public RegistryClientOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(reregisterInterval, "reregisterInterval");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (timeout.isNegative() || timeout.isZero() || reregisterInterval.isNegative() || reregisterInterval.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
        settings = Map.copyOf(settings);
    }

    /** All defaults: the transport's default host, port 18811, 2 s. */
    public static RegistryClientOptions defaults() {
        return builder().build();
    }

    /** The defaults with the registry at {@code host}:{@code port}. */
    public static RegistryClientOptions of(String host, int port) {
        return builder().host(host).port(port).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The transport setting {@code key}, or {@code fallback} when unset. */
    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    /** Builds {@link RegistryClientOptions}; starts from the defaults. */
    public static final class Builder {
        private @Nullable String host;
        private int port = RegistryClient.DEFAULT_PORT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable Boolean broadcast;
        private Duration reregisterInterval = Registrar.DEFAULT_REREGISTER_INTERVAL;
        private final Map<String, String> settings = new TreeMap<>();

        private Builder() {
        }

        private Builder(RegistryClientOptions o) {
            host = o.host;
            port = o.port;
            timeout = o.timeout;
            broadcast = o.broadcast;
            reregisterInterval = o.reregisterInterval;
            settings.putAll(o.settings);
        }

        /** The registry's host; {@code null}: the transport's default. */
        public Builder host(@Nullable String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        /** Whether to broadcast; {@code null}: decided from the host. */
        public Builder broadcast(@Nullable Boolean v) { broadcast = v; return this; }
        public Builder reregisterInterval(Duration v) { reregisterInterval = v; return this; }
        /** Sets the transport setting {@code key} ({@code String.valueOf(value)}); {@code null} removes it. */
        public Builder set(String key, @Nullable Object value) {
            if (value == null) {
                settings.remove(key);
            } else {
                settings.put(key, String.valueOf(value));
            }
            return this;
        }

        public RegistryClientOptions build() {
            return new RegistryClientOptions(host, port, timeout, broadcast, reregisterInterval, settings);
        }
    }
}
