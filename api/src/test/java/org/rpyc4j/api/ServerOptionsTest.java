package org.rpyc4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
    private static final Registrar REGISTRAR = new Registrar() {
        @Override
        public boolean register(List<String> aliases, int port, String interfaceHost) {
            return true;
        }

        @Override
        public void unregister(int port) {
        }
    };

    @Test
    void defaultsAreRpycsWithALoopbackHost() {
        ServerOptions o = ServerOptions.defaults();
        assertEquals("127.0.0.1", o.host());
        assertEquals(0, o.port());
        assertFalse(o.ipv6());
        assertEquals(4096, o.backlog());
        assertTrue(o.reuseAddress());
        assertNull(o.unixSocketPath());
        assertNull(o.authenticator());
        assertNull(o.registrar());
        assertFalse(o.autoRegister());
        assertEquals(ProtocolConfig.defaults(), o.protocolConfig());
        assertEquals(Duration.ofMillis(500), o.listenerTimeout());
        assertNull(o.loggerName());
        assertEquals(Duration.ZERO, o.drainTimeout());
        assertEquals(java.util.Map.of(), o.modeSettings());
    }

    @Test
    void ipv6DefaultsToTheIpv6Loopback() {
        assertEquals("::1", ServerOptions.builder().ipv6(true).build().host());
        assertEquals("::1", ServerOptions.defaults().toBuilder().ipv6(true).build().host(), "a default host follows ipv6");
        assertEquals("", ServerOptions.builder().host("").build().host(), "all interfaces");
        assertEquals("10.0.0.1", ServerOptions.builder().host("10.0.0.1").build().toBuilder().ipv6(true).build().host());
    }

    @Test
    void aUnixSocketExcludesHostPortAndIpv6() {
        ServerOptions unix = ServerOptions.builder().unixSocketPath(Path.of("/tmp/x.sock")).build();
        assertNull(unix.host());
        assertEquals(unix, unix.toBuilder().build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().unixSocketPath(Path.of("/tmp/x.sock")).port(5).build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().unixSocketPath(Path.of("/tmp/x.sock")).host("").build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().unixSocketPath(Path.of("/tmp/x.sock")).ipv6(true).build());
    }

    @Test
    void autoRegisterFollowsTheRegistrarUnlessSet() {
        assertTrue(ServerOptions.builder().registrar(REGISTRAR).build().autoRegister());
        assertFalse(ServerOptions.builder().registrar(REGISTRAR).autoRegister(false).build().autoRegister());
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().autoRegister(true).build());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().port(65536).build());
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().backlog(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.builder().drainTimeout(Duration.ofSeconds(-1)).build());
    }

    @Test
    void modeSettingsAreReadWithFallbacks() {
        ServerOptions o = ServerOptions.builder().set("pool.size", 7).set("x.flag", true).set("gone", 1).set("gone", null)
                .set("bad", "seven").build();
        assertEquals(7, o.intSetting("pool.size", 20));
        assertEquals(20, o.intSetting("missing", 20));
        assertTrue(o.booleanSetting("x.flag", false));
        assertEquals("dflt", o.setting("gone", "dflt"));
        assertThrows(IllegalArgumentException.class, () -> o.intSetting("bad", 1));
        assertEquals(o, o.toBuilder().build());
    }

    public static final class GoodService {
    }

    static final class HiddenService {
    }

    public static final class NeedsArguments {
        public NeedsArguments(int x) {
        }
    }

    @ServiceName({"calc", "Calculator"})
    public static final class NamedService {
    }

    @Test
    void classServiceFactoryMakesAFreshServicePerConnectionAndKnowsItsName() {
        ClassServiceFactory factory = ClassServiceFactory.of(GoodService.class);
        Object a = factory.create(null);
        Object b = factory.create(null);
        assertTrue(a instanceof GoodService && b instanceof GoodService && a != b);
        assertEquals(List.of("GOOD"), factory.aliases());
        assertEquals(List.of("CALC", "CALCULATOR"), ClassServiceFactory.of(NamedService.class).aliases());
        assertThrows(IllegalArgumentException.class, () -> ClassServiceFactory.of(HiddenService.class));
        assertThrows(IllegalArgumentException.class, () -> ClassServiceFactory.of(NeedsArguments.class));
        assertThrows(IllegalArgumentException.class, () -> ClassServiceFactory.of(Runnable.class));
    }
}
