package org.rpyc4j.core.protocol;

import java.util.AbstractList;
import java.util.Iterator;
import javax.annotation.Nullable;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/** {@link NetRef#asList()}: only special methods, so that rpyc's default policy lets every operation through. */
final class ProxyListView extends AbstractList<Object> implements ProxyView {
    private final PeerObjectProxy ref;

    ProxyListView(PeerObjectProxy ref) {
        this.ref = ref;
    }

    @Override
    public PeerObjectProxy netRef() {
        return ref;
    }

    private static long checked(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds");
        }
        return index;
    }

    @Override
    public int size() {
        return ref.len();
    }

    @Override
    @Nullable
    public Object get(int index) {
        return ref.getItem(checked(index));
    }

    @Override
    @Nullable
    public Object set(int index, @Nullable Object element) {
        Object old = get(index);
        ref.setItem(checked(index), element);
        return old;
    }

    @Override
    public boolean add(@Nullable Object element) {
        ref.callMethod("__iadd__", Tuple.of(element)); // list += (x,): one request
        modCount++;
        return true;
    }

    @Override
    public void add(int index, @Nullable Object element) {
        long i = checked(index);
        ref.setItem(new Slice(i, i, null), Tuple.of(element)); // list[i:i] = (x,)
        modCount++;
    }

    @Override
    @Nullable
    public Object remove(int index) {
        Object old = get(index);
        ref.delItem(checked(index));
        modCount++;
        return old;
    }

    @Override
    public void clear() {
        ref.delItem(new Slice(null, null, null)); // del list[:]
        modCount++;
    }

    @Override
    public boolean contains(@Nullable Object o) {
        return ref.contains(o);
    }

    @Override
    public Iterator<Object> iterator() {
        return ref.iterator();
    }

    @Override
    public String toString() {
        return "list view of " + ref;
    }
}
