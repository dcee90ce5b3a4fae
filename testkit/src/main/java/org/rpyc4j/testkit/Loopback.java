package org.rpyc4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback helpers. Everything tests start listens on 127.0.0.1 (or ::1) only.
 *
 * <p>Prefer port 0 (let the operating system choose, then ask the server for its port) where
 * the server allows it: a port from {@link #freePort()} is only free at the moment it is
 * returned and may be taken by someone else before it is used.
 */
public final class Loopback {

    /** The address test servers listen on. */
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago (bound to port 0, read, closed). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }
}
