package org.rpyc4j.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * What the chart ({@link Chart}) shows of a results file: a list of panels, each a list of bars, taken from the
 * benchmark groups by {@link #SOURCES}. A group missing from the results file (a null-call-only run, a group that
 * failed, a group of a later harness) skips its panels; so does a table without the expected columns.
 *
 * <h2>A panel for a new group</h2>
 * One entry in {@link #SOURCES}: the group's id, the panel's title and axis caption, and where the bars come from:
 * <ul>
 *   <li>{@link #summaries(String)} for a group of measured scenarios ({@code results}, each with a
 *       {@code {min, median, max}} figure such as {@code usPerCall} or {@code callsPerSecond}, as
 *       {@link Measurement#toJson()} writes them): one bar per result, whiskers from min to max;</li>
 *   <li>{@link #column(String, String)} or {@link #columns(String, String, String, String)} for a group of kind
 *       {@code table}: one bar per row, its label from one column, its figure (and whiskers) parsed from others
 *       ({@code "1,373 (300)"} reads as 1373);</li>
 *   <li>any other function from the group to bars, for anything else (see the registry's entry).</li>
 * </ul>
 * Bars are coloured by who serves (the part of the label after the last {@code →}): rpyc4j, Python rpyc, RMI or the
 * raw TCP floor ({@link Chart#kind(String)}); labels name the client first ({@code client → server}).
 */
final class ChartPanels {
    private ChartPanels() {
    }

    /**
     * One bar: a figure and, when it was measured over rounds, the fastest and slowest (NaN when not).
     *
     * @param label what was measured, {@code client → server} where there are two sides
     */
    record Bar(String label, double median, double min, double max) {
        boolean hasRange() {
            return !Double.isNaN(min) && !Double.isNaN(max);
        }
    }

    /**
     * One panel of bars sharing an axis.
     *
     * @param axis the axis caption with its unit, e.g. "µs per call"
     */
    record Panel(String title, String axis, List<Bar> bars) {
    }

    /**
     * Where a panel comes from: the group of the results file with id {@code group}, turned into bars by
     * {@code bars} (an empty list: no panel).
     */
    record Source(String group, String title, String axis, Function<Map<String, Object>, List<Bar>> bars) {
    }

    /** The chart's panels, top to bottom. */
    static final List<Source> SOURCES = List.of(
            new Source("null-call", "Null-call latency, one caller (lower is better)",
                    "µs per call: median of the rounds, whiskers from the fastest to the slowest round",
                    summaries("usPerCall")),
            new Source("null-call", "Null-call throughput, one caller (higher is better)",
                    "calls/s: median of the rounds, whiskers from the slowest to the fastest round",
                    summaries("callsPerSecond")),
            new Source("connection-setup",
                    "Connection setup per serving mode, Python rpyc 5.3.0 client (higher is better)",
                    "connections/s (connect, one call, close; one at a time)",
                    column("server", "Py 5.3 client conn/s (connections)")),
            new Source("connection-setup", "Connection setup per serving mode, rpyc4j Java client (higher is better)",
                    "connections/s (connect, one call, close; one at a time)",
                    column("server", "Java client conn/s (connections)")),
            new Source("connection-load", "Connection setup under load, " + ConnectionLoad.CLIENTS
                    + " rpyc4j Java clients (higher is better)",
                    "connections/s (each client: connect, one call, close, in a loop): median of the intervals",
                    column("server", ConnectionLoad.CLIENTS + " Java clients: conn/s median (min–max)")),
            new Source("registry", "Registry QUERY round trips, one caller over UDP (higher is better)", "queries/s",
                    rows(r -> (Report.str(r.get("client")).startsWith("Python") ? "Python 5.3 client" : "Java client")
                            + " → " + Report.plain(Report.str(r.get("registry"))), "queries/s", null, null)),
            new Source("launcher-startup", "Launcher start-up (lower is better)",
                    "ms from spawning to the \"server started\" line: median, whiskers min–max",
                    columns("launcher", "ms median", "min", "max")),
            new Source("concurrent-clients", "Throughput, 64 concurrent clients (higher is better)",
                    "calls/s, all clients together (median of the intervals)",
                    rows(r -> Report.str(r.get("server")).contains("÷") ? ""
                            : clientName(Report.str(r.get("clients"))) + " ×64 → "
                            + Report.plain(Report.str(r.get("server"))),
                            "64 clients: calls/s median (min–max)", null, null)),
            new Source("payloads", "Echo of 16 MiB bytes, compression off (higher is better)",
                    "MB/s (the payload both ways)", payloadRow("16 MiB bytes", "off")),
            new Source("callbacks", "1,000 callbacks within one call (lower is better)", "ms per call (median)",
                    column("client → server", "ms per call median (min–max)")));

    /** A short name for a table's client column ("Java (threads ...)" → "Java", "Python rpyc 5.3.0 ..." → "Py 5.3"). */
    private static String clientName(String clients) {
        if (clients.startsWith("Java")) {
            return "Java";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+\\.\\d+)").matcher(clients);
        return m.find() ? "Py " + m.group(1) : clients;
    }

    /** One bar per {@code client → server} column of the payload table's row for {@code payload}, {@code compression}. */
    private static Function<Map<String, Object>, List<Bar>> payloadRow(String payload, String compression) {
        return g -> {
            List<String> columns = Report.list(g.get("columns")).stream().map(Report::str).toList();
            List<Bar> bars = new ArrayList<>();
            for (Object row : Report.list(g.get("rows"))) {
                List<?> cells = Report.list(row);
                if (cells.size() < 2 || !Report.str(cells.get(0)).equals(payload)
                        || !Report.str(cells.get(1)).equals(compression)) {
                    continue;
                }
                for (int i = 0; i < Math.min(columns.size(), cells.size()); i++) {
                    String column = columns.get(i);
                    double figure = number(cells.get(i));
                    if (column.contains("→") && !column.contains("÷") && figure > 0) {
                        bars.add(new Bar(column.replace(" median (min–max)", ""), figure, Double.NaN, Double.NaN));
                    }
                }
            }
            return bars;
        };
    }

    /** The panels of a results file that has the groups for them, in {@link #SOURCES} order. */
    static List<Panel> panels(Map<String, Object> doc) {
        Map<String, Map<String, Object>> groups = new HashMap<>();
        for (Map<String, Object> g : Report.maps(doc.get("groups"))) {
            groups.put(Report.str(g.get("id")), g);
        }
        List<Panel> panels = new ArrayList<>();
        for (Source s : SOURCES) {
            Map<String, Object> g = groups.get(s.group());
            List<Bar> bars = g == null ? List.of() : s.bars().apply(g);
            if (!bars.isEmpty()) {
                panels.add(new Panel(s.title(), s.axis(), bars));
            }
        }
        return panels;
    }

    /** One bar per result of a group of measured scenarios, from its {@code field} ({@code min, median, max}). */
    static Function<Map<String, Object>, List<Bar>> summaries(String field) {
        return g -> {
            List<Bar> bars = new ArrayList<>();
            for (Map<String, Object> r : Report.maps(g.get("results"))) {
                Map<String, Object> s = Report.map(r.get(field));
                Bar bar = new Bar(Report.plain(Report.str(r.get("label"))), Report.dbl(s.get("median")),
                        Report.dbl(s.get("min")), Report.dbl(s.get("max")));
                if (bar.median() > 0) {
                    bars.add(bar);
                }
            }
            return bars;
        };
    }

    /** One bar per row of a table group: labelled by one column, its figure from another. */
    static Function<Map<String, Object>, List<Bar>> column(String label, String value) {
        return rows(r -> Report.plain(Report.str(r.get(label))), value, null, null);
    }

    /** One bar per row of a table group, with whiskers from two more columns. */
    static Function<Map<String, Object>, List<Bar>> columns(String label, String median, String min, String max) {
        return rows(r -> Report.plain(Report.str(r.get(label))), median, min, max);
    }

    /**
     * One bar per row of a table group whose columns include {@code median} (and {@code min}, {@code max} when not
     * null); none when a column is missing. {@code label} reads a row as a map from column name to cell; a row
     * it labels "" is left out.
     */
    static Function<Map<String, Object>, List<Bar>> rows(Function<Map<String, Object>, String> label, String median,
            @Nullable String min, @Nullable String max) {
        return g -> {
            List<String> columns = Report.list(g.get("columns")).stream().map(Report::str).toList();
            if (!columns.contains(median) || (min != null && !columns.contains(min))
                    || (max != null && !columns.contains(max))) {
                return List.of();
            }
            List<Bar> bars = new ArrayList<>();
            for (Object row : Report.list(g.get("rows"))) {
                List<?> cells = Report.list(row);
                Map<String, Object> byColumn = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(columns.size(), cells.size()); i++) {
                    byColumn.put(columns.get(i), cells.get(i));
                }
                Bar bar = new Bar(label.apply(byColumn), number(byColumn.get(median)),
                        min == null ? Double.NaN : number(byColumn.get(min)),
                        max == null ? Double.NaN : number(byColumn.get(max)));
                if (bar.median() > 0 && !bar.label().isEmpty()) {
                    bars.add(bar);
                }
            }
            return bars;
        };
    }

    /** The number a table cell starts with ({@code "1,373 (300)"}: 1373); NaN when it starts with none. */
    static double number(@Nullable Object cell) {
        if (cell instanceof Number n) {
            return n.doubleValue();
        }
        String s = Report.str(cell).strip().replace(",", "");
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        try {
            return end == 0 ? Double.NaN : Double.parseDouble(s.substring(0, end));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
