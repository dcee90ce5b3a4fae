package org.rpyc4j.registry;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyRepr;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.core.brine.BrineReader;

/**
 * The registry's wire format: bare brine, one value per datagram or per TCP connection and direction
 * (WIRE.md §10). Requests are {@code ("RPYC", COMMAND, ARGS)} with the magic and command as str; replies are
 * {@code "OK"}, a tuple of {@code (ip, port)} pairs, a tuple of names, or {@code None}.
 *
 * <p>Decoding reads one brine value and ignores bytes after it, as Python's {@code brine.load} does.
 */
public final class RegistryRequests {
    /** The magic every request starts with. */
    public static final String MAGIC = "RPYC";

    private static final byte[] OK = Brine.dump("OK");
    private static final byte[] NONE = Brine.dump(null);

    private RegistryRequests() {
    }

    /**
     * A request that is not one, with the line rpyc would log for it (or a line of ours where rpyc logs
     * nothing). Carries no stack trace: bad input is routine.
     */
    public static final class BadRequestException extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequestException(String message) {
            super(message, null, false, false);
        }
    }

    // ------------------------------------------------------------------ requests, server side

    /**
     * Decodes a request.
     *
     * @throws BadRequestException when the bytes are not brine, not a 3-tuple, the magic is not the str
     *     {@code "RPYC"} (rpyc: "invalid magic"), the command is not one of the four (rpyc: "unknown command"), or
     *     ARGS is not a tuple of the command's arity (rpyc: "error executing function")
     */
    public static RegistryRequest decode(byte[] data, int offset, int length) throws BadRequestException {
        Object value;
        try {
            value = new BrineReader(data, offset, length).readValue();
        } catch (RuntimeException e) {   // a BrineException, or anything else the reader trips over: bad input
            throw new BadRequestException("ignoring a request that is not brine: " + e.getMessage());
        }
        if (!(value instanceof Tuple message) || message.size() != 3) {
            throw new BadRequestException("ignoring a request that is not a 3-tuple: " + abbreviated(value));
        }
        Object magic = message.get(0);
        if (!MAGIC.equals(magic)) {
            throw new BadRequestException("invalid magic: " + abbreviated(magic));
        }
        Object command = message.get(1);
        String name = command instanceof String s ? s.toLowerCase(Locale.ROOT) : "";
        int arity = switch (name) {
            case "register" -> 2;
            case "unregister", "query", "list" -> 1;
            default -> -1;
        };
        if (arity < 0) {
            throw new BadRequestException("unknown command: " + abbreviated(command));
        }
        if (!(message.get(2) instanceof Tuple args) || args.size() != arity) {
            throw new BadRequestException("error executing function: cmd_" + name + " takes " + arity
                    + " argument" + (arity == 1 ? "" : "s") + ", got " + abbreviated(message.get(2)));
        }
        return switch (name) {
            case "register" -> new RegistryRequest.Register(args.get(0), args.get(1));
            case "unregister" -> new RegistryRequest.Unregister(args.get(0));
            case "query" -> new RegistryRequest.Query(args.get(0));
            default -> new RegistryRequest.ListServices(args.get(0));
        };
    }

    /**
     * Whether {@code data[offset, offset + length)} starts with a whole brine value: a stream transport reads
     * until it does (or the peer stops sending).
     */
    public static boolean holdsValue(byte[] data, int offset, int length) {
        try {
            new BrineReader(data, offset, length).readValue();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Python's repr of a value, cut after 200 characters: bad input may be large. */
    static String abbreviated(@Nullable Object value) {
        String repr = PyRepr.of(value);
        return repr.length() <= 200 ? repr : repr.substring(0, 200) + "...";
    }

    /**
     * An int port in 0..65535.
     *
     * @throws IllegalArgumentException otherwise
     */
    static int portOf(@Nullable Object port) {
        if (port instanceof Long l && l >= 0 && l <= 65535) {
            return l.intValue();
        }
        throw new IllegalArgumentException("port is not an int in 0..65535: " + abbreviated(port));
    }

    /** Python's truth value of a brine value. */
    static boolean isTrue(@Nullable Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Long l -> l != 0;
            case BigInteger big -> big.signum() != 0;
            case Double d -> d != 0;
            case String s -> !s.isEmpty();
            case byte[] b -> b.length > 0;
            case Tuple t -> t.size() > 0;
            case FrozenSet f -> !f.members().isEmpty();
            default -> true;
        };
    }

    // ------------------------------------------------------------------ replies, server side

    /** {@code "OK"}, the answer to REGISTER and UNREGISTER. */
    public static byte[] okReply() {
        return OK.clone();
    }

    /** The answer to QUERY: a tuple of {@code (ip, port)} pairs. */
    public static byte[] queryReply(List<Endpoint> servers) {
        return Brine.dump(endpointsTuple(servers));
    }

    /** The tuple of {@code (ip, port)} pairs for {@code servers}. */
    static Tuple endpointsTuple(List<Endpoint> servers) {
        List<Object> pairs = new ArrayList<>(servers.size());
        for (Endpoint server : servers) {
            pairs.add(Tuple.of(server.host(), (long) server.port()));
        }
        return new Tuple(pairs);
    }

    /** The answer to LIST: a tuple of names, or {@code None} ({@code names == null}) when listing is disabled. */
    public static byte[] listReply(@Nullable List<String> names) {
        return names == null ? NONE.clone() : Brine.dump(new Tuple(List.copyOf(names)));
    }

    // ------------------------------------------------------------------ requests, client side

    /** {@code ("RPYC", "REGISTER", (aliases, port))}. */
    public static byte[] register(List<String> aliases, int port) {
        return Brine.dump(Tuple.of(MAGIC, "REGISTER", Tuple.of(new Tuple(List.copyOf(aliases)), (long) port)));
    }

    /** {@code ("RPYC", "UNREGISTER", (port,))}. */
    public static byte[] unregister(int port) {
        return Brine.dump(Tuple.of(MAGIC, "UNREGISTER", Tuple.of((long) port)));
    }

    /** {@code ("RPYC", "QUERY", (name,))}. */
    public static byte[] query(String name) {
        return Brine.dump(Tuple.of(MAGIC, "QUERY", Tuple.of(name)));
    }

    /** {@code ("RPYC", "LIST", ((filterHost,),))}. */
    public static byte[] list(@Nullable String filterHost) {
        return Brine.dump(Tuple.of(MAGIC, "LIST", Tuple.of(Tuple.of(filterHost))));
    }

    // ------------------------------------------------------------------ replies, client side

    /** A decoded reply: its brine value, which may be {@code None}. */
    public record Reply(@Nullable Object value) {
    }

    /** The reply in {@code data[offset, offset + length)}, or {@code null} when it is not brine. */
    public static @Nullable Reply decodeReply(byte[] data, int offset, int length) {
        try {
            return new Reply(new BrineReader(data, offset, length).readValue());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether a reply is {@code "OK"}. */
    public static boolean isOk(@Nullable Object reply) {
        return "OK".equals(reply);
    }

    /**
     * The servers of a QUERY reply. Pairs that are not {@code (str, int)} with a port in 0..65535 are left out;
     * an IP address stays unresolved when it is not a literal (no name lookup).
     */
    public static List<InetSocketAddress> servers(@Nullable Object reply) {
        if (!(reply instanceof Tuple pairs)) {
            return List.of();
        }
        List<InetSocketAddress> servers = new ArrayList<>(pairs.size());
        for (Object item : pairs.items()) {
            if (item instanceof Tuple pair && pair.size() == 2 && pair.get(0) instanceof String host
                    && pair.get(1) instanceof Long port && port >= 0 && port <= 65535) {
                servers.add(address(host, port.intValue()));
            }
        }
        return List.copyOf(servers);
    }

    /** {@code host} (an IP literal) and {@code port} as an address, without a name lookup. */
    public static InetSocketAddress address(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(host), port);
        } catch (IllegalArgumentException notLiteral) {
            return InetSocketAddress.createUnresolved(host, port);
        }
    }

    /**
     * The names of a LIST reply, or {@code null} when it is {@code None} (listing disabled). Items that are not
     * str are left out.
     */
    public static @Nullable List<String> names(@Nullable Object reply) {
        if (reply == null) {
            return null;
        }
        if (!(reply instanceof Tuple items)) {
            return List.of();
        }
        List<String> names = new ArrayList<>(items.size());
        for (Object item : items.items()) {
            if (item instanceof String name) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }
}
