package org.rpyc4j.core.protocol;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;
import javax.annotation.Nullable;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.core.object.PyException;
import org.rpyc4j.core.object.RemoteInterfaces;

/**
 * The references one connection holds both ways, and the boxing that creates and resolves them: the objects
 * this side exported ({@link ExportTable}), the proxies for the peer's objects, and the cleaner that tells
 * the peer (DEL) when a proxy has died. This is the one place entries are added and removed, so their counts
 * ({@link #exportCount()}, {@link #proxyCount()}) are exact and cheap to read. Thread-safe.
 */
final class ReferenceTables {
    private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().daemon().name("rpyc-cleaner")
            .factory());

    private final PeerRequests owner;
    private final ObjLongConsumer<IdPack> sendDel;
    private final ExportTable exports = new ExportTable();
    private final Map<IdPack, WeakReference<PeerObjectProxy>> proxies = new ConcurrentHashMap<>();

    /**
     * @param owner the connection whose references these are; its proxies go back to the peer as its own objects
     * @param sendDel tells the peer that a proxy died holding so many references (called by the cleaner thread)
     */
    ReferenceTables(PeerRequests owner, ObjLongConsumer<IdPack> sendDel) {
        this.owner = owner;
        this.sendDel = sendDel;
    }

    // ---------------------------------------------------------------- boxing

    /**
     * The wire form of a value this side sends: by value when brine can carry it, else by reference. A Java view
     * of a proxy ({@link org.rpyc4j.api.NetRef#asList()}, a functional interface made from a peer's callable)
     * goes back as the peer's own object.
     */
    Object box(@Nullable Object value) {
        if (value instanceof ProxyView view) {
            value = view.netRef();
        } else if (value instanceof java.lang.reflect.Proxy
                && RemoteInterfaces.unwrap(value) instanceof PeerObjectProxy r) {
            value = r;
        }
        switch (value) {
            case PeerObjectProxy ref when ref.conn == owner -> {
                return Tuple.of(Label.LOCAL_REF, ref.id.toTuple());
            }
            case LocalRef(IdPack ref) -> {
                return Tuple.of(Label.LOCAL_REF, ref.toTuple());
            }
            case Character c -> {
                return Tuple.of(Label.VALUE, String.valueOf(c));
            }
            case CharSequence cs when !(cs instanceof String) -> {
                return Tuple.of(Label.VALUE, cs.toString());
            }
            case null, default -> {
            }
        }
        if (Brine.isDumpable(value)) {
            return Tuple.of(Label.VALUE, value);
        }
        if (value instanceof Tuple t) {
            List<Object> members = new ArrayList<>(t.size());
            for (Object item : t.items()) {
                members.add(box(item));
            }
            return Tuple.of(Label.TUPLE, new Tuple(members));
        }
        return Tuple.of(Label.REMOTE_REF, export(value).toTuple());
    }

    /** A value the peer sent, with references resolved to local objects or proxies. */
    @Nullable
    Object unbox(@Nullable Object boxed) {
        if (!(boxed instanceof Tuple t) || t.size() != 2 || !(t.get(0) instanceof Long label)) {
            throw new ProtocolException("malformed box: " + boxed);
        }
        Object payload = t.get(1);
        return switch (label.intValue()) {
            case (int) Label.VALUE -> payload;
            case (int) Label.TUPLE -> {
                if (!(payload instanceof Tuple members)) {
                    throw new ProtocolException("malformed tuple box: " + boxed);
                }
                List<Object> items = new ArrayList<>(members.size());
                for (Object m : members.items()) {
                    items.add(unbox(m));
                }
                yield new Tuple(items);
            }
            case (int) Label.LOCAL_REF -> lookupLocal(IdPack.from(payload));
            case (int) Label.REMOTE_REF -> proxy(IdPack.from(payload));
            default -> throw PyException.valueError("invalid label " + label);
        };
    }

    /** A reference to one of the peer's objects, boxed as LOCAL_REF (used once its proxy is gone: DEL). */
    record LocalRef(IdPack id) {
    }

    // ---------------------------------------------------------------- exports

    /** Exports {@code value} once more (the peer gains one reference) and returns its id_pack. */
    private IdPack export(Object value) {
        return exports.export(value); // the one place an export is added or counted up
    }

    /** The exported object {@code id} names; a KeyError to the peer when there is none. */
    Object lookupLocal(IdPack id) {
        return exports.lookup(id);
    }

    /** The peer dropped {@code count} references to {@code id} (DEL); the entry goes when none are left. */
    void releaseLocal(IdPack id, long count) {
        exports.release(id, count); // the one place an export is counted down or removed
    }

    /** How many of this side's objects the peer currently holds references to. */
    int exportCount() {
        return exports.size();
    }

    // ---------------------------------------------------------------- proxies

    /** The proxy for one of the peer's objects: an existing live one gains a reference, else a new one. */
    private PeerObjectProxy proxy(IdPack id) {
        while (true) {
            WeakReference<PeerObjectProxy> ref = proxies.get(id);
            PeerObjectProxy existing = ref == null ? null : ref.get();
            if (existing != null) {
                existing.refs.incrementAndGet();
                return existing;
            }
            AtomicLong refs = new AtomicLong(1);
            PeerObjectProxy fresh = new PeerObjectProxy(owner, id, refs);
            WeakReference<PeerObjectProxy> freshRef = new WeakReference<>(fresh);
            // the one place a proxy is added (replacing a dead one whose cleanup has not run yet)
            boolean installed = ref == null ? proxies.putIfAbsent(id, freshRef) == null
                    : proxies.replace(id, ref, freshRef);
            if (installed) {
                CLEANER.register(fresh, () -> {
                    proxies.remove(id, freshRef); // the one place a proxy is removed, but for clear()
                    sendDel.accept(id, refs.get());
                });
                return fresh;
            }
        }
    }

    /**
     * How many of the peer's objects this side holds proxies for: live ones, and dead ones whose DEL the
     * cleaner has not sent yet (the peer still counts those).
     */
    int proxyCount() {
        return proxies.size();
    }

    /** Forgets everything (the connection closed: the peer has dropped its side too). */
    void clear() {
        exports.clear();
        proxies.clear();
    }
}
