package org.rpyc4j.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A connection's protocol configuration: rpyc's {@code DEFAULT_CONFIG} keys, with rpyc's defaults, plus the
 * limits a Java peer enforces where Python has none. Immutable; derive variants with {@link #toBuilder()}.
 *
 * <table>
 * <caption>Keys, defaults and meaning</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>allowSafeAttrs</td><td>true</td><td>the safe dunders ({@code __len__}, {@code __getitem__}, ...)
 *     are reachable</td></tr>
 * <tr><td>allowExposedAttrs</td><td>true</td><td>exposed members ({@link Exposed}, {@code exposed_} prefix)
 *     are reachable</td></tr>
 * <tr><td>allowPublicAttrs</td><td>false</td><td>every public member not starting with {@code _}</td></tr>
 * <tr><td>allowAllAttrs</td><td>false</td><td>every member (the classic service)</td></tr>
 * <tr><td>exposedPrefix</td><td>{@code exposed_}</td><td>the prefix of exposed names</td></tr>
 * <tr><td>allowGetattr / allowSetattr / allowDelattr</td><td>true / false / false</td><td>which attribute
 *     requests are served at all</td></tr>
 * <tr><td>allowPickle</td><td>false</td><td>PICKLE is answered (with a pickle of plain data: numbers, strings,
 *     bytes, tuples, lists, sets, dicts; anything else is refused) instead of refused</td></tr>
 * <tr><td>includeLocalTraceback</td><td>true</td><td>exceptions sent to the peer carry the stack</td></tr>
 * <tr><td>includeLocalVersion</td><td>true</td><td>exceptions carry a version string</td></tr>
 * <tr><td>syncRequestTimeout</td><td>30 s</td><td>how long a synchronous request waits for its reply</td></tr>
 * <tr><td>maxFrameSize</td><td>256 MiB</td><td>largest frame accepted from the peer (on the wire)</td></tr>
 * <tr><td>maxInflatedSize</td><td>256 MiB</td><td>largest message a compressed frame may inflate to</td></tr>
 * <tr><td>compressionThreshold</td><td>3000</td><td>payloads longer than this are sent compressed;
 *     negative turns compression off</td></tr>
 * <tr><td>logExceptions</td><td>true</td><td>exceptions raised while serving a request are logged</td></tr>
 * </table>
 */
public record ProtocolConfig(
        boolean allowSafeAttrs,
        boolean allowExposedAttrs,
        boolean allowPublicAttrs,
        boolean allowAllAttrs,
        String exposedPrefix,
        boolean allowGetattr,
        boolean allowSetattr,
        boolean allowDelattr,
        boolean allowPickle,
        boolean includeLocalTraceback,
        boolean includeLocalVersion,
        Duration syncRequestTimeout,
        int maxFrameSize,
        int maxInflatedSize,
        int compressionThreshold,
        boolean logExceptions) {

    private static final ProtocolConfig DEFAULTS = new Builder().build();

    public ProtocolConfig {
        Objects.requireNonNull(exposedPrefix, "exposedPrefix");
        Objects.requireNonNull(syncRequestTimeout, "syncRequestTimeout");
        if (maxFrameSize <= 0 || maxInflatedSize <= 0) {
            throw new IllegalArgumentException("frame limits must be positive");
        }
    }

    /** rpyc's defaults. */
    public static ProtocolConfig defaults() {
        return DEFAULTS;
    }

    /**
     * rpyc's classic configuration, as rpyc's {@code SlaveService} sets it: every attribute reachable and
     * writable, exposed names off, pickling allowed.
     */
    public static ProtocolConfig classic() {
        return DEFAULTS.toBuilder().allowAllAttrs(true).allowSetattr(true).allowDelattr(true)
                .allowExposedAttrs(false).allowPickle(true).build();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link ProtocolConfig}; starts from rpyc's defaults. */
    public static final class Builder {
        private boolean allowSafeAttrs = true;
        private boolean allowExposedAttrs = true;
        private boolean allowPublicAttrs;
        private boolean allowAllAttrs;
        private String exposedPrefix = "exposed_";
        private boolean allowGetattr = true;
        private boolean allowSetattr;
        private boolean allowDelattr;
        private boolean allowPickle;
        private boolean includeLocalTraceback = true;
        private boolean includeLocalVersion = true;
        private Duration syncRequestTimeout = Duration.ofSeconds(30);
        private int maxFrameSize = 256 << 20;
        private int maxInflatedSize = 256 << 20;
        private int compressionThreshold = 3000;
        private boolean logExceptions = true;

        public Builder() {
        }

        private Builder(ProtocolConfig c) {
            allowSafeAttrs = c.allowSafeAttrs;
            allowExposedAttrs = c.allowExposedAttrs;
            allowPublicAttrs = c.allowPublicAttrs;
            allowAllAttrs = c.allowAllAttrs;
            exposedPrefix = c.exposedPrefix;
            allowGetattr = c.allowGetattr;
            allowSetattr = c.allowSetattr;
            allowDelattr = c.allowDelattr;
            allowPickle = c.allowPickle;
            includeLocalTraceback = c.includeLocalTraceback;
            includeLocalVersion = c.includeLocalVersion;
            syncRequestTimeout = c.syncRequestTimeout;
            maxFrameSize = c.maxFrameSize;
            maxInflatedSize = c.maxInflatedSize;
            compressionThreshold = c.compressionThreshold;
            logExceptions = c.logExceptions;
        }

        public Builder allowSafeAttrs(boolean v) { allowSafeAttrs = v; return this; }
        public Builder allowExposedAttrs(boolean v) { allowExposedAttrs = v; return this; }
        public Builder allowPublicAttrs(boolean v) { allowPublicAttrs = v; return this; }
        public Builder allowAllAttrs(boolean v) { allowAllAttrs = v; return this; }
        public Builder exposedPrefix(String v) { exposedPrefix = v; return this; }
        public Builder allowGetattr(boolean v) { allowGetattr = v; return this; }
        public Builder allowSetattr(boolean v) { allowSetattr = v; return this; }
        public Builder allowDelattr(boolean v) { allowDelattr = v; return this; }
        public Builder allowPickle(boolean v) { allowPickle = v; return this; }
        public Builder includeLocalTraceback(boolean v) { includeLocalTraceback = v; return this; }
        public Builder includeLocalVersion(boolean v) { includeLocalVersion = v; return this; }
        public Builder syncRequestTimeout(Duration v) { syncRequestTimeout = v; return this; }
        public Builder maxFrameSize(int v) { maxFrameSize = v; return this; }
        public Builder maxInflatedSize(int v) { maxInflatedSize = v; return this; }
        public Builder compressionThreshold(int v) { compressionThreshold = v; return this; }
        public Builder logExceptions(boolean v) { logExceptions = v; return this; }

        public ProtocolConfig build() {
            return new ProtocolConfig(allowSafeAttrs, allowExposedAttrs, allowPublicAttrs, allowAllAttrs,
                    exposedPrefix, allowGetattr, allowSetattr, allowDelattr, allowPickle, includeLocalTraceback,
                    includeLocalVersion, syncRequestTimeout, maxFrameSize, maxInflatedSize, compressionThreshold,
                    logExceptions);
        }
    }
}
