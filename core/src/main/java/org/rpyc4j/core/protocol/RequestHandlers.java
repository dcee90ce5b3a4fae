package org.rpyc4j.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.object.ObjectModel;
import org.rpyc4j.core.object.PyException;

/**
 * The serving side of RPyC's 20 requests, with rpyc's argument shapes and attribute policy. Each returns the
 * answer (boxed by the caller) or throws what becomes the peer's exception.
 */
final class RequestHandlers {
    /** The most items one BUFFITER may ask for; rpyc's client asks for at most 1000. */
    private static final long MAX_BUFFITER = 10_000;

    private RequestHandlers() {
    }

    @Nullable
    static Object handle(RpycConnection conn, HandlerCode handler, @Nullable Object boxed) {
        if (handler == HandlerCode.DEL) {
            return del(conn, boxed); // works on the raw id_pack: the object may already be gone
        }
        if (!(conn.unbox(boxed) instanceof Tuple t)) {
            throw PyException.typeError(handler + " expects a tuple of arguments");
        }
        List<Object> a = t.items();
        return switch (handler) {
            case PING -> {
                arity(handler, a, 1, 1);
                yield a.getFirst();
            }
            case CLOSE -> {
                conn.closedByPeer();
                yield RpycConnection.noReply();
            }
            case GETROOT -> {
                arity(handler, a, 0, 0);
                yield conn.localRoot();
            }
            case GETATTR -> {
                arity(handler, a, 2, 2);
                Object obj = a.get(0);
                yield obj instanceof NetRef r ? r.getattr(name(a.get(1))) : ObjectModel.getAttr(conn, obj, name(a.get(1)));
            }
            case SETATTR -> {
                arity(handler, a, 3, 3);
                ObjectModel.setAttr(conn, local(a.get(0)), name(a.get(1)), a.get(2));
                yield null;
            }
            case DELATTR -> {
                arity(handler, a, 2, 2);
                ObjectModel.delAttr(conn, local(a.get(0)), name(a.get(1)));
                yield null;
            }
            case CALL -> {
                arity(handler, a, 2, 3);
                yield ObjectModel.call(a.get(0), args(a.get(1)), RpycConnection.kwargs(a.size() > 2 ? a.get(2) : null));
            }
            case CALLATTR -> {
                arity(handler, a, 3, 4);
                Object obj = a.get(0);
                String name = name(a.get(1));
                List<Object> args = args(a.get(2));
                Map<String, Object> kwargs = RpycConnection.kwargs(a.size() > 3 ? a.get(3) : null);
                yield obj instanceof NetRef r ? r.callMethod(name, args, kwargs)
                        : ObjectModel.callAttr(conn, obj, name, args, kwargs);
            }
            case REPR -> {
                arity(handler, a, 1, 1);
                yield ObjectModel.repr(local(a.getFirst()));
            }
            case STR -> {
                arity(handler, a, 1, 1);
                yield String.valueOf(local(a.getFirst()));
            }
            case CMP -> {
                arity(handler, a, 2, 3);
                String op = a.size() > 2 ? name(a.get(2)) : "__cmp__";
                yield ObjectModel.compare(conn, local(a.get(0)), a.get(1), op);
            }
            case HASH -> {
                arity(handler, a, 1, 1);
                yield (long) local(a.getFirst()).hashCode();
            }
            case DIR -> {
                arity(handler, a, 1, 1);
                yield ObjectModel.dir(conn, local(a.getFirst()));
            }
            case PICKLE -> {
                arity(handler, a, 1, 2);
                yield ObjectModel.pickle(conn, local(a.getFirst())); // plain data only, whatever the protocol
            }
            case INSPECT -> {
                arity(handler, a, 1, 1);
                yield ObjectModel.inspect(conn, conn.lookupLocal(IdPack.from(a.getFirst())));
            }
            case BUFFITER -> {
                arity(handler, a, 2, 2);
                yield buffiter(local(a.get(0)), a.get(1));
            }
            case OLDSLICING -> {
                arity(handler, a, 6, 6);
                yield oldSlicing(conn, local(a.get(0)), a);
            }
            case CTXEXIT -> {
                arity(handler, a, 2, 2);
                Object exit = ObjectModel.getAttr(conn, local(a.get(0)), "__exit__");
                List<Object> exitArgs = new ArrayList<>();
                exitArgs.add(a.get(1));
                exitArgs.add(null);
                exitArgs.add(null);
                yield ObjectModel.call(exit, exitArgs, Map.of());
            }
            case INSTANCECHECK -> {
                arity(handler, a, 2, 2);
                yield instanceCheck(conn, local(a.get(0)), a.get(1));
            }
            case DEL -> throw new IllegalStateException("DEL is handled above");
        };
    }

    private static Object del(RpycConnection conn, @Nullable Object boxed) {
        // DEL's arguments: ((LOCAL_REF, id_pack), count) in a TUPLE box, or a VALUE box when both are values
        if (boxed instanceof Tuple box && box.size() == 2 && box.get(1) instanceof Tuple members
                && members.size() >= 1 && members.get(0) instanceof Tuple ref && ref.size() == 2) {
            long count = 1;
            if (members.size() > 1 && members.get(1) instanceof Tuple c && c.size() == 2 && c.get(1) instanceof Long n) {
                count = n;
            }
            conn.releaseLocal(IdPack.from(ref.get(1)), count);
            return null;
        }
        throw PyException.typeError("DEL expects (object, count)");
    }

    private static Tuple buffiter(Object obj, @Nullable Object count) {
        if (!(count instanceof Long n) || n < 0) {
            throw PyException.typeError("BUFFITER count must be a non-negative int");
        }
        if (!(obj instanceof java.util.Iterator<?>)) {
            throw PyException.typeError("'" + ObjectModel.pythonTypeName(obj) + "' object is not an iterator");
        }
        List<Object> items = new ArrayList<>();
        long limit = Math.min(n, MAX_BUFFITER);
        try {
            while (items.size() < limit) {
                items.add(ObjectModel.next(obj));
            }
        } catch (PyException e) {
            if (!e.isStopIteration()) {
                throw e;
            }
        }
        return new Tuple(items);
    }

    private static Object oldSlicing(RpycConnection conn, Object obj, List<Object> a) {
        String attempt = name(a.get(1));
        String fallback = name(a.get(2));
        Object start = a.get(3);
        Object stop = a.get(4);
        List<Object> extra = args(a.get(5));
        List<Object> first = new ArrayList<>();
        first.add(new Slice(start, stop, null));
        first.addAll(extra);
        try {
            return ObjectModel.callAttr(conn, obj, attempt, first, Map.of());
        } catch (RuntimeException e) {
            List<Object> second = new ArrayList<>();
            second.add(start);
            second.add(stop == null ? (long) Integer.MAX_VALUE : stop);
            second.addAll(extra);
            return ObjectModel.callAttr(conn, obj, fallback, second, Map.of());
        }
    }

    private static boolean instanceCheck(RpycConnection conn, Object cls, @Nullable Object otherId) {
        if (!(cls instanceof Class<?> type)) {
            return false;
        }
        try {
            return type.isInstance(conn.lookupLocal(IdPack.from(otherId)));
        } catch (RuntimeException unknown) {
            return false; // not one of ours: Python answers False for what it cannot resolve
        }
    }

    /** The target of an attribute request must be one of this side's objects. */
    private static Object local(@Nullable Object obj) {
        if (obj == null) {
            throw PyException.attributeError("'NoneType' object has no such attribute");
        }
        return obj;
    }

    private static String name(@Nullable Object name) {
        return switch (name) {
            case String s -> s;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            case null, default -> throw PyException.typeError("name must be a string");
        };
    }

    private static List<Object> args(@Nullable Object args) {
        if (args instanceof Tuple t) {
            return t.items();
        }
        throw PyException.typeError("arguments must be a tuple");
    }

    private static void arity(HandlerCode handler, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw PyException.typeError(handler + " takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " arguments, got " + args.size());
        }
    }
}
