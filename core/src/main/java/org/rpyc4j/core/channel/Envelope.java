package org.rpyc4j.core.channel;

import javax.annotation.Nullable;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.BrineReader;
import org.rpyc4j.core.brine.BrineWriter;

/**
 * The message envelope around {@code (type, seq, args)}, in the two dialects that cannot talk to each other:
 * 5.x sends {@code brine((type, seq, args))}, 6.x sends one raw byte {@code type} then
 * {@code brine((seq, args))}.
 */
public final class Envelope {
    /** The 3-tuple tag that starts every 5.x payload. */
    private static final int TAG_TUPLE3 = 0x12;
    /** The 2-tuple tag that follows the type byte of every 6.x payload. */
    private static final int TAG_TUPLE2 = 0x11;
    /** A small int {@code v} in brine is the single byte {@code v + 0x50}. */
    private static final int IMMEDIATE_BIAS = 0x50;

    private Envelope() {
    }

    /**
     * Appends the payload of one message to {@code out}, in canonical form.
     *
     * @throws IllegalArgumentException if {@code type} is not 1, 2 or 3
     * @throws org.rpyc4j.core.brine.BrineException if {@code seq} or {@code args} is not dumpable; what was
     *     written to {@code out} by this call is then unspecified
     */
    public static void encode(Dialect d, int type, @Nullable Object seq, @Nullable Object args, BrineWriter out) {
        if (type < Message.REQUEST || type > Message.EXCEPTION) {
            throw new IllegalArgumentException("message type " + type + " is not 1, 2 or 3");
        }
        // the tuple header and the type are written by hand: no Tuple to allocate on every message
        switch (d) {
            case V5 -> {
                out.writeByte(TAG_TUPLE3);
                out.writeByte(type + IMMEDIATE_BIAS);
            }
            case V6 -> {
                out.writeByte(type);
                out.writeByte(TAG_TUPLE2);
            }
        }
        out.writeValue(seq);
        out.writeValue(args);
    }

    /**
     * Decodes one message payload of the given dialect.
     *
     * @throws ProtocolException if the payload is not brine, has the wrong shape (not a 3-tuple, resp. a
     *     type byte and a 2-tuple), a type other than 1..3, or bytes after the message
     */
    public static Message decode(Dialect d, byte[] payload) {
        return decode(d, payload, null);
    }

    /**
     * Decodes one message payload of the given dialect from which {@link FrameReader} took a large bytes value
     * out ({@code splice}; null if it did not).
     */
    public static Message decode(Dialect d, byte[] payload, @Nullable FrameReader.Splice splice) {
        if (payload.length == 0) {
            throw new ProtocolException("empty message payload");
        }
        return switch (d) {
            case V5 -> decodeV5(payload, splice);
            case V6 -> decodeV6(payload, splice);
        };
    }

    private static BrineReader reader(byte[] payload, int offset, @Nullable FrameReader.Splice splice) {
        return splice == null ? new BrineReader(payload, offset, payload.length - offset)
                : new BrineReader(payload, offset, payload.length - offset, splice.at(), splice.value());
    }

    private static Message decodeV5(byte[] payload, @Nullable FrameReader.Splice splice) {
        if (payload[0] == TAG_TUPLE3) {
            // the canonical form: read the three members in place, without building the outer tuple
            BrineReader reader = reader(payload, 1, splice);
            Object type = reader.readValue();
            Object seq = reader.readValue();
            Object args = reader.readValue();
            checkEnd(reader, payload, "5.x");
            return new Message(messageType(type), seq, args);
        }
        // any other tuple form Python's loader accepts (e.g. tag 14 with a count of 3)
        BrineReader reader = reader(payload, 0, splice);
        Object whole = reader.readValue();
        if (!(whole instanceof Tuple t) || t.size() != 3) {
            throw new ProtocolException("malformed 5.x message: expected (type, seq, args), got " + shape(whole));
        }
        checkEnd(reader, payload, "5.x");
        return new Message(messageType(t.get(0)), t.get(1), t.get(2));
    }

    private static Message decodeV6(byte[] payload, @Nullable FrameReader.Splice splice) {
        int type = payload[0] & 0xff;
        if (type < Message.REQUEST || type > Message.EXCEPTION) {
            throw new ProtocolException(String.format("malformed 6.x message: invalid message type 0x%02x", type));
        }
        if (payload.length > 1 && payload[1] == TAG_TUPLE2) {
            BrineReader reader = reader(payload, 2, splice);
            Object seq = reader.readValue();
            Object args = reader.readValue();
            checkEnd(reader, payload, "6.x");
            return new Message(type, seq, args);
        }
        BrineReader reader = reader(payload, 1, splice);
        Object whole = reader.readValue();
        if (!(whole instanceof Tuple t) || t.size() != 2) {
            throw new ProtocolException("malformed 6.x message: expected (seq, args) after the type byte, got "
                    + shape(whole));
        }
        checkEnd(reader, payload, "6.x");
        return new Message(type, t.get(0), t.get(1));
    }

    private static int messageType(@Nullable Object type) {
        if (type instanceof Long l && l >= Message.REQUEST && l <= Message.EXCEPTION) {
            return l.intValue();
        }
        throw new ProtocolException("malformed 5.x message: invalid message type " + shape(type));
    }

    private static void checkEnd(BrineReader reader, byte[] payload, String dialect) {
        if (!reader.atEnd()) {
            throw new ProtocolException("malformed " + dialect + " message: " + (payload.length - reader.position())
                    + " trailing bytes after the message");
        }
    }

    private static String shape(@Nullable Object value) {
        return switch (value) {
            case null -> "None";
            case Tuple t -> "a tuple of " + t.size() + " items";
            case Long l -> String.valueOf(l);
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    /**
     * The dialect of a connection, from the first payload the peer sent.
     *
     * @throws ProtocolException if the payload starts like neither dialect
     */
    public static Dialect detect(byte[] firstPayload) {
        if (firstPayload.length == 0) {
            throw new ProtocolException("empty first message: cannot tell the RPyC dialect");
        }
        int first = firstPayload[0] & 0xff;
        return switch (first) {
            case TAG_TUPLE3 -> Dialect.V5;
            case Message.REQUEST, Message.REPLY, Message.EXCEPTION -> Dialect.V6;
            case 0x00 -> throw new ProtocolException(
                    "thread-binding frames (RPYC_BIND_THREADS) are not supported");
            default -> throw new ProtocolException(String.format(
                    "unknown message envelope starting with 0x%02x: neither rpyc 5.x (0x12) nor 6.x (0x01-0x03)",
                    first));
        };
    }
}
