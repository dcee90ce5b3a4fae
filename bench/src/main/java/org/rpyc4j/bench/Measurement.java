package org.rpyc4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One benchmarked scenario and its timed rounds: each round is {@code callsPerRound} calls, one after the other,
 * and its wall-clock time.
 */
final class Measurement {
    final String id;
    final String label;
    final String client;
    final String server;
    final String perCall;
    final List<Long> roundCalls = new ArrayList<>();
    final List<Double> roundSeconds = new ArrayList<>();
    /** CPUs other work used during each kept round (see {@link Disturbance}). */
    final List<Double> roundForeignCpus = new ArrayList<>();
    /** Rounds measured but not kept because other work disturbed them. */
    int discarded;
    /** Other measurements this one is compared with in the report: {@code floor}, {@code python}. */
    final Map<String, String> compareTo = new LinkedHashMap<>();
    @Nullable
    String note;
    /** Payload bytes each call carries (both ways counted), for MB/s; 0 when not a transfer. */
    long bytesPerCall;

    /**
     * @param perCall what one call costs on the wire, e.g. "1 round trip (CALLATTR)"
     */
    Measurement(String id, String label, String client, String server, String perCall) {
        this.id = id;
        this.label = label;
        this.client = client;
        this.server = server;
        this.perCall = perCall;
    }

    Measurement compareTo(String what, String measurementId) {
        compareTo.put(what, measurementId);
        return this;
    }

    Measurement note(String text) {
        note = text;
        return this;
    }

    /** Makes this a transfer: each call carries {@code bytes} payload bytes; the results gain MB/s. */
    Measurement bytesPerCall(long bytes) {
        bytesPerCall = bytes;
        return this;
    }

    void addRound(long calls, double seconds, double foreignCpus) {
        roundCalls.add(calls);
        roundSeconds.add(seconds);
        roundForeignCpus.add(foreignCpus);
    }

    double[] microsPerCall() {
        double[] us = new double[roundSeconds.size()];
        for (int i = 0; i < us.length; i++) {
            us[i] = roundSeconds.get(i) * 1e6 / roundCalls.get(i);
        }
        return us;
    }

    /** Calls per second of each round. */
    double[] callsPerSecond() {
        return Arrays.stream(microsPerCall()).map(u -> 1e6 / u).toArray();
    }

    /** MB (10^6 bytes) per second of each round, from {@link #bytesPerCall}. */
    double[] megabytesPerSecond() {
        return Arrays.stream(callsPerSecond()).map(c -> c * bytesPerCall / 1e6).toArray();
    }

    /** Median microseconds per call over the rounds. */
    double medianMicros() {
        return median(microsPerCall());
    }

    /** Microseconds per call of the fastest round. */
    double bestMicros() {
        return java.util.Arrays.stream(microsPerCall()).min().orElse(Double.NaN);
    }

    /** Calls per second of the fastest round. */
    double bestCallsPerSecond() {
        return 1e6 / bestMicros();
    }

    /** Median calls per second over the rounds. */
    double medianCallsPerSecond() {
        return 1e6 / medianMicros();
    }

    Map<String, Object> toJson() {
        double[] us = microsPerCall();
        double[] perSecond = callsPerSecond();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("label", label);
        m.put("client", client);
        m.put("server", server);
        m.put("perCall", perCall);
        m.put("callsPerRound", roundCalls.isEmpty() ? 0 : roundCalls.getFirst());
        m.put("rounds", roundSeconds.size());
        m.put("roundSeconds", roundSeconds.stream().map(s -> (Object) round(s, 6)).toList());
        m.put("roundForeignCpus", roundForeignCpus.stream().map(s -> (Object) round(s, 2)).toList());
        m.put("discardedRounds", discarded);
        m.put("usPerCall", summary(us, 2));
        m.put("callsPerSecond", summary(perSecond, 0));
        if (bytesPerCall > 0) {
            m.put("bytesPerCall", bytesPerCall);
            m.put("mbPerSecond", summary(megabytesPerSecond(), 1));
        }
        m.put("compareTo", new LinkedHashMap<String, Object>(compareTo));
        if (note != null) {
            m.put("note", note);
        }
        return m;
    }

    private static Map<String, Object> summary(double[] values, int digits) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", sorted.length == 0 ? null : round(sorted[0], digits));
        m.put("median", sorted.length == 0 ? null : round(median(sorted), digits));
        m.put("max", sorted.length == 0 ? null : round(sorted[sorted.length - 1], digits));
        return m;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;   // e.g. µs per call of an interval without calls; the results file says null
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
