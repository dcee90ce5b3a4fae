package org.rpyc4j.server.testkit;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.rpyc4j.api.AuthenticationException;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.api.Transport;

/**
 * Admits a connection whose first bytes are {@link #GOOD} and refuses any other; credentials
 * {@code "token-ok"}. A public class with a no-argument constructor, so a forked child can make it.
 */
public final class TokenAuthenticator implements Authenticator {
    public static final byte[] GOOD = "OK\n".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] BAD = "NO\n".getBytes(StandardCharsets.US_ASCII);
    public static final String CREDENTIALS = "token-ok";

    /** Made by the server, or by a forked child from the class name. */
    public TokenAuthenticator() {
    }

    @Override
    public Authenticated authenticate(Transport transport, Socket socket) throws AuthenticationException, IOException {
        byte[] token = transport.input().readNBytes(GOOD.length);
        if (!Arrays.equals(token, GOOD)) {
            throw new AuthenticationException("bad token");
        }
        return new Authenticated(transport, CREDENTIALS);
    }
}
