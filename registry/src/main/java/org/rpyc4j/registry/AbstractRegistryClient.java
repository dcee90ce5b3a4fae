package org.rpyc4j.registry;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.rpyc4j.api.ListingForbiddenException;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;

/**
 * What every registry client does the same way whatever carries its requests: QUERY and LIST read from the
 * reply (nothing when no reply came), LIST refused as rpyc's clients refuse it. A transport supplies
 * {@link #ask(byte[])}.
 */
public abstract class AbstractRegistryClient implements RegistryClient {
    protected final String host;
    protected final int port;
    protected final Duration timeout;
    private final Duration reregisterInterval;

    protected AbstractRegistryClient(String host, RegistryClientOptions options) {
        this.host = host;
        this.port = options.port();
        this.timeout = options.timeout();
        this.reregisterInterval = options.reregisterInterval();
    }

    /** The registry's host (or broadcast address). */
    public String host() {
        return host;
    }

    /** The registry's port. */
    public int port() {
        return port;
    }

    @Override
    public Duration reregisterInterval() {
        return reregisterInterval;
    }

    @Override
    public List<InetSocketAddress> discover(String name) {
        RegistryRequests.Reply reply = ask(RegistryRequests.query(name));
        return reply == null ? List.of() : RegistryRequests.servers(reply.value());
    }

    @Override
    public List<String> list(@Nullable String filterHost) {
        RegistryRequests.Reply reply = ask(RegistryRequests.list(filterHost));
        if (reply == null) {
            return List.of();
        }
        List<String> names = RegistryRequests.names(reply.value());
        if (names == null) {
            throw new ListingForbiddenException();
        }
        return names;
    }

    /**
     * Sends {@code request} (brine bytes) and returns the decoded reply, or {@code null} when none came in
     * time or it was not brine.
     */
    protected abstract @Nullable RegistryRequests.Reply ask(byte[] request);
}
