package org.rpyc4j.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value axis of one chart panel: linear from 0, or logarithmic when its bars span {@link #LOG_RATIO} or more
 * from the shortest to the longest, so that a bar of 2 conn/s and one of 2,000 are both visible.
 *
 * @param lo the axis start (0 when linear)
 * @param hi the axis end
 * @param log whether the axis is logarithmic
 * @param ticks the values marked on the axis, {@code lo} to {@code hi}
 */
record ChartScale(double lo, double hi, boolean log, List<Double> ticks) {
    /** From this ratio of the largest to the smallest bar on, the axis is logarithmic. */
    static final double LOG_RATIO = 20;

    /** About this many tick steps on a linear axis. */
    private static final int LINEAR_STEPS = 5;

    /** Whether bars from {@code smallest} to {@code largest} want a logarithmic axis. */
    static boolean logarithmic(double smallest, double largest) {
        return smallest > 0 && largest / smallest >= LOG_RATIO;
    }

    /**
     * The axis for everything a panel draws, from {@code smallest} to {@code largest} (whiskers too): linear from 0,
     * or logarithmic from the 1, 2 or 5 times a power of ten below {@code smallest} (strictly: the shortest bar has a
     * length) to the one above {@code largest}, marked at every such step when it spans at most three decades, else
     * at the powers of ten and the ends.
     */
    static ChartScale of(boolean log, double smallest, double largest) {
        if (!(largest > 0)) {
            largest = 1;
        }
        if (log && smallest > 0 && smallest < largest) {
            List<Double> steps = new ArrayList<>();   // 1, 2, 5, 10, 20, ... around the range
            for (int e = (int) Math.floor(Math.log10(smallest)) - 1; e <= (int) Math.ceil(Math.log10(largest)); e++) {
                for (int m : new int[] {1, 2, 5}) {
                    steps.add(m * Math.pow(10, e));
                }
            }
            int first = 0;
            while (first + 1 < steps.size() && steps.get(first + 1) < smallest * (1 - 1e-9)) {
                first++;
            }
            int last = steps.size() - 1;
            while (last - 1 > first && steps.get(last - 1) >= largest * (1 - 1e-9)) {
                last--;
            }
            boolean fine = Math.log10(steps.get(last) / steps.get(first)) <= 3 + 1e-9;
            List<Double> ticks = new ArrayList<>();
            for (int i = first; i <= last; i++) {
                // i % 3: 0 a power of ten, 1 twice one, 2 five times one; an end is marked unless near a power of ten
                if (fine || i % 3 == 0 || (i == first && i % 3 == 1) || (i == last && i % 3 == 2)) {
                    ticks.add(steps.get(i));
                }
            }
            return new ChartScale(steps.get(first), steps.get(last), true, List.copyOf(ticks));
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
