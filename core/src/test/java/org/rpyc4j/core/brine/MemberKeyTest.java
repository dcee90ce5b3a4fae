package org.rpyc4j.core.brine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.value.Complex;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyConstant;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/** Python's equality for set members, and a hash a peer cannot make collide. */
class MemberKeyTest {

    private static void assertSameMember(Object a, Object b) {
        assertEquals(MemberKey.of(a), MemberKey.of(b), a + " == " + b);
        assertEquals(MemberKey.of(a).hashCode(), MemberKey.of(b).hashCode(), "hash(" + a + ") == hash(" + b + ")");
    }

    @Test
    void equalInPythonIsEqualHere() {
        assertSameMember(1L, true);
        assertSameMember(1L, 1.0);
        assertSameMember(0L, -0.0);
        assertSameMember(2L, new Complex(2.0, 0.0));
        assertSameMember(new Complex(1.0, -0.0), new Complex(1.0, 0.0));
        assertSameMember(0x1p70, BigInteger.ONE.shiftLeft(70));
        assertSameMember(5L, BigInteger.valueOf(5));
        assertSameMember(null, null);
        assertSameMember(Tuple.of(1L, "a"), Tuple.of(1.0, "a"));
        assertSameMember(FrozenSet.of(1L, 2L, Tuple.of(3L)), FrozenSet.of(Tuple.of(3.0), 2L, true));
        assertSameMember(new Slice(1L, null, 2L), new Slice(true, null, 2.0));
        assertSameMember(new byte[] {1, 2}, new byte[] {1, 2});
        assertSameMember(PyConstant.ELLIPSIS, PyConstant.ELLIPSIS);
    }

    @Test
    void unequalInPythonIsUnequalHere() {
        assertNotEquals(MemberKey.of("a"), MemberKey.of(new byte[] {'a'}));
        assertNotEquals(MemberKey.of(1L), MemberKey.of(1.5));
        assertNotEquals(MemberKey.of(Tuple.of(1L, 2L)), MemberKey.of(Tuple.of(2L, 1L)));
        assertNotEquals(MemberKey.of(Tuple.of(1L)), MemberKey.of(FrozenSet.of(1L)));
        assertNotEquals(MemberKey.of(null), MemberKey.of(PyConstant.ELLIPSIS));
        assertNotEquals(MemberKey.of("ab"), MemberKey.of("ab\u0000"));
        assertNotEquals(MemberKey.of(Double.NaN), MemberKey.of(Double.NaN));   // a NaN equals nothing
        assertNotEquals(MemberKey.of(Long.MAX_VALUE), MemberKey.of(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)));
    }

    /** Pairs (i, c - 31 i): every one has the same List.hashCode, as a hostile peer would choose them. */
    private static List<Tuple> javaHashCollisions(int n) {
        List<Tuple> tuples = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            tuples.add(Tuple.of(i, 1_000_000L - 31 * i));
        }
        return tuples;
    }

    @Test
    void membersWhoseJavaHashesCollideGetDistinctKeys() {
        List<Tuple> tuples = javaHashCollisions(20_000);
        Set<Integer> javaHashes = new HashSet<>();
        Set<Integer> keyHashes = new HashSet<>();
        for (Tuple t : tuples) {
            javaHashes.add(t.items().hashCode());
            keyHashes.add(MemberKey.of(t).hashCode());
        }
        assertEquals(1, javaHashes.size(), "the members all share one Java hash code");
        // 20,000 random 32-bit hashes: a handful of collisions at most
        assertTrue(keyHashes.size() > 19_990, keyHashes.size() + " distinct key hashes");
    }

    @Test
    void aFrozensetOfCollidingMembersDecodesWhole() {
        List<Object> members = new ArrayList<>(javaHashCollisions(20_000));
        members.add(Tuple.of(0.0, 1_000_000.0));   // equal to the first member: collapses
        FrozenSet decoded = (FrozenSet) Brine.load(Brine.dump(new FrozenSet(members)));
        assertEquals(20_000, decoded.members().size());
        assertEquals(members.subList(0, 20_000), decoded.members());
    }
}
