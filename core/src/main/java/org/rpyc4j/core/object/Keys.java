package org.rpyc4j.core.object;

import java.util.Map;
import javax.annotation.Nullable;

/**
 * Map keys as Python sends them: a Python int arrives as a {@link Long}, but the map may hold
 * {@link Integer}s, so a key is also tried in the map's own numeric type.
 */
final class Keys {
    /** Marks a key the map does not contain. */
    static final Object ABSENT = new Object();

    private Keys() {
    }

    /** The key as the map stores it, or {@link #ABSENT}. */
    @Nullable
    static Object find(Map<?, ?> map, @Nullable Object key) {
        try {
            if (map.containsKey(key)) {
                return key;
            }
            if (key instanceof Long l) {
                if (l == l.intValue() && map.containsKey(l.intValue())) {
                    return l.intValue();
                }
                if (l == l.shortValue() && map.containsKey(l.shortValue())) {
                    return l.shortValue();
                }
            } else if (key instanceof Double d && map.containsKey(d.floatValue())) {
                return d.floatValue();
            } else if (key instanceof String s && s.length() == 1 && map.containsKey(s.charAt(0))) {
                return s.charAt(0);
            }
        } catch (ClassCastException | NullPointerException e) {
            // a sorted map of another key type, or one refusing null keys: not there
        }
        return ABSENT;
    }
}
