package org.rpyc4j.spi.support;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import javax.annotation.Nullable;
import org.slf4j.Logger;

/**
 * A server's log lines, worded as rpyc's {@code rpyc/utils/server.py} words them, so that tools reading rpyc
 * server logs read ours. Peers are written as Python writes a socket address ({@code ('127.0.0.1', 5000)}).
 */
public final class ServerLog {
    private final Logger logger;
    private final java.util.concurrent.atomic.AtomicBoolean terminatedLogged =
            new java.util.concurrent.atomic.AtomicBoolean();

    public ServerLog(Logger logger) {
        this.logger = logger;
    }

    /** The logger the lines go to (rpyc names it {@code SERVICENAME/PORT}). */
    public Logger logger() {
        return logger;
    }

    public void started(String host, Object port) {
        logger.info("server started on [{}]:{}", host, port);
    }

    public void accepted(String addrinfo) {
        logger.debug("accepted {}", addrinfo);
    }

    public void authenticated(String addrinfo) {
        logger.info("{} authenticated successfully", addrinfo);
    }

    public void failedToAuthenticate(String addrinfo, Exception why) {
        logger.info("{} failed to authenticate... rejecting connection", addrinfo);
        logger.debug("{} failed to authenticate: {}", addrinfo, why.toString());
    }

    public void welcome(String addrinfo, @Nullable Object credentials) {
        if (credentials != null) {
            logger.info("welcome {} ({})", addrinfo, credentials);
        } else {
            logger.info("welcome {}", addrinfo);
        }
    }

    public void goodbye(String addrinfo) {
        logger.info("goodbye {}", addrinfo);
    }

    public void terminatedAbruptly(Throwable why) {
        logger.error("client connection terminated abruptly", why);
    }

    /** A connection closed unserved by the mode (e.g. every pool worker busy); not an rpyc line. */
    public void dropped(String addrinfo, String why) {
        logger.warn("{} dropped: {}", addrinfo, why);
    }

    public void acceptFailed(Exception why, Duration pause) {
        logger.warn("accepting a connection failed ({}); retrying in {} ms", why.toString(), pause.toMillis());
    }

    public void listenerClosed() {
        logger.info("listener closed");
    }

    /** rpyc's "server has terminated", once per server however its serving ends. */
    public void terminated() {
        if (terminatedLogged.compareAndSet(false, true)) {
            logger.info("server has terminated");
        }
    }

    public void autoRegisterStarted(Duration interval) {
        logger.info("started background auto-register thread (interval = {})", seconds(interval));
    }

    public void registerRetry() {
        logger.info("registering services did not work - retry");
    }

    public void registerFailed(Throwable why) {
        logger.error("error registering services", why);
    }

    public void unregisterFailed(Throwable why) {
        logger.error("error unregistering services", why);
    }

    /** Python's {@code str()} of a socket address: {@code ('1.2.3.4', 5)}, {@code ('::1', 5, 0, 0)}, a socket path. */
    public static String addrinfo(@Nullable SocketAddress address) {
        return switch (address) {
            case InetSocketAddress inet when inet.getAddress() instanceof Inet6Address v6 ->
                    "('" + host(v6) + "', " + inet.getPort() + ", 0, " + v6.getScopeId() + ")";
            case InetSocketAddress inet when inet.getAddress() != null ->
                    "('" + host(inet.getAddress()) + "', " + inet.getPort() + ")";
            case InetSocketAddress inet -> "('" + inet.getHostString() + "', " + inet.getPort() + ")";
            // an unnamed Unix client is '' in Python, which str() prints as nothing
            case UnixDomainSocketAddress unix -> unix.getPath().toString();
            case null -> "";
            default -> address.toString();
        };
    }

    /** An address as Python prints it: dotted IPv4, compressed IPv6 ({@code ::1}, not Java's {@code 0:0:...:1}). */
    public static String host(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952: the longest run (at least two) of zero groups becomes "::"; IPv4-mapped keeps its dotted tail
        boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff;
        if (mapped) {
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }

    private static String seconds(Duration d) {
        return d.toNanosPart() == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toNanos() / 1e9);
    }
}
