package org.rpyc4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpyc4j.bench.ChartPanels.Bar;
import org.rpyc4j.bench.ChartPanels.Panel;

class ChartTest {
    /** A results file as the harness writes it, cut down: the null-call group, a table group, an unknown group. */
    private static final String FIXTURE = """
            {
              "date": "2026-01-01T00:00:00Z", "command": "./run-bench.sh --smoke", "mode": "smoke",
              "machine": {"nproc": 2, "cpu": "test CPU"},
              "groups": [
                {"id": "null-call", "title": "Null call latency", "results": [
                  {"id": "tcp-floor", "label": "Raw TCP ping-pong (floor)",
                   "usPerCall": {"min": 45.1, "median": 49.28, "max": 56.46},
                   "callsPerSecond": {"min": 17712, "median": 20293, "max": 22175}},
                  {"id": "rpyc4j-v6", "label": "rpyc4j → rpyc4j, V6 dialect",
                   "usPerCall": {"min": 69.88, "median": 72.46, "max": 78.95},
                   "callsPerSecond": {"min": 12665, "median": 13800, "max": 14310}},
                  {"id": "py53-py53-root", "label": "Python rpyc 5.3.0 → Python rpyc 5.3.0, root",
                   "usPerCall": {"min": 225.22, "median": 228.64, "max": 258.46},
                   "callsPerSecond": {"min": 3869, "median": 4374, "max": 4440}}
                ]},
                {"id": "connection-setup", "kind": "table", "title": "Connection setup rate per serving mode",
                 "columns": ["server", "Py 5.3 client conn/s (connections)", "Py client first reply µs (median)",
                             "Java client conn/s (connections)", "Java client first reply µs (median)"],
                 "rows": [["rpyc4j threaded", "726 (300)", "1,108", "1,704 (300)", "424"],
                          ["rpyc4j forking", "2 (36)", "417,877", "2 (37)", "409,428"],
                          ["Python pool", "n/a", "?", "6 (97)", "200,515"]]},
                {"id": "throughput-n-clients", "kind": "table", "title": "a group no panel is defined for",
                 "columns": ["x"], "rows": [["1"]]}
              ]
            }
            """;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture() {
        return (Map<String, Object>) Json.parse(FIXTURE);
    }

    @Test
    void narrowRangeGetsALinearAxisFromZeroWithRoundTicks() {
        assertFalse(ChartScale.logarithmic(49.28, 252.14));
        ChartScale s = ChartScale.of(false, 45.1, 258.46);
        assertFalse(s.log());
        assertEquals(0, s.lo());
        assertEquals(300, s.hi());
        assertEquals(List.of(0.0, 50.0, 100.0, 150.0, 200.0, 250.0, 300.0), s.ticks());
        assertEquals(0.5, s.fraction(150), 1e-9);
        assertEquals(1.0, s.fraction(1_000), 1e-9);   // clamped
    }

    @Test
    void barsSpanningOrdersOfMagnitudeGetALogAxisMarkedAtOneTwoAndFive() {
        assertTrue(ChartScale.logarithmic(3, 1_704));
        ChartScale s = ChartScale.of(true, 3, 1_704);
        assertTrue(s.log());
        assertEquals(2, s.lo());
        assertEquals(2_000, s.hi());
        assertEquals(List.of(2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1_000.0, 2_000.0), s.ticks());
        assertEquals(1.0 / 3, s.fraction(20), 1e-9);
        assertEquals(0.0, s.fraction(0.5), 1e-9);   // clamped
        assertEquals(0.5, ChartScale.of(true, 1, 400).lo());   // a bar of 1 still has a length
    }

    @Test
    void aLogAxisOfManyDecadesIsMarkedAtPowersOfTenAndItsEnds() {
        ChartScale s = ChartScale.of(true, 3, 40_000);
        assertEquals(List.of(2.0, 10.0, 100.0, 1_000.0, 10_000.0, 50_000.0), s.ticks());
        // an end close to a power of ten is not marked: its label would run into the power's
        assertEquals(List.of(1.0, 10.0, 100.0, 1_000.0), ChartScale.of(true, 2, 1_373).ticks());
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.5, ChartScale.niceStep(0.31), 1e-12);
        assertEquals(1, ChartScale.niceStep(1.2), 1e-12);
        assertEquals(2, ChartScale.niceStep(2.9), 1e-12);
        assertEquals(5_000, ChartScale.niceStep(4_400), 1e-9);
        assertEquals(10_000, ChartScale.niceStep(7_100), 1e-9);
        assertEquals("20,000", ChartScale.tickText(20_000));
        assertEquals("0.25", ChartScale.tickText(0.25));
        assertEquals("1,373", ChartScale.valueText(1_373.4));
        assertEquals("72.5", ChartScale.valueText(72.46));
        assertEquals("2", ChartScale.valueText(2));
        assertEquals("2.46", ChartScale.valueText(2.456));
    }

    @Test
    void panelsComeFromTheGroupsPresentAndSkipTheAbsentOnes() {
        List<Panel> panels = ChartPanels.panels(fixture());
        // null-call: latency and throughput; connection setup: both clients; registry, launchers: absent
        assertEquals(List.of("Null-call latency, one caller (lower is better)",
                "Null-call throughput, one caller (higher is better)",
                "Connection setup per serving mode, Python rpyc 5.3.0 client (higher is better)",
                "Connection setup per serving mode, rpyc4j Java client (higher is better)"),
                panels.stream().map(Panel::title).toList());
        assertEquals(new Bar("rpyc4j → rpyc4j, V6 dialect", 72.46, 69.88, 78.95), panels.get(0).bars().get(1));
        // a table cell "726 (300)" reads as 726; a row without a figure ("n/a") has no bar
        assertEquals(List.of(726.0, 2.0), panels.get(2).bars().stream().map(Bar::median).toList());
        assertEquals(List.of(1_704.0, 2.0, 6.0), panels.get(3).bars().stream().map(Bar::median).toList());
        assertFalse(panels.get(2).bars().getFirst().hasRange());

        assertEquals(List.of(), ChartPanels.panels(Map.of()));
        assertEquals(List.of(), ChartPanels.panels(Map.of("groups", List.of(Map.of("id", "connection-setup",
                "kind", "table", "columns", List.of("server", "renamed column"), "rows", List.of())))));
    }

    /** The concurrent-clients, payloads and callbacks tables: ratio rows and other payloads give no bars. */
    @Test
    void panelsOfTheThroughputPayloadAndCallbackTables() {
        Map<String, Object> doc = Map.of("groups", List.of(
                Map.of("id", "concurrent-clients", "kind", "table",
                        "columns", List.of("server", "clients", "64 clients: calls/s median (min–max)"),
                        "rows", List.of(
                                List.of("rpyc4j threaded", "Java (threads of the harness JVM)", "42,265 (41,683–42,847)"),
                                List.of("Python rpyc 5.3.0 `ThreadedServer`", "Python rpyc 5.3.0 (one process, N threads)",
                                        "6,426 (6,402–6,450)"),
                                List.of("rpyc4j ÷ Python rpyc 5.3.0, threaded", "Java (threads of the harness JVM)",
                                        "2.57×"))),
                Map.of("id", "payloads", "kind", "table",
                        "columns", List.of("payload", "compression", "unit", "Java → rpyc4j median (min–max)",
                                "Py 5.3 → Py 5.3 median (min–max)", "rpyc4j ÷ Python server"),
                        "rows", List.of(
                                List.of("1 MiB bytes", "off", "MB/s", "283.6", "393.8", "0.7×"),
                                List.of("16 MiB bytes", "off", "MB/s", "1,032.1", "102.1", "10.1×"))),
                Map.of("id", "callbacks", "kind", "table",
                        "columns", List.of("client → server", "ms per call median (min–max)"),
                        "rows", List.of(List.of("rpyc4j Java client → rpyc4j", "52.1 (48.3–55.9)")))));
        List<Panel> panels = ChartPanels.panels(doc);
        assertEquals(3, panels.size());
        assertEquals(List.of(new Bar("Java ×64 → rpyc4j threaded", 42_265, Double.NaN, Double.NaN),
                new Bar("Py 5.3 ×64 → Python rpyc 5.3.0 ThreadedServer", 6_426, Double.NaN, Double.NaN)),
                panels.get(0).bars());
        assertEquals(List.of(new Bar("Java → rpyc4j", 1_032.1, Double.NaN, Double.NaN),
                new Bar("Py 5.3 → Py 5.3", 102.1, Double.NaN, Double.NaN)), panels.get(1).bars());
        assertEquals(52.1, panels.get(2).bars().getFirst().median());
    }

    @Test
    void barsAreColouredByWhoServes() {
        assertEquals(Chart.Kind.FLOOR, Chart.kind("Raw TCP ping-pong (floor)"));
        assertEquals(Chart.Kind.RPYC4J, Chart.kind("Python rpyc 5.3.0 → rpyc4j, root"));
        assertEquals(Chart.Kind.PYTHON, Chart.kind("Python rpyc 5.3.0 → Python rpyc 5.3.0, root"));
        assertEquals(Chart.Kind.PYTHON, Chart.kind("Java client → Python rpyc 5.3.0 UDPRegistryServer"));
        assertEquals(Chart.Kind.RMI, Chart.kind("Java RMI"));
        assertEquals(Chart.Kind.RPYC4J, Chart.kind("rpyc4j forking"));
        assertEquals(Chart.Kind.OTHER, Chart.kind("something else"));
    }

    @Test
    void layoutStacksPanelsBelowTheHeader() {
        Chart.Layout layout = Chart.layout(List.of(panel(3), panel(1)));
        int first = Chart.PANEL_TITLE + 3 * Chart.ROW + Chart.AXIS;
        int second = Chart.PANEL_TITLE + Chart.ROW + Chart.AXIS;
        assertEquals(List.of(Chart.HEADER, Chart.HEADER + first + Chart.GAP), layout.tops());
        assertEquals(Chart.HEADER + first + Chart.GAP + second + Chart.MARGIN, layout.height());
        assertEquals(Chart.WIDTH, layout.width());
    }

    @Test
    void writesAPngOfTheLaidOutSizeBesideTheReport(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench-results.json");
        Files.writeString(json, FIXTURE);
        Path png = Chart.beside(dir.resolve("BENCHMARKS.md"));
        assertEquals(dir.resolve("BENCHMARKS.png"), png);

        assertTrue(Chart.write(json, png));
        BufferedImage image = ImageIO.read(png.toFile());
        Chart.Layout expected = Chart.layout(ChartPanels.panels(fixture()));
        assertEquals(Chart.WIDTH, image.getWidth());
        assertEquals(expected.height(), image.getHeight());
    }

    @Test
    void nothingToChartRemovesAStaleChart(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench-results.json");
        Files.writeString(json, Json.write(Map.of("groups", List.of())));
        Path png = dir.resolve("BENCHMARKS.png");
        Files.write(png, new byte[] {1});

        assertFalse(Chart.write(json, png));
        assertFalse(Files.exists(png));
    }

    private static Panel panel(int bars) {
        return new Panel("t", "a", java.util.Collections.nCopies(bars, new Bar("b", 1, Double.NaN, Double.NaN)));
    }
}
