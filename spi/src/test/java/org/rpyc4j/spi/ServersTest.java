package org.rpyc4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ServerOptions;

/** The lookup where no mode module is present (the spi's own tests); plug-ins: {@code PluginFolderTest}. */
class ServersTest {
    public static final class EchoService {
    }

    @Test
    void anUnknownModeSaysWhatIsAvailable() {
        assertEquals(List.of(), Servers.available());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Servers.create("threaded", c -> new EchoService(), ServerOptions.defaults()));
        assertEquals("no serving mode named 'threaded'; available: none (no mode module on the module path)",
                e.getMessage());
    }

    @Test
    void aMissingPluginFolderAddsNothing() {
        assertEquals(List.of(), Servers.withPluginFolder(Path.of("target", "no-such-folder")).available());
    }

    @Test
    void serversLogAsServiceSlashPortUnlessTold() {
        ServerContext byClass = ServerContext.of(ClassServiceFactory.of(EchoService.class), ServerOptions.defaults());
        assertEquals("ECHO/18861", byClass.logger(18861).getName());
        assertEquals("ECHO//tmp/s.sock", byClass.logger("/tmp/s.sock").getName());
        assertEquals("SERVICE/1", ServerContext.of(c -> new EchoService(), ServerOptions.defaults()).logger(1).getName());
        ServerContext named = ServerContext.of(ClassServiceFactory.of(EchoService.class),
                ServerOptions.builder().loggerName("my.server").build());
        assertEquals("my.server", named.logger(1).getName());
    }
}
