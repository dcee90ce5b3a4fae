package org.rpyc4j.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.registry.Registry.Registration;

/** The registry's state: rpyc's semantics (ordering, lazy pruning, listing), the limits, and concurrency. */
class RegistryTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private Registry registry(RegistryServerOptions.Builder options) {
        return new Registry(options.build(), clock::get);
    }

    private Registry registry() {
        return registry(RegistryServerOptions.builder().pruningTimeout(Duration.ofSeconds(10)));
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    private static List<Endpoint> servers(Registry registry, String name) {
        return registry.query(name).servers();
    }

    @Test
    void registersUnderEveryAliasUpperCasedAndAnswersIgnoringCase() {
        Registry registry = registry();
        assertEquals(Registration.ACCEPTED, registry.register("127.0.0.1", List.of("FOO", "bar"), 12345));
        assertEquals(List.of(new Endpoint("127.0.0.1", 12345)), servers(registry, "foo"));
        assertEquals(List.of(new Endpoint("127.0.0.1", 12345)), servers(registry, "BAR"));
        assertEquals(List.of("FOO", "BAR"), registry.list(null));
        assertFalse(registry.query("nope").known());
        assertEquals(2, registry.size());
    }

    @Test
    void queryAnswersOldestKeepaliveFirstAndAKeepaliveMovesAnEntryLast() {
        Registry registry = registry();
        registry.register("10.0.0.1", List.of("S"), 1);
        advance(Duration.ofSeconds(1));
        registry.register("10.0.0.2", List.of("S"), 2);
        advance(Duration.ofSeconds(1));
        registry.register("10.0.0.3", List.of("S"), 3);
        assertEquals(List.of(new Endpoint("10.0.0.1", 1), new Endpoint("10.0.0.2", 2), new Endpoint("10.0.0.3", 3)),
                servers(registry, "s"));
        advance(Duration.ofSeconds(1));
        registry.register("10.0.0.1", List.of("S"), 1);   // keepalive
        assertEquals(List.of(new Endpoint("10.0.0.2", 2), new Endpoint("10.0.0.3", 3), new Endpoint("10.0.0.1", 1)),
                servers(registry, "S"));
        assertEquals(3, registry.size(), "a keepalive adds no entry");
    }

    @Test
    void unregisterRemovesTheEndpointFromEveryNameAndOnlyThatEndpoint() {
        Registry registry = registry();
        registry.register("127.0.0.1", List.of("A", "B"), 1);
        registry.register("127.0.0.1", List.of("A"), 2);
        registry.register("10.0.0.9", List.of("B"), 1);
        registry.unregister("127.0.0.1", 1);
        assertEquals(List.of(new Endpoint("127.0.0.1", 2)), servers(registry, "A"));
        assertEquals(List.of(new Endpoint("10.0.0.9", 1)), servers(registry, "B"));
        registry.unregister("127.0.0.1", 2);
        assertFalse(registry.query("A").known(), "a name without entries disappears");
        assertEquals(List.of("B"), registry.list(null));
        registry.unregister("127.0.0.1", 77);   // unknown: nothing happens
        assertEquals(1, registry.size());
    }

    @Test
    void queryPrunesOnlyTheQueriedNameAndListShowsStaleNamesUntilThen() {
        Registry registry = registry();
        registry.register("127.0.0.1", List.of("OLD"), 1);
        registry.register("127.0.0.1", List.of("OTHER"), 2);
        advance(Duration.ofSeconds(6));
        registry.register("127.0.0.1", List.of("OLD"), 3);
        advance(Duration.ofSeconds(6));   // port 1 and OTHER are stale now, port 3 is not
        assertEquals(List.of("OLD", "OTHER"), registry.list(null), "LIST does not prune (rpyc)");
        Registry.QueryResult result = registry.query("old");
        assertEquals(List.of(new Endpoint("127.0.0.1", 3)), result.servers());
        assertEquals(List.of(new Endpoint("127.0.0.1", 1)), result.discarded());
        assertEquals(List.of("OLD", "OTHER"), registry.list(null), "OTHER is stale but was not queried");
        Registry.QueryResult other = registry.query("OTHER");
        assertTrue(other.known(), "rpyc logs the stale entry and replies with []");
        assertEquals(List.of(), other.servers());
        assertEquals(List.of("OLD"), registry.list(null));
        assertFalse(registry.query("OTHER").known());
        assertEquals(1, registry.size());
    }

    @Test
    void anEntryExactlyAtTheTimeoutIsStillLive() {
        Registry registry = registry();
        registry.register("h", List.of("X"), 1);
        advance(Duration.ofSeconds(10));
        assertEquals(1, servers(registry, "X").size());
        advance(Duration.ofNanos(1));
        assertEquals(0, servers(registry, "X").size());
    }

    @Test
    void listKeepsTheOrderNamesAppearedAndAReappearingNameGoesLast() {
        Registry registry = registry();
        registry.register("h", List.of("C", "A"), 1);
        registry.register("h", List.of("B"), 2);
        registry.register("h", List.of("A"), 3);
        assertEquals(List.of("C", "A", "B"), registry.list(null));
        registry.unregister("h", 1);
        registry.unregister("h", 3);   // A gone
        registry.register("h", List.of("a"), 4);
        assertEquals(List.of("B", "A"), registry.list(null));
    }

    @Test
    void listFiltersByHostInTheSameOrder() {
        Registry registry = registry();
        registry.register("10.0.0.1", List.of("ONE"), 1);
        registry.register("10.0.0.2", List.of("TWO"), 1);
        registry.register("10.0.0.1", List.of("THREE"), 2);
        registry.register("10.0.0.2", List.of("ONE"), 5);
        assertEquals(List.of("ONE", "THREE"), registry.list("10.0.0.1"));
        assertEquals(List.of("ONE", "TWO"), registry.list("10.0.0.2"));
        assertEquals(List.of(), registry.list("10.9.9.9"));
    }

    @Test
    void duplicateAliasesInOneRegistrationMakeOneEntry() {
        Registry registry = registry();
        registry.register("h", List.of("foo", "FOO", "Foo"), 1);
        assertEquals(1, registry.size());
        assertEquals(List.of("FOO"), registry.list(null));
    }

    @Test
    void aRegistrationWithATooLongAliasIsRefusedWhole() {
        Registry registry = registry(RegistryServerOptions.builder().maxAliasLength(8));
        assertEquals(Registration.ALIAS_TOO_LONG, registry.register("h", List.of("OK", "X".repeat(9)), 1));
        assertEquals(0, registry.size());
        assertEquals(Registration.ACCEPTED, registry.register("h", List.of("X".repeat(8)), 1));
        // the limit counts characters (code points), as Python's len does
        assertEquals(Registration.ACCEPTED, registry.register("h", List.of("\uD83D\uDE00".repeat(8)), 1));
    }

    @Test
    void aHostCannotHoldMoreThanItsShareButKeepalivesAlwaysPass() {
        Registry registry = registry(RegistryServerOptions.builder().maxEntriesPerHost(3)
                .pruningTimeout(Duration.ofSeconds(10)));
        assertEquals(Registration.ACCEPTED, registry.register("h", List.of("A", "B"), 1));
        assertEquals(Registration.ACCEPTED, registry.register("h", List.of("C"), 2));
        assertEquals(Registration.HOST_FULL, registry.register("h", List.of("D"), 3));
        assertEquals(Registration.HOST_FULL, registry.register("h", List.of("A", "D"), 1), "all or nothing");
        assertEquals(Registration.ACCEPTED, registry.register("h", List.of("A", "B"), 1), "keepalive");
        assertEquals(Registration.ACCEPTED, registry.register("other", List.of("D"), 3), "another host has its own share");
        assertEquals(3, registry.size("h"));
        assertFalse(registry.query("D").servers().contains(new Endpoint("h", 3)));
    }

    @Test
    void aFullHostMakesRoomByDroppingItsStaleEntries() {
        Registry registry = registry(RegistryServerOptions.builder().maxEntriesPerHost(2)
                .pruningTimeout(Duration.ofSeconds(10)));
        registry.register("h", List.of("A"), 1);
        registry.register("h", List.of("B"), 2);
        advance(Duration.ofSeconds(11));
        registry.register("h", List.of("B"), 2);   // B refreshed, A stale
        assertEquals(Registration.ACCEPTED, registry.register("h", List.of("C"), 3));
        assertEquals(List.of("B", "C"), registry.list(null));
        assertEquals(2, registry.size("h"));
    }

    @Test
    void theRegistryAsAWholeIsBoundedToo() {
        Registry registry = registry(RegistryServerOptions.builder().maxEntries(3).pruningTimeout(Duration.ofSeconds(10)));
        registry.register("a", List.of("S"), 1);
        registry.register("b", List.of("S"), 1);
        registry.register("c", List.of("S"), 1);
        assertEquals(Registration.REGISTRY_FULL, registry.register("d", List.of("S"), 1));
        advance(Duration.ofSeconds(11));
        registry.register("c", List.of("S"), 1);
        assertEquals(Registration.ACCEPTED, registry.register("d", List.of("S"), 1), "stale entries swept to make room");
        assertEquals(List.of(new Endpoint("c", 1), new Endpoint("d", 1)), servers(registry, "S"));
    }

    @Test
    void thousandsOfRegistrationsStayCheapToQuery() {
        Registry registry = registry(RegistryServerOptions.builder().maxEntriesPerHost(1_000_000));
        for (int i = 0; i < 20_000; i++) {
            registry.register("10.0." + (i % 200) + ".1", List.of("SVC" + i, "ALL"), 1000 + i % 50);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            assertEquals(1, servers(registry, "svc" + i).size());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.toMillis() < 2_000, "20,000 queries took " + elapsed);
        assertEquals(200, servers(registry, "ALL").size(), "200 distinct host:port pairs");
        assertEquals(20_001, registry.list(null).size());
    }

    @Test
    void concurrentRequestsKeepTheStateConsistent() throws Exception {
        Registry registry = registry(RegistryServerOptions.builder().pruningTimeout(Duration.ofMillis(50)));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 20_000; i++) {
                    String host = "10.0.0." + random.nextInt(4);
                    int port = random.nextInt(20);
                    switch (random.nextInt(6)) {
                        case 0, 1 -> registry.register(host, List.of("N" + random.nextInt(10), "T" + id), port);
                        case 2 -> registry.unregister(host, port);
                        case 3 -> registry.query("N" + random.nextInt(10));
                        case 4 -> registry.list(random.nextBoolean() ? null : host);
                        default -> advance(Duration.ofMillis(random.nextInt(5)));   // entries go stale meanwhile
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // with the clock still: after querying every name (which prunes it), the live entries are all there is
        int live = 0;
        for (String name : registry.list(null)) {
            live += registry.query(name).servers().size();
        }
        assertEquals(registry.size(), live);
        for (int h = 0; h < 4; h++) {
            for (int port = 0; port < 20; port++) {
                registry.unregister("10.0.0." + h, port);
            }
            assertEquals(0, registry.size("10.0.0." + h));
        }
        assertEquals(0, registry.size());
        assertEquals(List.of(), registry.list(null));
    }
}
