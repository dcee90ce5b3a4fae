package org.rpyc4j.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.server.testkit.RecordingLogger;
import org.slf4j.event.Level;

/** Requests as rpyc answers them, and bad input: no answer, one debug line, nothing changed. */
class RegistryDispatcherTest {
    private static final String HOST = "127.0.0.1";
    private static final byte[] OK = Brine.dump("OK");
    private static final byte[] EMPTY = Brine.dump(Tuple.EMPTY);

    private final RecordingLogger log = new RecordingLogger("REGSRV/TEST/0");
    private final Registry registry = new Registry(RegistryServerOptions.builder().maxAliasLength(32).build());
    private final RegistryDispatcher listing = new RegistryDispatcher(registry, true, log);
    private final RegistryDispatcher notListing = new RegistryDispatcher(registry, false, log);

    private static byte[] request(@Nullable Object magic, @Nullable Object command, @Nullable Object args) {
        return Brine.dump(Tuple.of(magic, command, args));
    }

    private static byte[] rpyc(String command, @Nullable Object... args) {
        return request("RPYC", command, Tuple.of(args));
    }

    private @Nullable byte[] send(RegistryDispatcher dispatcher, byte[] data) {
        return dispatcher.handle(data, 0, data.length, HOST);
    }

    private @Nullable byte[] send(byte[] data) {
        return send(listing, data);
    }

    /** {@code data} gets no answer, only debug lines, the last containing {@code logged}; the registry is unchanged. */
    private void ignored(byte[] data, String logged) {
        log.clear();
        int before = registry.size();
        assertNull(send(data), logged);
        assertEquals(before, registry.size());
        List<String> lines = log.lines();
        assertTrue(lines.stream().allMatch(l -> l.startsWith("DEBUG:")), lines::toString);
        assertTrue(lines.getLast().contains(logged), lines::toString);
    }

    @Test
    void commandsMatchIgnoringCase() {
        assertArrayEquals(OK, send(rpyc("register", Tuple.of("Foo"), 1L)));
        assertArrayEquals(Brine.dump(Tuple.of(Tuple.of(HOST, 1L))), send(rpyc("QuErY", "foo")));
        assertArrayEquals(Brine.dump(Tuple.of("FOO")), send(rpyc("List", Tuple.of((Object) null))));
        assertArrayEquals(OK, send(rpyc("unREGISTER", 1L)));
        assertArrayEquals(EMPTY, send(rpyc("query", "FOO")));
    }

    @Test
    void bytesThatAreNotBrineAreIgnored() {
        ignored(new byte[] {0x07}, "not brine");
        ignored(new byte[0], "not brine");
        ignored("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "ignoring a request");
        byte[] truncated = Arrays.copyOf(rpyc("QUERY", "SOMETHING"), 12);
        ignored(truncated, "not brine");
        byte[] deep = new byte[1400];
        Arrays.fill(deep, (byte) 0x10);   // 1400 nested 1-tuples: refused, not a stack overflow
        ignored(deep, "not brine");
    }

    @Test
    void valuesThatAreNotARequestAreIgnored() {
        ignored(Brine.dump("RPYC"), "not a 3-tuple");
        ignored(Brine.dump(Tuple.of("RPYC", "QUERY")), "not a 3-tuple");
        ignored(Brine.dump(Tuple.of("RPYC", "QUERY", Tuple.of("X"), 1L)), "not a 3-tuple");
    }

    @Test
    void theMagicMustBeTheStrRpyc() {
        ignored(request("rpyc", "QUERY", Tuple.of("X")), "invalid magic: 'rpyc'");
        ignored(request("RPYC".getBytes(StandardCharsets.US_ASCII), "QUERY", Tuple.of("X")), "invalid magic: b'RPYC'");
        ignored(request(null, "QUERY", Tuple.of("X")), "invalid magic: None");
    }

    @Test
    void unknownCommandsAreIgnored() {
        ignored(rpyc("DELETE", "X"), "unknown command: 'DELETE'");
        ignored(request("RPYC", 5L, Tuple.of("X")), "unknown command: 5");
        ignored(request("RPYC", "QUERY".getBytes(StandardCharsets.US_ASCII), Tuple.of("X")), "unknown command: b'QUERY'");
        ignored(rpyc("start", "X"), "unknown command: 'start'");
        ignored(rpyc("LİST", Tuple.of((Object) null)), "unknown command");   // no Unicode case folding into a command
    }

    @Test
    void wrongArgumentCountsAreIgnored() {
        ignored(rpyc("QUERY"), "error executing function");
        ignored(rpyc("QUERY", "A", "B"), "error executing function");
        ignored(rpyc("REGISTER", Tuple.of("A")), "error executing function");
        ignored(request("RPYC", "QUERY", "FOO"), "error executing function");
        ignored(request("RPYC", "UNREGISTER", 5L), "error executing function");
    }

    @Test
    void wrongArgumentTypesAreIgnored() {
        ignored(rpyc("REGISTER", "FOO", 1L), "aliases are not a tuple");
        ignored(rpyc("REGISTER", Tuple.of("FOO", 2L), 1L), "an alias is not a str");
        ignored(rpyc("REGISTER", Tuple.of("FOO".getBytes(StandardCharsets.US_ASCII)), 1L), "an alias is not a str");
        ignored(rpyc("REGISTER", Tuple.of("FOO"), "18861"), "port is not an int");
        ignored(rpyc("REGISTER", Tuple.of("FOO"), -1L), "port is not an int");
        ignored(rpyc("REGISTER", Tuple.of("FOO"), 65536L), "port is not an int");
        ignored(rpyc("REGISTER", Tuple.of("FOO"), true), "port is not an int");
        ignored(rpyc("REGISTER", Tuple.of("FOO"), null), "port is not an int");
        ignored(rpyc("QUERY", 5L), "the name is not a str");
        ignored(rpyc("LIST", 5L), "filter_host is not a non-empty tuple");
        ignored(rpyc("LIST", Tuple.EMPTY), "filter_host is not a non-empty tuple");
        assertEquals(0, registry.size());
    }

    @Test
    void refusedRegistrationsGetNoAnswer() {
        log.clear();
        assertNull(send(rpyc("REGISTER", Tuple.of("OK", "X".repeat(33)), 1L)));
        assertEquals(List.of("registering 127.0.0.1:1 as OK, " + "X".repeat(33),
                "refusing to register 127.0.0.1:1: an alias is too long"), log.messages(Level.DEBUG));
        assertEquals(0, registry.size());
    }

    @Test
    void rpycsOddButHarmlessAnswersAreKept() {
        // bytes names are upper-cased and not found; UNREGISTER answers OK whatever the port is
        assertArrayEquals(EMPTY, send(rpyc("QUERY", "foo".getBytes(StandardCharsets.US_ASCII))));
        assertArrayEquals(OK, send(rpyc("UNREGISTER", "not a port")));
        assertArrayEquals(OK, send(rpyc("UNREGISTER", (Object) null)));
        // with listing off, LIST is None whatever its argument
        assertArrayEquals(Brine.dump(null), send(notListing, rpyc("LIST", 5L)));
        // a false filter lists everything, a true one that is no str matches no host
        send(rpyc("REGISTER", Tuple.of("A"), 1L));
        assertArrayEquals(Brine.dump(Tuple.of("A")), send(rpyc("LIST", Tuple.of(""))));
        assertArrayEquals(EMPTY, send(rpyc("LIST", Tuple.of(5L))));
        assertArrayEquals(Brine.dump(Tuple.of("A")), send(rpyc("LIST", Tuple.of(HOST, "ignored"))));
    }

    @Test
    void bytesAfterTheRequestAreIgnoredAsPythonIgnoresThem() {
        byte[] request = rpyc("QUERY", "X");
        byte[] padded = Arrays.copyOf(request, request.length + 5);
        assertArrayEquals(EMPTY, send(padded));
    }

    @Test
    void rpycsLogLines() {
        send(rpyc("REGISTER", Tuple.of("FOO", "bar"), 12345L));
        send(rpyc("QUERY", "foo"));
        send(rpyc("QUERY", "nope"));
        send(rpyc("LIST", Tuple.of((Object) null)));
        send(rpyc("LIST", Tuple.of("10.1.1.1")));
        send(notListing, rpyc("LIST", Tuple.of((Object) null)));
        send(rpyc("UNREGISTER", 12345L));
        assertEquals(List.of(
                "DEBUG:registering 127.0.0.1:12345 as FOO, bar",
                "DEBUG:querying for 'FOO'",
                "DEBUG:replying with [('127.0.0.1', 12345)]",
                "DEBUG:querying for 'NOPE'",
                "DEBUG:no such service",
                "DEBUG:querying for services list:",
                "DEBUG:replying with ('FOO', 'BAR')",
                "DEBUG:querying for services list:",
                "DEBUG:replying with ()",
                "DEBUG:querying for services list:",
                "DEBUG:listing is disabled",
                "DEBUG:unregistering 127.0.0.1:12345"), log.lines());
    }
}
