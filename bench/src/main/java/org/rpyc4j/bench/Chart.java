package org.rpyc4j.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.DoubleStream;
import javax.imageio.ImageIO;
import org.rpyc4j.bench.ChartPanels.Bar;
import org.rpyc4j.bench.ChartPanels.Panel;

/**
 * The PNG chart next to the benchmark report ({@code BENCHMARKS.md} → {@code BENCHMARKS.png}), drawn from the
 * results file with java.awt alone (headless): one panel of horizontal bars per figure {@link ChartPanels} finds in
 * it, stacked top to bottom, each with its own axis (logarithmic when its figures span orders of magnitude,
 * {@link ChartScale}). A chart that cannot be drawn (no fonts on the machine, say) is a warning, never a failed run.
 */
final class Chart {
    static final int WIDTH = 1100;
    static final int MARGIN = 20;
    /** Title, run line and legend. */
    static final int HEADER = 104;
    static final int PANEL_TITLE = 32;
    static final int ROW = 26;
    /** Below the bars: tick labels and the axis caption. */
    static final int AXIS = 52;
    static final int GAP = 24;
    /** Right of the plot, for the figure of a full-length bar. */
    static final int VALUE_GUTTER = 80;
    /** At most this share of the width goes to bar labels; longer ones are cut short with "…". */
    static final double MAX_LABEL_SHARE = 0.45;

    private static final String FONT = Font.SANS_SERIF;   // DejaVu Sans on Debian (fonts-dejavu-core)
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    private static final Color STRIPE = new Color(0xf4, 0xf4, 0xf4);
    private static final Color WHISKER = new Color(0x33, 0x33, 0x33);

    private Chart() {
    }

    /** Who serves a bar's figure, which gives its colour (Okabe-Ito colours, told apart by colour-blind readers). */
    enum Kind {
        RPYC4J("rpyc4j", new Color(0x00, 0x72, 0xb2)),
        PYTHON("Python rpyc", new Color(0xe6, 0x9f, 0x00)),
        RMI("Java RMI", new Color(0x00, 0x9e, 0x73)),
        FLOOR("raw TCP (the floor)", new Color(0x99, 0x99, 0x99)),
        OTHER("other", new Color(0xcc, 0x79, 0xa7));

        final String text;
        final Color color;

        Kind(String text, Color color) {
            this.text = text;
            this.color = color;
        }
    }

    /** The bar's kind by the serving side of its label: the part after the last {@code →}, else all of it. */
    static Kind kind(String label) {
        String server = label.substring(label.lastIndexOf('→') + 1);
        if (label.toLowerCase(Locale.ROOT).contains("floor")) {
            return Kind.FLOOR;
        } else if (server.contains("RMI")) {
            return Kind.RMI;
        } else if (server.contains("rpyc4j")) {
            return Kind.RPYC4J;
        } else if (server.contains("Python") || server.contains("Py ")) {
            return Kind.PYTHON;
        }
        return Kind.OTHER;
    }

    /**
     * Where the panels go.
     *
     * @param tops the y of each panel's top edge
     */
    record Layout(int width, int height, List<Integer> tops) {
    }

    static Layout layout(List<Panel> panels) {
        List<Integer> tops = new ArrayList<>();
        int y = HEADER;
        for (Panel p : panels) {
            tops.add(y);
            y += panelHeight(p.bars().size()) + GAP;
        }
        return new Layout(WIDTH, y - GAP + MARGIN, List.copyOf(tops));
    }

    static int panelHeight(int bars) {
        return PANEL_TITLE + bars * ROW + AXIS;
    }

    /** The axis of a panel: logarithmic or not by its bars, from its smallest to its largest figure, whiskers too. */
    static ChartScale scale(Panel p) {
        DoubleSummaryStatistics bars = p.bars().stream().mapToDouble(Bar::median).summaryStatistics();
        DoubleSummaryStatistics all = p.bars().stream()
                .flatMapToDouble(b -> b.hasRange() ? DoubleStream.of(b.median(), b.min(), b.max())
                        : DoubleStream.of(b.median()))
                .filter(v -> v > 0).summaryStatistics();
        return ChartScale.of(ChartScale.logarithmic(bars.getMin(), bars.getMax()), all.getMin(), all.getMax());
    }

    /** The chart file beside a report: {@code BENCHMARKS.md} → {@code BENCHMARKS.png}. */
    static Path beside(Path markdown) {
        String name = markdown.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return markdown.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".png");
    }

    /**
     * Draws the chart of a results file into {@code png}. Returns false, after a warning, when there is nothing to
     * chart or it cannot be drawn; a stale chart is then removed, so that none contradicts the report.
     */
    static boolean write(Path json, Path png) {
        try {
            Map<String, Object> doc = Report.load(json);
            List<Panel> panels = ChartPanels.panels(doc);
            if (panels.isEmpty()) {
                BenchMain.log("no chart: %s has none of the charted groups", json.getFileName());
                Files.deleteIfExists(png);
                return false;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(render(doc, panels), "png", out)) {
                throw new IOException("no PNG writer in this JDK");
            }
            Files.write(png, out.toByteArray());
            BenchMain.log("wrote chart %s (%d panels)", png, panels.size());
            return true;
        } catch (Exception | Error e) {   // AWT without fonts or fontconfig throws Errors; the report goes on
            BenchMain.log("warning: no chart, the report goes without one: %s", e);
            try {
                Files.deleteIfExists(png);
            } catch (IOException ignored) {
                // the warning above says enough
            }
            return false;
        }
    }

    static BufferedImage render(Map<String, Object> doc, List<Panel> panels) {
        Layout layout = layout(panels);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            header(g, doc, panels);
            Font labels = new Font(FONT, Font.PLAIN, 14);
            FontMetrics fm = g.getFontMetrics(labels);
            int widest = panels.stream().flatMap(p -> p.bars().stream()).mapToInt(b -> fm.stringWidth(b.label()))
                    .max().orElse(0);
            int labelWidth = Math.min(widest, (int) ((WIDTH - 2 * MARGIN) * MAX_LABEL_SHARE));
            for (int i = 0; i < panels.size(); i++) {
                panel(g, panels.get(i), layout.tops().get(i), labelWidth);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void header(Graphics2D g, Map<String, Object> doc, List<Panel> panels) {
        boolean smoke = "smoke".equals(doc.get("mode"));
        g.setColor(TEXT);
        g.setFont(new Font(FONT, Font.BOLD, 22));
        g.drawString("rpyc4j benchmarks" + (smoke ? " (smoke run: rough figures)" : ""), MARGIN, 32);
        Map<String, Object> machine = Report.map(doc.get("machine"));
        g.setFont(new Font(FONT, Font.PLAIN, 13));
        g.setColor(MUTED);
        g.drawString(String.format(Locale.ROOT, "%s · %s · %s CPUs, %s · all on loopback (127.0.0.1) · figures and"
                        + " method: BENCHMARKS.md", Report.str(doc.get("date")), Report.str(doc.get("command")),
                Report.str(machine.get("nproc")), Report.str(machine.get("cpu"))), MARGIN, 56);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        panels.forEach(p -> p.bars().forEach(b -> kinds.add(kind(b.label()))));
        int x = MARGIN;
        int y = 84;
        g.setColor(TEXT);
        g.drawString("bar colour: who serves (labels read client → server):", x, y);
        x += g.getFontMetrics().stringWidth("bar colour: who serves (labels read client → server):") + 14;
        for (Kind k : kinds) {
            g.setColor(k.color);
            g.fillRect(x, y - 11, 14, 14);
            g.setColor(TEXT);
            g.drawString(k.text, x + 20, y);
            x += 20 + g.getFontMetrics().stringWidth(k.text) + 22;
        }
    }

    private static void panel(Graphics2D g, Panel p, int top, int labelWidth) {
        ChartScale scale = scale(p);
        int plotLeft = MARGIN + labelWidth + 10;
        int plotRight = WIDTH - MARGIN - VALUE_GUTTER;
        int barsTop = top + PANEL_TITLE;
        int barsBottom = barsTop + p.bars().size() * ROW;

        g.setColor(TEXT);
        g.setFont(new Font(FONT, Font.BOLD, 16));
        g.drawString(p.title(), MARGIN, top + 20);

        for (int i = 0; i < p.bars().size(); i += 2) {   // stripes guide the eye from label to bar
            g.setColor(STRIPE);
            g.fillRect(MARGIN, barsTop + i * ROW, WIDTH - 2 * MARGIN, ROW);
        }
        g.setFont(new Font(FONT, Font.PLAIN, 13));
        FontMetrics ticks = g.getFontMetrics();
        for (double t : scale.ticks()) {
            int x = x(scale, t, plotLeft, plotRight);
            g.setColor(GRID);
            g.drawLine(x, barsTop, x, barsBottom);
            g.setColor(MUTED);
            String text = ChartScale.tickText(t);
            g.drawString(text, x - ticks.stringWidth(text) / 2, barsBottom + 17);
        }
        g.setColor(MUTED);
        g.drawLine(plotLeft, barsTop, plotLeft, barsBottom);
        g.drawLine(plotLeft, barsBottom, plotRight, barsBottom);
        String caption = p.axis() + (scale.log() ? " (log scale)" : "");
        g.setColor(TEXT);
        g.drawString(caption, plotLeft + (plotRight - plotLeft - ticks.stringWidth(caption)) / 2, barsBottom + 40);

        Font labelFont = new Font(FONT, Font.PLAIN, 14);
        Font valueFont = new Font(FONT, Font.BOLD, 13);
        for (int i = 0; i < p.bars().size(); i++) {
            Bar b = p.bars().get(i);
            int y = barsTop + i * ROW;
            int mid = y + ROW / 2;
            g.setFont(labelFont);
            FontMetrics fm = g.getFontMetrics();
            String label = fit(b.label(), labelWidth, fm);
            g.setColor(TEXT);
            g.drawString(label, plotLeft - 8 - fm.stringWidth(label), mid + fm.getAscent() / 2 - 2);

            int end = x(scale, b.median(), plotLeft, plotRight);
            g.setColor(kind(b.label()).color);
            g.fillRect(plotLeft + 1, y + 4, Math.max(1, end - plotLeft - 1), ROW - 8);
            int right = end;
            if (b.hasRange()) {
                int lo = x(scale, b.min(), plotLeft, plotRight);
                int hi = x(scale, b.max(), plotLeft, plotRight);
                g.setColor(WHISKER);
                g.setStroke(new BasicStroke(1.5f));
                g.drawLine(lo, mid, hi, mid);
                g.drawLine(lo, mid - 5, lo, mid + 5);
                g.drawLine(hi, mid - 5, hi, mid + 5);
                g.setStroke(new BasicStroke(1f));
                right = Math.max(right, hi);
            }
            g.setFont(valueFont);
            g.setColor(TEXT);
            g.drawString(ChartScale.valueText(b.median()), right + 6, mid + g.getFontMetrics().getAscent() / 2 - 2);
        }
    }

    private static int x(ChartScale scale, double value, int plotLeft, int plotRight) {
        return plotLeft + (int) Math.round(scale.fraction(value) * (plotRight - plotLeft));
    }

    /** {@code text}, cut short with "…" to fit {@code width}. */
    private static String fit(String text, int width, FontMetrics fm) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && fm.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }
}
