package org.rpyc4j.api;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;

/**
 * A reference to an object that lives at the peer ("netref"). Every operation is a request to the peer;
 * results that the peer sends by value arrive as Java values, others as further {@code NetRef}s. When a
 * {@code NetRef} becomes unreachable, or its connection closes, the peer is told to release the object.
 *
 * <p>Exceptions the peer raises arrive as {@link org.rpyc4j.api.error.PythonError}s.
 */
public interface NetRef extends Iterable<Object> {
    /** The connection this object is reached through. */
    Connection connection();

    /** The peer's name for the object's type, e.g. {@code builtins.list} or {@code services.Thing}. */
    String typeName();

    /** Whether the object is a class (calling it constructs an instance). */
    boolean isClass();

    /** {@code obj.name}. */
    @Nullable
    Object getattr(String name);

    /** {@code obj.name = value}. */
    void setattr(String name, @Nullable Object value);

    /** {@code del obj.name}. */
    void delattr(String name);

    /** {@code obj(*args)}. */
    @Nullable
    Object call(@Nullable Object... args);

    /** {@code obj(*args, **kwargs)}. */
    @Nullable
    Object call(List<?> args, Map<String, ?> kwargs);

    /** {@code obj.name(*args)} in one request. */
    @Nullable
    Object callMethod(String name, @Nullable Object... args);

    /** {@code obj.name(*args, **kwargs)} in one request. */
    @Nullable
    Object callMethod(String name, List<?> args, Map<String, ?> kwargs);

    /** {@code obj(*args)} without waiting: the future completes with the result or the peer's exception. */
    CompletableFuture<Object> callAsync(@Nullable Object... args);

    /** {@code obj.name(*args)} without waiting. */
    CompletableFuture<Object> callMethodAsync(String name, @Nullable Object... args);

    /** {@code str(obj)}. */
    String str();

    /** {@code repr(obj)}. */
    String repr();

    /** {@code hash(obj)}. */
    long pyHash();

    /** {@code obj == other}, decided by the peer. */
    boolean pyEquals(@Nullable Object other);

    /** {@code dir(obj)}. */
    List<String> dir();

    /** {@code len(obj)}. */
    int len();

    /** {@code obj[key]}. */
    @Nullable
    Object getItem(@Nullable Object key);

    /** {@code obj[key] = value}. */
    void setItem(@Nullable Object key, @Nullable Object value);

    /** {@code del obj[key]}. */
    void delItem(@Nullable Object key);

    /** {@code item in obj}. */
    boolean contains(@Nullable Object item);

    /** {@code iter(obj)}, fetched from the peer in batches. */
    @Override
    Iterator<Object> iterator();

    /** A Java view of the object: calling a method of {@code api} calls the peer's method of that name. */
    <T> T as(Class<T> api);

    /**
     * A live {@code java.util.List} view of a remote sequence (a Python list): {@code size}, {@code get},
     * {@code set}, {@code add}, {@code remove}, {@code clear} and iteration are requests on the remote object,
     * using only special methods ({@code __len__}, {@code __getitem__}, {@code __setitem__} with slices,
     * {@code __delitem__}, {@code __iadd__}, {@code __iter__}), which rpyc's default policy allows. Iteration
     * fetches items in batches (BUFFITER); negative indices are not interpreted. Python exceptions arrive as the
     * usual {@link org.rpyc4j.api.error.PythonError}s ({@code IndexError} is an
     * {@link IndexOutOfBoundsException}).
     */
    java.util.List<Object> asList();

    /**
     * A live {@code java.util.Map} view of a remote mapping (a Python dict): {@code get} ({@code null} when the key
     * is absent), {@code put}, {@code remove}, {@code containsKey}, {@code size} and iteration (entries through
     * {@code items()} where the peer allows it, else keys and one {@code __getitem__} per value) are requests on
     * the remote object.
     */
    java.util.Map<Object, Object> asMap();

    /** The remote callable as a {@code Function}: {@code apply(x)} is {@code obj(x)}. */
    java.util.function.Function<Object, Object> asFunction();
}
