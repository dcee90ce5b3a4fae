package org.rpyc4j.core.protocol;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.rpyc4j.core.object.PyException;

/**
 * The objects this side has sent by reference, so that the peer can name them back. An entry lives while
 * the peer holds proxies for it: each send counts one, the peer's DEL subtracts what its proxy received.
 * Ids are never reused, so a stale id_pack can never reach a different object.
 */
final class ObjectTable {
    private static final AtomicLong NEXT_INSTANCE_ID = new AtomicLong(1);
    private static final AtomicLong NEXT_CLASS_ID = new AtomicLong(1);
    private static final ClassValue<Long> CLASS_IDS = new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
            return NEXT_CLASS_ID.getAndIncrement();
        }
    };

    private static final class Entry {
        final Object object;
        final IdPack id;
        long count;

        Entry(Object object, IdPack id) {
            this.object = object;
            this.id = id;
        }
    }

    private final Map<Object, Entry> byObject = new IdentityHashMap<>();
    private final Map<IdPack, Entry> byId = new HashMap<>();

    /** Records one more send of {@code object} and returns its id_pack. */
    synchronized IdPack export(Object object) {
        Entry e = byObject.get(object);
        if (e == null) {
            e = new Entry(object, idPackOf(object));
            byObject.put(object, e);
            byId.put(e.id, e);
        }
        e.count++;
        return e.id;
    }

    /** The object named by {@code id}; fails as Python does (KeyError) when it is unknown. */
    synchronized Object lookup(IdPack id) {
        Entry e = byId.get(id);
        if (e == null) {
            throw PyException.keyError(id.toTuple()); // as Python's table answers an unknown id_pack
        }
        return e.object;
    }

    /** The peer released {@code count} references to {@code id}. Unknown ids are ignored (already gone). */
    synchronized void release(IdPack id, long count) {
        Entry e = byId.get(id);
        if (e != null) {
            e.count -= count;
            if (e.count <= 0) {
                byId.remove(id);
                byObject.remove(e.object);
            }
        }
    }

    synchronized int size() {
        return byId.size();
    }

    synchronized void clear() {
        byId.clear();
        byObject.clear();
    }

    /** The id_pack an owner gives an object: a class gets instance id 0, anything else a fresh id. */
    static IdPack idPackOf(Object object) {
        if (object instanceof Class<?> c) {
            return new IdPack(c.getTypeName(), CLASS_IDS.get(c), 0);
        }
        Class<?> type = object.getClass();
        return new IdPack(org.rpyc4j.core.object.ObjectModel.namePack(object), CLASS_IDS.get(type),
                NEXT_INSTANCE_ID.getAndIncrement());
    }

    /** The id the owner gives a class, stable for the class's lifetime. */
    static long classId(Class<?> type) {
        return CLASS_IDS.get(type);
    }
}
