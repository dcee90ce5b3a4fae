package org.rpyc4j.spi.auth;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The options an authenticator is made from, as text (from a command line, a configuration file, a map), with
 * typed readers. Names are compared in lower case with {@code _} read as {@code -}, so {@code ca_certs},
 * {@code CA-CERTS} and {@code ca-certs} are one option. Blank values count as absent. Immutable.
 */
public final class AuthenticatorOptions {
    private static final AuthenticatorOptions EMPTY = new AuthenticatorOptions(new TreeMap<>());

    private final Map<String, String> values;   // normalized name -> value, sorted

    private AuthenticatorOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No options. */
    public static AuthenticatorOptions empty() {
        return EMPTY;
    }

    /**
     * Options from {@code values}; {@code null} and blank values are left out.
     *
     * @throws IllegalArgumentException when two names are the same option once normalized
     */
    public static AuthenticatorOptions of(Map<String, String> values) {
        Map<String, String> normalized = new TreeMap<>();
        values.forEach((name, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            String key = normalize(name);
            if (normalized.putIfAbsent(key, value.strip()) != null) {
                throw new IllegalArgumentException("option '" + key + "' is given twice");
            }
        });
        return normalized.isEmpty() ? EMPTY : new AuthenticatorOptions(normalized);
    }

    /** Options from pairs: {@code of("keyfile", "server.key", "certfile", "server.pem")}. */
    public static AuthenticatorOptions of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs: " + Arrays.toString(namesAndValues));
        }
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (map.put(namesAndValues[i], namesAndValues[i + 1]) != null) {
                throw new IllegalArgumentException("option '" + namesAndValues[i] + "' is given twice");
            }
        }
        return of(map);
    }

    /** An option name as compared: lower case, {@code _} as {@code -}, no surrounding blanks. */
    public static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The options given, by normalized name, sorted. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The normalized names of the options given. */
    public Set<String> names() {
        return values.keySet();
    }

    /** Whether option {@code name} is given. */
    public boolean has(String name) {
        return values.containsKey(normalize(name));
    }

    /** Option {@code name}, if given. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(normalize(name)));
    }

    /**
     * Option {@code name}.
     *
     * @throws IllegalArgumentException when it is not given
     */
    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("option '" + normalize(name) + "' is required"));
    }

    /**
     * Option {@code name} as a file path.
     *
     * @throws IllegalArgumentException when it is not a valid path
     */
    public Optional<Path> path(String name) {
        return get(name).map(v -> {
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                throw invalid(name, v, "not a file path: " + e.getReason());
            }
        });
    }

    /**
     * Option {@code name} as a duration: seconds as a decimal number ({@code 10}, {@code 0.5}, as rpyc's
     * timeouts are given), or ISO-8601 ({@code PT10S}).
     *
     * @throws IllegalArgumentException when it is neither, or negative
     */
    public Optional<Duration> duration(String name) {
        return get(name).map(v -> {
            Duration d;
            try {
                d = v.regionMatches(true, 0, "PT", 0, 2) ? Duration.parse(v)
                        : Duration.ofNanos(new BigDecimal(v).movePointRight(9).longValueExact());
            } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
                throw invalid(name, v, "not a duration (seconds, e.g. 10 or 0.5, or ISO-8601 such as PT10S)");
            }
            if (d.isNegative()) {
                throw invalid(name, v, "must not be negative");
            }
            return d;
        });
    }

    /**
     * Option {@code name} as a boolean: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public Optional<Boolean> bool(String name) {
        return get(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(name, v, "not a boolean (true or false)");
        });
    }

    /** Option {@code name} as a list separated by commas, colons or blanks; empty when not given. */
    public List<String> list(String name) {
        return get(name).map(v -> Arrays.stream(v.split("[,:\\s]+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** An exception saying option {@code name}'s value {@code value} is unusable, and why. */
    public static IllegalArgumentException invalid(String name, String value, String why) {
        return new IllegalArgumentException("option '" + normalize(name) + "' = '" + value + "': " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticatorOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The options with the values of names containing {@code password} or {@code secret} masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, k.contains("password") || k.contains("secret") ? "***" : v));
        return shown.toString();
    }
}
