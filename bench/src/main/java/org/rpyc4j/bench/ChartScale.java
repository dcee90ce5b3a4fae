package org.rpyc4j.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value axis of one chart panel: linear from 0, or logarithmic (whole decades) when the figures span more than
 * {@link #LOG_RATIO} from the smallest to the largest, so that a bar of 2 conn/s and one of 2,000 are both visible.
 *
 * @param lo the axis start (0 when linear)
 * @param hi the axis end
 * @param log whether the axis is logarithmic
 * @param ticks the values marked on the axis, {@code lo} to {@code hi}
 */
record ChartScale(double lo, double hi, boolean log, List<Double> ticks) {
    /** From this ratio of largest to smallest figure on, the axis is logarithmic. */
    static final double LOG_RATIO = 20;

    /** About this many tick steps on a linear axis. */
    private static final int LINEAR_STEPS = 5;

    /** The axis for figures from {@code smallest} to {@code largest} (non-positive or NaN smallest: linear). */
    static ChartScale of(double smallest, double largest) {
        if (!(largest > 0)) {
            largest = 1;
        }
        if (smallest > 0 && largest / smallest >= LOG_RATIO) {
            int first = (int) Math.floor(Math.log10(smallest));
            int last = Math.max(first + 1, (int) Math.ceil(Math.log10(largest)));
            List<Double> ticks = new ArrayList<>();
            for (int e = first; e <= last; e++) {
                double decade = Math.pow(10, e);
                ticks.add(decade);
                if (last - first <= 2 && e < last) {   // few decades: 2 and 5 too
                    ticks.add(2 * decade);
                    ticks.add(5 * decade);
                }
            }
            return new ChartScale(ticks.getFirst(), ticks.getLast(), true, List.copyOf(ticks));
        }
        double step = niceStep(largest / LINEAR_STEPS);
        double hi = Math.ceil(largest * 1.02 / step) * step;   // a little headroom over the longest bar
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= hi * (1 + 1e-9); i++) {
            ticks.add(i * step);
        }
        return new ChartScale(0, hi, false, List.copyOf(ticks));
    }

    /** The step of 1, 2 or 5 times a power of ten nearest to {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
        return nice * magnitude;
    }

    /** Where {@code value} falls on the axis, 0 (start) to 1 (end), clamped. */
    double fraction(double value) {
        double f = log
                ? (Math.log10(Math.max(value, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : value / hi;
        return Math.clamp(f, 0.0, 1.0);
    }

    /** A tick's text: whole numbers with thousands separators, else up to three significant digits. */
    static String tickText(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A bar's figure: as many digits as tell it apart from its neighbours, no more; whole numbers as they are. */
    static String valueText(double v) {
        String format = v >= 100 || v == Math.rint(v) ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, v);
    }
}
