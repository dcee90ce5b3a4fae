package org.rpyc4j.auth.ssl;

import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.Service;

/** What the TLS tests serve: the client's credentials as the service sees them, and a little arithmetic. */
public class WhoAmIService implements Service {
    private volatile Connection connection;

    public WhoAmIService() {
    }

    @Override
    public void onConnect(Connection connection) {
        this.connection = connection;
    }

    /** The client certificate's common name, or {@code anonymous} without one. */
    @Exposed
    public String whoami() {
        return connection.credentials() instanceof SslCredentials c ? c.commonName().orElse("?") : "anonymous";
    }

    /** The credentials' string form (the subject), or {@code none}. */
    @Exposed
    public String credentials() {
        Object c = connection.credentials();
        return c == null ? "none" : c.getClass().getSimpleName() + " " + c;
    }

    /** The negotiated protocol and cipher suite, when the client presented a certificate. */
    @Exposed
    public String session() {
        return connection.credentials() instanceof SslCredentials c ? c.protocol() + " " + c.cipherSuite() : "?";
    }

    @Exposed
    public long add(long a, long b) {
        return a + b;
    }

    @Exposed
    public void noop() {
    }

    /** The serving process (a forked child, in forking mode). */
    @Exposed
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Exposed
    public String sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return "slept";
    }
}
