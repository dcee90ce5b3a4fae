package org.rpyc4j.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * How a {@link RegistryServer} listens and what it keeps: rpyc's registry parameters with rpyc's defaults, plus
 * the limits that keep a registry's state bounded. Immutable; make one with {@link #builder()}.
 *
 * <table>
 * <caption>Options, defaults and meaning</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>host</td><td>{@code 0.0.0.0} ({@code ::} with ipv6)</td><td>the address to bind. Like rpyc, every
 *     interface by default: a registry answers broadcasts from the whole network. "" also means every
 *     interface</td></tr>
 * <tr><td>port</td><td>18811</td><td>the UDP or TCP port; 0 lets the system choose and
 *     {@link RegistryServer#port()} reports it</td></tr>
 * <tr><td>ipv6</td><td>false</td><td>bind an IPv6 socket ({@code rpyc_registry -6})</td></tr>
 * <tr><td>pruningTimeout</td><td>240 s</td><td>an entry whose last keepalive is older is dropped when its name
 *     is next queried ({@code rpyc_registry -t})</td></tr>
 * <tr><td>allowListing</td><td>false</td><td>answer {@code LIST}; otherwise {@code LIST} is answered with
 *     {@code None} ({@code rpyc_registry -l})</td></tr>
 * <tr><td>requestTimeout</td><td>3 s</td><td>TCP: how long one connection may take to deliver its request
 *     before it is closed unanswered (each connection is served on its own thread, so a slow one delays no
 *     other)</td></tr>
 * <tr><td>maxConnections</td><td>1024</td><td>TCP: connections served at once; more are closed at once</td></tr>
 * <tr><td>maxEntriesPerHost</td><td>4096</td><td>registrations (one per service name and port) one IP address
 *     may hold; a REGISTER that would add more is refused (no answer, as rpyc answers a request it fails
 *     on)</td></tr>
 * <tr><td>maxEntries</td><td>100,000</td><td>registrations the whole registry holds; likewise</td></tr>
 * <tr><td>maxAliasLength</td><td>256</td><td>characters of one alias; a REGISTER with a longer one is
 *     refused</td></tr>
 * <tr><td>loggerName</td><td>{@code REGSRV/UDP/PORT}</td><td>the logger's name (rpyc's naming, with the transport
 *     and bound port)</td></tr>
 * <tr><td>settings</td><td>empty</td><td>settings of particular transports; each documents the keys it
 *     reads</td></tr>
 * </table>
 *
 * <p>A request is at most 1500 bytes (rpyc's {@code MAX_DGRAM_SIZE}); that also bounds the aliases of one
 * REGISTER (about 490 one-letter aliases). Longer datagrams are ignored, as rpyc ignores their truncated
 * remains.
 */
public record RegistryServerOptions(
        String host,
        int port,
        boolean ipv6,
        Duration pruningTimeout,
        boolean allowListing,
        Duration requestTimeout,
        int maxConnections,
        int maxEntriesPerHost,
        int maxEntries,
        int maxAliasLength,
        @Nullable String loggerName,
        Map<String, String> settings) {

    /** rpyc's {@code DEFAULT_PRUNING_TIMEOUT}. */
    public static final Duration DEFAULT_PRUNING_TIMEOUT = Duration.ofSeconds(240);
    /** rpyc's {@code MAX_DGRAM_SIZE}: the longest request a registry reads. */
    public static final int MAX_REQUEST_SIZE = 1500;

    /**
     * Validates.
     *
     * @throws IllegalArgumentException on a port outside 0..65535, a non-positive timeout or limit
     */
    public RegistryServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pruningTimeout, "pruningTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (pruningTimeout.isNegative() || pruningTimeout.isZero()) {
            throw new IllegalArgumentException("pruningTimeout must be positive: " + pruningTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        if (maxConnections < 1 || maxEntriesPerHost < 1 || maxEntries < 1 || maxAliasLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        settings = Map.copyOf(settings);
    }

    /** All defaults: every interface, port 18811. */
    public static RegistryServerOptions defaults() {
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

    /** The transport setting {@code key}, or {@code fallback} when unset. */
    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    /** Builds {@link RegistryServerOptions}; starts from the defaults. */
    public static final class Builder {
        private @Nullable String host;
        private int port = RegistryClient.DEFAULT_PORT;
        private boolean ipv6;
        private Duration pruningTimeout = DEFAULT_PRUNING_TIMEOUT;
        private boolean allowListing;
        private Duration requestTimeout = Duration.ofSeconds(3);
        private int maxConnections = 1024;
        private int maxEntriesPerHost = 4096;
        private int maxEntries = 100_000;
        private int maxAliasLength = 256;
        private @Nullable String loggerName;
        private final Map<String, String> settings = new TreeMap<>();

        private Builder() {
        }

        private Builder(RegistryServerOptions o) {
            host = o.host.equals(defaultHost(o.ipv6)) ? null : o.host;
            port = o.port;
            ipv6 = o.ipv6;
            pruningTimeout = o.pruningTimeout;
            allowListing = o.allowListing;
            requestTimeout = o.requestTimeout;
            maxConnections = o.maxConnections;
            maxEntriesPerHost = o.maxEntriesPerHost;
            maxEntries = o.maxEntries;
            maxAliasLength = o.maxAliasLength;
            loggerName = o.loggerName;
            settings.putAll(o.settings);
        }

        /** The address to bind; unset, every interface of the family. */
        public Builder host(String v) { host = Objects.requireNonNull(v, "host"); return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder ipv6(boolean v) { ipv6 = v; return this; }
        public Builder pruningTimeout(Duration v) { pruningTimeout = v; return this; }
        public Builder allowListing(boolean v) { allowListing = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxEntriesPerHost(int v) { maxEntriesPerHost = v; return this; }
        public Builder maxEntries(int v) { maxEntries = v; return this; }
        public Builder maxAliasLength(int v) { maxAliasLength = v; return this; }
        public Builder loggerName(@Nullable String v) { loggerName = v; return this; }
        /** Sets the transport setting {@code key} ({@code String.valueOf(value)}); {@code null} removes it. */
        public Builder set(String key, @Nullable Object value) {
            if (value == null) {
                settings.remove(key);
            } else {
                settings.put(key, String.valueOf(value));
            }
            return this;
        }

        public RegistryServerOptions build() {
            return new RegistryServerOptions(host != null ? host : defaultHost(ipv6), port, ipv6, pruningTimeout,
                    allowListing, requestTimeout, maxConnections, maxEntriesPerHost, maxEntries, maxAliasLength,
                    loggerName, settings);
        }

        private static String defaultHost(boolean ipv6) {
            return ipv6 ? "::" : "0.0.0.0";
        }
    }
}
