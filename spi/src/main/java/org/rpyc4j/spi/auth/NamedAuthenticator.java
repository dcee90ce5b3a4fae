package org.rpyc4j.spi.auth;

import java.io.IOException;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.rpyc4j.api.AuthenticationException;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.api.Transport;

/**
 * An authenticator made by name through {@link Authenticators}: it keeps the provider's name and the options
 * it was made from, so that another process (a forked child serving one connection) can make the same one.
 *
 * @param provider the provider's name, e.g. {@code ssl}
 * @param options the options it was made from
 * @param delegate the authenticator itself
 */
public record NamedAuthenticator(String provider, Map<String, String> options, Authenticator delegate)
        implements Authenticator {
    private static final String PREFIX = "provider:";

    public NamedAuthenticator {
        Objects.requireNonNull(provider, "provider");
        options = Map.copyOf(options);
        Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Authenticated authenticate(Transport transport, @Nullable Socket socket)
            throws AuthenticationException, IOException {
        return delegate.authenticate(transport, socket);
    }

    /** One line of text that {@link #fromSpec} turns back into an equal authenticator: {@code provider:NAME?k=v&...}. */
    public String spec() {
        return PREFIX + provider + "?" + options.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The authenticator a {@link #spec()} names, made anew through {@link Authenticators}; empty for other text. */
    public static Optional<Authenticator> fromSpec(String spec) {
        if (!spec.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int q = spec.indexOf('?');
        String name = spec.substring(PREFIX.length(), q < 0 ? spec.length() : q);
        Map<String, String> options = new LinkedHashMap<>();
        if (q >= 0 && q + 1 < spec.length()) {
            for (String pair : spec.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return Optional.of(Authenticators.create(name, options));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return provider + " authenticator (" + delegate + ")";
    }
}
