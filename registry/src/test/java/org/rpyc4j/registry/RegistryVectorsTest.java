package org.rpyc4j.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.registry.RegistryRequests.BadRequestException;
import org.rpyc4j.server.testkit.RecordingLogger;
import org.slf4j.event.Level;

/**
 * The registry golden vectors ({@code ../shared/protocol/vectors/v5|v6/e_registry_*}), captured between stock
 * Python rpyc registries and clients: replaying each scenario's requests gives Python's replies byte for byte and
 * rpyc's log lines word for word, and the client side encodes each request exactly as Python did.
 */
class RegistryVectorsTest {
    private static final Pattern DIR = Pattern.compile("\"dir\": \"(c2s|s2c)\"");
    private static final Pattern DATA = Pattern.compile("\"data_hex\": \"([0-9a-f]*)\"");
    private static final Pattern LOG_LINE = Pattern.compile("^\\s+DEBUG REGSRV/(?:UDP|TCP)/\\d+: (.*)$");

    record Datagram(boolean fromClient, byte[] data) {
    }

    static Path vectors() {
        String shared = System.getProperty("rpyc4j.shared");
        if (shared != null && Files.isDirectory(Path.of(shared, "protocol", "vectors"))) {
            return Path.of(shared, "protocol", "vectors");
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/protocol/vectors"))) {
                return dir.resolve("shared/protocol/vectors");
            }
        }
        throw new IllegalStateException("no shared/protocol/vectors (system property rpyc4j.shared=" + shared + ")");
    }

    static Stream<Path> scenarios() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String version : List.of("v5", "v6")) {
            try (Stream<Path> listing = Files.list(vectors().resolve(version))) {
                listing.filter(p -> p.getFileName().toString().matches("e_registry_.*\\.jsonl")).sorted().forEach(files::add);
            }
        }
        assertEquals(12, files.size(), "six registry scenarios for each version");
        return files.stream();
    }

    static List<Datagram> records(Path file) throws IOException {
        List<Datagram> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher dir = DIR.matcher(line);
            Matcher data = DATA.matcher(line);
            assertTrue(dir.find() && data.find(), line);
            records.add(new Datagram(dir.group(1).equals("c2s"), HexFormat.of().parseHex(data.group(1))));
        }
        return records;
    }

    /** The registry's log lines in the transcript, less "server started on" (the dispatcher does not log it). */
    static List<String> serverLog(Path file) throws IOException {
        Path transcript = file.resolveSibling(file.getFileName().toString().replace(".jsonl", ".txt"));
        List<String> lines = Files.readAllLines(transcript);
        List<String> log = new ArrayList<>();
        boolean inOutput = false;
        for (String line : lines) {
            inOutput |= line.startsWith("== server output");
            Matcher m = LOG_LINE.matcher(line);
            if (inOutput && m.matches() && !m.group(1).startsWith("server started on")) {
                log.add(m.group(1));
            }
        }
        assertFalse(log.isEmpty(), "no server log in " + transcript);
        return log;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replayGivesPythonsRepliesAndLogLines(Path file) throws IOException {
        boolean listing = !file.getFileName().toString().contains("nolist");
        RecordingLogger log = new RecordingLogger("REGSRV/TEST/0");
        RegistryDispatcher dispatcher = new RegistryDispatcher(new Registry(RegistryServerOptions.defaults()), listing, log);
        Deque<byte[]> replies = new ArrayDeque<>();
        for (Datagram record : records(file)) {
            if (record.fromClient()) {
                byte[] reply = dispatcher.handle(record.data(), 0, record.data().length, "127.0.0.1");
                if (reply != null) {
                    replies.add(reply);
                }
            } else {
                byte[] ours = replies.poll();
                assertNotNull(ours, "Python replied where rpyc4j did not");
                assertArrayEquals(record.data(), ours, () -> HexFormat.of().formatHex(ours));
            }
        }
        assertTrue(replies.isEmpty(), "rpyc4j replied where Python did not");
        assertEquals(serverLog(file), log.messages(Level.DEBUG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void clientsEncodeRequestsAsPythonDoesAndReadItsReplies(Path file) throws IOException, BadRequestException {
        for (Datagram record : records(file)) {
            if (!record.fromClient()) {
                RegistryRequests.Reply reply = RegistryRequests.decodeReply(record.data(), 0, record.data().length);
                assertNotNull(reply);
                if (reply.value() instanceof Tuple t && !t.items().isEmpty() && t.get(0) instanceof Tuple) {
                    List<Endpoint> servers = RegistryRequests.servers(reply.value()).stream()
                            .map(a -> new Endpoint(a.getAddress().getHostAddress(), a.getPort())).toList();
                    assertArrayEquals(record.data(), RegistryRequests.queryReply(servers));
                }
                continue;
            }
            byte[] ours = switch (RegistryRequests.decode(record.data(), 0, record.data().length)) {
                case RegistryRequest.Register r -> RegistryRequests.register(r.validate().aliases(), r.validate().port());
                case RegistryRequest.Unregister u -> RegistryRequests.unregister(((Long) u.port()).intValue());
                case RegistryRequest.Query q -> RegistryRequests.query((String) q.name());
                case RegistryRequest.ListServices l -> RegistryRequests.list((String) l.filterHost());
            };
            assertArrayEquals(record.data(), ours);
        }
    }
}
