package org.rpyc4j.spi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Text options for authenticators: names as rpyc and command lines spell them, typed readers, clear errors. */
class AuthenticatorOptionsTest {
    @Test
    void namesAreComparedInLowerCaseWithUnderscoresAsDashes() {
        AuthenticatorOptions o = AuthenticatorOptions.of(Map.of("CA_Certs", " /etc/ca.pem ", "blank", "  "));
        assertEquals(List.of("ca-certs"), List.copyOf(o.names()));
        assertEquals(Optional.of("/etc/ca.pem"), o.get("ca_certs"));
        assertEquals(Optional.of(Path.of("/etc/ca.pem")), o.path("CA-CERTS"));
        assertFalse(o.has("blank"));
        Map<String, String> twice = new HashMap<>();
        twice.put("ca_certs", "a");
        twice.put("ca-certs", "b");
        assertEquals("option 'ca-certs' is given twice",
                assertThrows(IllegalArgumentException.class, () -> AuthenticatorOptions.of(twice)).getMessage());
        assertEquals("option 'keyfile' is required",
                assertThrows(IllegalArgumentException.class, () -> o.require("KEYFILE")).getMessage());
    }

    @Test
    void typedReaders() {
        AuthenticatorOptions o = AuthenticatorOptions.of("t1", "10", "t2", "0.25", "t3", "PT1M", "b1", "yes", "b2", "OFF",
                "l", "TLSv1.2, TLSv1.3:x", "bad", "soon", "neg", "-1");
        assertEquals(Optional.of(Duration.ofSeconds(10)), o.duration("t1"));
        assertEquals(Optional.of(Duration.ofMillis(250)), o.duration("t2"));
        assertEquals(Optional.of(Duration.ofMinutes(1)), o.duration("t3"));
        assertEquals(Optional.empty(), o.duration("unset"));
        assertEquals(Optional.of(true), o.bool("b1"));
        assertEquals(Optional.of(false), o.bool("b2"));
        assertEquals(List.of("TLSv1.2", "TLSv1.3", "x"), o.list("l"));
        assertEquals(List.of(), o.list("unset"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.duration("bad")).getMessage()
                .startsWith("option 'bad' = 'soon': not a duration"));
        assertEquals("option 'neg' = '-1': must not be negative",
                assertThrows(IllegalArgumentException.class, () -> o.duration("neg")).getMessage());
        assertEquals("option 'bad' = 'soon': not a boolean (true or false)",
                assertThrows(IllegalArgumentException.class, () -> o.bool("bad")).getMessage());
    }

    @Test
    void secretsAreMaskedInTheStringForm() {
        AuthenticatorOptions o = AuthenticatorOptions.of("keystore-password", "hunter2", "secret", "s3", "keyfile", "k");
        assertEquals("{keyfile=k, keystore-password=***, secret=***}", o.toString());
        assertEquals(o, AuthenticatorOptions.of(Map.of("KEYFILE", "k", "secret", "s3", "keystore_password", "hunter2")));
    }

    @Test
    void aLookupWithoutAuthenticatorModulesSaysSo() {
        // the spi's own tests have no authenticator module on their path
        assertEquals(List.of(), Authenticators.available());
        assertEquals("no authenticator named 'ssl'; available: none (no authenticator module on the module path)",
                assertThrows(IllegalArgumentException.class, () -> Authenticators.create("ssl", Map.of())).getMessage());
        assertEquals(List.of(), Authenticators.withPluginFolder(Path.of("no-such-folder")).available());
    }
}
