package org.rpyc4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.annotation.Nullable;

/**
 * A small command-line parser in the style of plumbum's {@code cli} (what Python rpyc's scripts use): switches
 * with short and long names, {@code --name=value}, {@code --name value}, {@code -p18812}, {@code -p 18812},
 * flags, grouped help with defaults. A switch given twice keeps its last value.
 */
public final class Switches {
    /** What a switch takes. */
    public enum Kind {
        /** no value */
        FLAG,
        /** a value */
        VALUE,
        /** a flag that may be given a boolean value ({@code -q}, {@code -q true}, {@code --quiet=false}) */
        OPTIONAL_BOOLEAN
    }

    /** One switch: its names (the first is its key), what it takes, its help text and group. */
    public record Switch(List<String> names, Kind kind, String metavar, String help, String group,
            @Nullable String defaultText) {
        String key() {
            return names.getLast().replaceFirst("^-+", "");
        }
    }

    private final String program;
    private final String synopsis;
    private final Map<String, Switch> byName = new LinkedHashMap<>();
    private final List<Switch> switches = new ArrayList<>();

    public Switches(String program, String synopsis) {
        this.program = program;
        this.synopsis = synopsis;
    }

    public Switches flag(String group, String help, String... names) {
        return add(new Switch(List.of(names), Kind.FLAG, "", help, group, null));
    }

    public Switches value(String group, String metavar, @Nullable String defaultText, String help, String... names) {
        return add(new Switch(List.of(names), Kind.VALUE, metavar, help, group, defaultText));
    }

    public Switches optionalBoolean(String group, String help, String... names) {
        return add(new Switch(List.of(names), Kind.OPTIONAL_BOOLEAN, "", help, group, null));
    }

    private Switches add(Switch s) {
        for (String name : s.names()) {
            byName.put(name, s);
        }
        switches.add(s);
        return this;
    }

    /** The values given on a command line, by key (a switch's last long name without dashes). */
    public static final class Parsed {
        private final Map<String, String> values = new LinkedHashMap<>();

        public boolean has(String key) {
            return values.containsKey(key);
        }

        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        public boolean flag(String key) {
            String v = values.get(key);
            return v != null && !v.equals("false");
        }

        void put(String key, String value) {
            values.put(key, value);
        }
    }

    /**
     * Parses {@code args}.
     *
     * @throws UsageException on an unknown switch, a missing value, or a positional argument
     */
    public Parsed parse(String[] args) throws UsageException {
        Parsed parsed = new Parsed();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw new UsageException("unexpected argument '" + arg + "' (" + program + " takes switches only)");
            }
            String name = arg;
            String inline = null;
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    inline = arg.substring(eq + 1);
                }
            } else if (arg.length() > 2) {
                name = arg.substring(0, 2);
                inline = arg.substring(2);
                if (inline.startsWith("=")) {
                    inline = inline.substring(1);
                }
            }
            Switch s = byName.get(name);
            if (s == null) {
                throw new UsageException("unknown switch " + name + " (see " + program + " --help)");
            }
            switch (s.kind()) {
                case FLAG -> {
                    if (inline != null) {
                        throw new UsageException("switch " + name + " takes no value");
                    }
                    parsed.put(s.key(), "true");
                }
                case VALUE -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("switch " + name + " needs a value (" + s.metavar() + ")");
                        }
                        value = args[++i];
                    }
                    parsed.put(s.key(), value);
                }
                case OPTIONAL_BOOLEAN -> {
                    String value = inline;
                    if (value == null && i + 1 < args.length && isBoolean(args[i + 1])) {
                        value = args[++i];
                    }
                    parsed.put(s.key(), value == null ? "true" : Boolean.toString(parseBoolean(name, value)));
                }
            }
        }
        return parsed;
    }

    private static boolean isBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "false", "yes", "no", "on", "off", "1", "0" -> true;
            default -> false;
        };
    }

    /**
     * A boolean value: true/yes/on/1 or false/no/off/0, ignoring case.
     *
     * @throws UsageException otherwise
     */
    public static boolean parseBoolean(String name, String text) throws UsageException {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1", "t", "y" -> true;
            case "false", "no", "off", "0", "f", "n" -> false;
            default -> throw new UsageException("invalid value '" + text + "' for " + name
                    + ": expected true or false");
        };
    }

    /**
     * A port number in 0..65535.
     *
     * @throws UsageException otherwise
     */
    public static int port(String name, String text) throws UsageException {
        int port = integer(name, text);
        if (port < 0 || port > 65535) {
            throw new UsageException("invalid value '" + text + "' for " + name + ": not in range 0..65535");
        }
        return port;
    }

    /**
     * An integer.
     *
     * @throws UsageException otherwise
     */
    public static int integer(String name, String text) throws UsageException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value '" + text + "' for " + name + ": not an integer");
        }
    }

    /**
     * One of {@code choices}, ignoring case; returned as the choice is spelled.
     *
     * @throws UsageException otherwise
     */
    public static String choice(String name, String text, List<String> choices) throws UsageException {
        for (String c : choices) {
            if (c.equalsIgnoreCase(text.strip())) {
                return c;
            }
        }
        throw new UsageException("invalid value '" + text + "' for " + name + ": expected one of "
                + String.join(", ", choices));
    }

    /**
     * An existing regular file.
     *
     * @throws UsageException otherwise
     */
    public static Path existingFile(String name, String text) throws UsageException {
        Path path = Path.of(text);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("invalid value '" + text + "' for " + name + ": no such file");
        }
        return path;
    }

    /** The help text: synopsis, then the switches by group, with their defaults. */
    public String help(String version) {
        StringBuilder out = new StringBuilder();
        out.append(program).append(' ').append(version).append("\n\n");
        out.append(synopsis).append("\n\n");
        out.append("Usage:\n    ").append(program).append(" [SWITCHES]\n");
        Map<String, List<Switch>> groups = new LinkedHashMap<>();
        for (Switch s : switches) {
            groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<Switch>> group : groups.entrySet()) {
            out.append('\n').append(group.getKey()).append(":\n");
            for (Switch s : group.getValue()) {
                StringBuilder left = new StringBuilder("    ").append(String.join(", ", s.names()));
                if (s.kind() == Kind.VALUE) {
                    left.append(' ').append(s.metavar());
                } else if (s.kind() == Kind.OPTIONAL_BOOLEAN) {
                    left.append(" [BOOL]");
                }
                String help = s.help() + (s.defaultText() != null ? "; the default is " + s.defaultText() : "");
                if (left.length() < 38) {
                    out.append(String.format("%-38s%s%n", left, help));
                } else {
                    out.append(left).append('\n').append(" ".repeat(38)).append(help).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** rpyc4j's version, from the build. */
    public static String version() {
        try (InputStream in = Switches.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
