package org.rpyc4j.server.forking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ProtocolConfig;

class ChildArgumentsTest {
    @Test
    void travelsOnACommandLineUnchanged() {
        ProtocolConfig config = ProtocolConfig.classic().toBuilder().exposedPrefix("my = prefix;\n#")
                .syncRequestTimeout(Duration.ofMillis(1234)).maxFrameSize(1 << 20).compressionThreshold(-1).build();
        ChildArguments arguments = new ChildArguments(Path.of("/tmp/dir/child-1.sock"), "com.example.Service",
                "com.example.Auth", "DEMO/18861", config);
        assertEquals(arguments, ChildArguments.parse(arguments.toArguments().toArray(String[]::new)));
        ChildArguments plain = new ChildArguments(Path.of("c.sock"), "S", null, "S/1", ProtocolConfig.defaults());
        assertEquals(plain, ChildArguments.parse(plain.toArguments().toArray(String[]::new)));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> ChildArguments.parse(new String[] {"--what", "x"}));
        assertThrows(RuntimeException.class, () -> ChildArguments.parse(new String[] {"--service"}));
    }
}
