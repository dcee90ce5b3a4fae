package org.rpyc4j.core.protocol;

import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.value.Tuple;

/**
 * How an object is named on the wire: {@code (name_pack, class_id, instance_id)}, computed by its owner.
 * An {@code instanceId} of 0 means the object is a class.
 */
public record IdPack(String namePack, long classId, long instanceId) {

    /** Whether the named object is a class. */
    public boolean isClass() {
        return instanceId == 0;
    }

    /** The brine form, a 3-tuple. */
    public Tuple toTuple() {
        return Tuple.of(namePack, classId, instanceId);
    }

    /** Reads an id_pack the peer sent; the peer may use any int size, but Python's ids fit in 64 bits. */
    public static IdPack from(Object value) {
        if (value instanceof Tuple t && t.size() == 3 && t.get(1) instanceof Long classId
                && t.get(2) instanceof Long instanceId) {
            String name = switch (t.get(0)) {
                case String s -> s;
                case byte[] b -> new String(b, java.nio.charset.StandardCharsets.UTF_8);
                case null, default -> throw new ProtocolException("malformed id_pack: " + value);
            };
            return new IdPack(name, classId, instanceId);
        }
        throw new ProtocolException("malformed id_pack: " + value);
    }
}
