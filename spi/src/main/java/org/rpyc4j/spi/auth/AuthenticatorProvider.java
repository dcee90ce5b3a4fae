package org.rpyc4j.spi.auth;

import java.util.Map;
import org.rpyc4j.api.Authenticator;

/**
 * A kind of authenticator (TLS, a shared secret, ...): what an authenticator module {@code provides} so that
 * {@link Authenticators} finds it by name and makes it from options, e.g. a command line's
 * {@code --ssl-keyfile}. Implementations need a public no-argument constructor (or a public static
 * {@code provider()} method) and must be cheap to construct: every lookup instantiates every provider.
 */
public interface AuthenticatorProvider {
    /**
     * The authenticator's name, matched ignoring case ({@code ssl}): letters, digits and dashes, starting with
     * a letter. Unique, ignoring case, among the providers found.
     */
    String name();

    /** One line saying how it authenticates, for listings. */
    String description();

    /**
     * The options {@link #create} understands, each with a one-line description, in the order to list them.
     * Names are lower case with dashes ({@code handshake-timeout}); the lookup refuses any other option before
     * {@link #create} is called. Empty when the authenticator takes no options.
     */
    Map<String, String> options();

    /** Whether the authenticator can run here; an unavailable one is listed but cannot be created. */
    default boolean isAvailable() {
        return true;
    }

    /**
     * A new authenticator, ready to vet connections. Files it needs are read now, so that a bad
     * configuration fails at start-up rather than on the first connection.
     *
     * @param options only options named in {@link #options()}
     * @throws IllegalArgumentException when the options are missing, malformed or do not fit together, or a
     *     file they name cannot be used; the message names the option or the file
     */
    Authenticator create(AuthenticatorOptions options);
}
