package org.rpyc4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The switch parser: plumbum's spellings, last value wins, optional booleans, values checked with one-line errors. */
class SwitchesTest {
    @Test
    void spellingsOfValues() throws UsageException {
        Switches s = ClassicMain.switches();
        for (String[] args : List.of(new String[] {"-p", "1234"}, new String[] {"-p1234"}, new String[] {"--port=1234"},
                new String[] {"--port", "1234"}, new String[] {"-p", "1", "--port", "1234"})) {
            assertEquals("1234", s.parse(args).get("port").orElseThrow(), String.join(" ", args));
        }
        Switches.Parsed p = s.parse(new String[] {"--ipv6", "-q", "--registry-type", "tcp"});
        assertTrue(p.flag("ipv6"));
        assertTrue(p.flag("quiet"));
        assertFalse(p.flag("register"));
        assertEquals("tcp", p.get("registry-type").orElseThrow());
    }

    @Test
    void registryOptionalBooleansAndAliases() throws UsageException {
        Switches s = RegistryMain.switches();
        assertTrue(s.parse(new String[] {"-l"}).flag("listing"));
        assertTrue(s.parse(new String[] {"-l", "true"}).flag("listing"));
        assertFalse(s.parse(new String[] {"-l", "false"}).flag("listing"));
        assertFalse(s.parse(new String[] {"--listing=no"}).flag("listing"));
        assertTrue(s.parse(new String[] {"-q"}).flag("quiet"));
        assertFalse(s.parse(new String[] {"-q", "false"}).flag("quiet"));
        for (String name : List.of("-f", "--file", "--logfile")) {
            assertEquals("x.log", s.parse(new String[] {name, "x.log"}).get("logfile").orElseThrow(), name);
        }
        assertTrue(s.parse(new String[] {"-6"}).flag("ipv6"));
    }

    @Test
    void checkedValues() throws UsageException {
        assertEquals(0, Switches.port("-p", "0"));
        assertEquals(65535, Switches.port("-p", "65535"));
        assertThrows(UsageException.class, () -> Switches.port("-p", "65536"));
        assertThrows(UsageException.class, () -> Switches.port("-p", "-1"));
        assertThrows(UsageException.class, () -> Switches.integer("-t", "soon"));
        assertEquals("UDP", Switches.choice("-m", "udp", List.of("TCP", "UDP")));
        UsageException e = assertThrows(UsageException.class, () -> Switches.choice("-m", "x", List.of("TCP", "UDP")));
        assertEquals("invalid value 'x' for -m: expected one of TCP, UDP", e.getMessage());
        assertThrows(UsageException.class, () -> Switches.existingFile("--ssl-keyfile", "/nonexistent"));
        assertThrows(UsageException.class, () -> Switches.parseBoolean("-l", "maybe"));
        assertThrows(UsageException.class, () -> ClassicMain.switches().parse(new String[] {"--nope"}));
        assertThrows(UsageException.class, () -> ClassicMain.switches().parse(new String[] {"--ipv6=yes"}));
        assertThrows(UsageException.class, () -> ClassicMain.switches().parse(new String[] {"positional"}));
    }

    @Test
    void helpShowsGroupsAndDefaults() {
        String help = ClassicMain.switches().help("1.0");
        assertTrue(help.contains("Socket Options:\n"), help);
        assertTrue(help.contains("the default is 18812; 18821 for SSL"), help);
        assertTrue(RegistryMain.switches().help("1.0").contains("the default is 240"));
    }
}
