package org.rpyc4j.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * How a {@link Server} listens and serves: rpyc's {@code Server} parameters with rpyc's defaults, plus the
 * settings of the serving modes. Immutable; make one with {@link #builder()}.
 *
 * <table>
 * <caption>Options, defaults and meaning</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>host</td><td>{@code 127.0.0.1} ({@code ::1} with ipv6)</td><td>the address to bind; "" (or
 *     {@code 0.0.0.0} / {@code ::}) listens on all interfaces. rpyc's {@code ThreadedServer} defaults to all
 *     interfaces, {@code rpyc_classic} to localhost: rpyc4j takes the localhost default, because a service
 *     reachable from the whole network should be a decision, not an accident</td></tr>
 * <tr><td>port</td><td>0</td><td>the TCP port; 0 lets the system choose, and {@link Server#port()} reports
 *     it</td></tr>
 * <tr><td>ipv6</td><td>false</td><td>bind an IPv6 socket instead of IPv4</td></tr>
 * <tr><td>backlog</td><td>4096</td><td>the listen backlog ({@code socket.SOMAXCONN} on Linux)</td></tr>
 * <tr><td>reuseAddress</td><td>true</td><td>{@code SO_REUSEADDR}, so a restarted server can rebind at
 *     once</td></tr>
 * <tr><td>unixSocketPath</td><td>none</td><td>listen on a Unix domain socket at this path instead (rpyc's
 *     {@code socket_path}); excludes host, port and ipv6. The file is removed when the server closes</td></tr>
 * <tr><td>authenticator</td><td>none</td><td>vets each connection before it is served</td></tr>
 * <tr><td>registrar</td><td>none</td><td>the registry client to register the service with</td></tr>
 * <tr><td>autoRegister</td><td>whether a registrar is set</td><td>register at start, re-register
 *     periodically, unregister on close</td></tr>
 * <tr><td>protocolConfig</td><td>{@link ProtocolConfig#defaults()}</td><td>the configuration of every
 *     connection</td></tr>
 * <tr><td>listenerTimeout</td><td>0.5 s</td><td>rpyc's {@code listener_timeout}. A Java listener wakes at
 *     once when the server closes, so this only paces the accept loop after a failed accept (e.g. out of file
 *     descriptors) instead of spinning</td></tr>
 * <tr><td>loggerName</td><td>{@code SERVICENAME/PORT}</td><td>the logger's name (rpyc's naming; the socket path
 *     instead of the port for Unix sockets)</td></tr>
 * <tr><td>drainTimeout</td><td>0</td><td>on close, how long to let open connections finish before closing
 *     them; 0 closes them at once, as rpyc does</td></tr>
 * <tr><td>modeSettings</td><td>empty</td><td>settings of particular modes; each mode documents the keys it
 *     reads and ignores the others: {@code threaded.platform-threads}, {@code threaded.busy-threads},
 *     {@code pool.size}, {@code forking.spares}, {@code forking.jvm-options}, {@code forking.start-timeout},
 *     {@code oneshot.banner}</td></tr>
 * </table>
 */
public record ServerOptions(
        @Nullable String host,
        int port,
        boolean ipv6,
        int backlog,
        boolean reuseAddress,
        @Nullable Path unixSocketPath,
        @Nullable Authenticator authenticator,
        @Nullable Registrar registrar,
        boolean autoRegister,
        ProtocolConfig protocolConfig,
        Duration listenerTimeout,
        @Nullable String loggerName,
        Duration drainTimeout,
        Map<String, String> modeSettings) {

    /** rpyc's {@code socket.SOMAXCONN} on Linux. */
    public static final int DEFAULT_BACKLOG = 4096;

    /**
     * Validates; {@code host} is null exactly when listening on a Unix socket.
     *
     * @throws IllegalArgumentException on a port outside 0..65535, a backlog below 1, negative durations, or a
     *     Unix socket path combined with host, port or ipv6
     */
    public ServerOptions {
        Objects.requireNonNull(protocolConfig, "protocolConfig");
        Objects.requireNonNull(listenerTimeout, "listenerTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (unixSocketPath != null) {
            if (host != null || port != 0 || ipv6) {
                throw new IllegalArgumentException("a Unix socket path excludes host, port and ipv6");
            }
        } else {
            Objects.requireNonNull(host, "host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be positive: " + backlog);
        }
        if (listenerTimeout.isNegative() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        modeSettings = Map.copyOf(modeSettings);
    }

    /** All defaults: 127.0.0.1, an ephemeral port. */
    public static ServerOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The mode setting {@code key}, or {@code fallback} when unset. */
    public String setting(String key, String fallback) {
        return modeSettings.getOrDefault(key, fallback);
    }

    /**
     * The mode setting {@code key} as an int, or {@code fallback} when unset.
     *
     * @throws IllegalArgumentException when it is set but not an integer
     */
    public int intSetting(String key, int fallback) {
        String value = modeSettings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mode setting " + key + " is not an integer: " + value, e);
        }
    }

    /** The mode setting {@code key} as a boolean ({@code true} ignoring case), or {@code fallback} when unset. */
    public boolean booleanSetting(String key, boolean fallback) {
        String value = modeSettings.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value.strip());
    }

    /** Builds {@link ServerOptions}; starts from the defaults. */
    public static final class Builder {
        private @Nullable String host;
        private int port;
        private boolean ipv6;
        private int backlog = DEFAULT_BACKLOG;
        private boolean reuseAddress = true;
        private @Nullable Path unixSocketPath;
        private @Nullable Authenticator authenticator;
        private @Nullable Registrar registrar;
        private @Nullable Boolean autoRegister;
        private ProtocolConfig protocolConfig = ProtocolConfig.defaults();
        private Duration listenerTimeout = Duration.ofMillis(500);
        private @Nullable String loggerName;
        private Duration drainTimeout = Duration.ZERO;
        private final Map<String, String> modeSettings = new TreeMap<>();

        private Builder() {
        }

        private Builder(ServerOptions o) {
            // an explicit host is kept only when it differs from the family's default, so ipv6(..) still moves it
            host = o.unixSocketPath == null && !o.host.equals(defaultHost(o.ipv6)) ? o.host : null;
            port = o.port;
            ipv6 = o.ipv6;
            backlog = o.backlog;
            reuseAddress = o.reuseAddress;
            unixSocketPath = o.unixSocketPath;
            authenticator = o.authenticator;
            registrar = o.registrar;
            autoRegister = o.autoRegister;
            protocolConfig = o.protocolConfig;
            listenerTimeout = o.listenerTimeout;
            loggerName = o.loggerName;
            drainTimeout = o.drainTimeout;
            modeSettings.putAll(o.modeSettings);
        }

        /** The address to bind; "" for all interfaces. Unset: the loopback address of the family. */
        public Builder host(String v) { host = Objects.requireNonNull(v, "host"); return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder ipv6(boolean v) { ipv6 = v; return this; }
        public Builder backlog(int v) { backlog = v; return this; }
        public Builder reuseAddress(boolean v) { reuseAddress = v; return this; }
        /** Listen on a Unix domain socket at {@code v} ({@code null}: TCP). */
        public Builder unixSocketPath(@Nullable Path v) { unixSocketPath = v; return this; }
        public Builder authenticator(@Nullable Authenticator v) { authenticator = v; return this; }
        public Builder registrar(@Nullable Registrar v) { registrar = v; return this; }
        /** Whether to register with the registrar; unset, it is whether a registrar is set (rpyc's rule). */
        public Builder autoRegister(boolean v) { autoRegister = v; return this; }
        public Builder protocolConfig(ProtocolConfig v) { protocolConfig = v; return this; }
        public Builder listenerTimeout(Duration v) { listenerTimeout = v; return this; }
        public Builder loggerName(@Nullable String v) { loggerName = v; return this; }
        public Builder drainTimeout(Duration v) { drainTimeout = v; return this; }
        /** Sets the mode setting {@code key} ({@code String.valueOf(value)}); {@code null} removes it. */
        public Builder set(String key, @Nullable Object value) {
            if (value == null) {
                modeSettings.remove(key);
            } else {
                modeSettings.put(key, String.valueOf(value));
            }
            return this;
        }

        public ServerOptions build() {
            String effectiveHost = unixSocketPath != null ? host : host != null ? host : defaultHost(ipv6);
            boolean register = autoRegister != null ? autoRegister : registrar != null;
            if (register && registrar == null) {
                throw new IllegalArgumentException("autoRegister needs a registrar");
            }
            return new ServerOptions(effectiveHost, port, ipv6, backlog, reuseAddress, unixSocketPath, authenticator,
                    registrar, register, protocolConfig, listenerTimeout, loggerName, drainTimeout, modeSettings);
        }

        private static String defaultHost(boolean ipv6) {
            return ipv6 ? "::1" : "127.0.0.1";
        }
    }
}
