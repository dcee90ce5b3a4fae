package org.rpyc4j.api.value;

import java.math.BigInteger;
import java.util.List;
import javax.annotation.Nullable;

/** Python's {@code repr()} of brine values, for messages and {@code toString()}. */
public final class PyRepr {
    private PyRepr() {
    }

    /** The Python repr of a brine value (other objects fall back to {@link Object#toString()}). */
    public static String of(@Nullable Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, @Nullable Object value) {
        switch (value) {
            case null -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case BigInteger big -> out.append(big);
            case Double d -> out.append(floatRepr(d));
            case String s -> str(out, s);
            case byte[] bytes -> bytes(out, bytes);
            case Tuple t -> {
                out.append('(');
                items(out, t.items());
                out.append(t.size() == 1 ? ",)" : ")");
            }
            case FrozenSet f -> {
                if (f.members().isEmpty()) {
                    out.append("frozenset()");
                } else {
                    out.append("frozenset({");
                    items(out, f.members());
                    out.append("})");
                }
            }
            case Slice s -> {
                out.append("slice(");
                append(out, s.start());
                out.append(", ");
                append(out, s.stop());
                out.append(", ");
                append(out, s.step());
                out.append(')');
            }
            case Complex c -> out.append('(').append(floatRepr(c.real()))
                    .append(c.imag() < 0 || (c.imag() == 0 && 1 / c.imag() < 0) ? "-" : "+")
                    .append(floatRepr(Math.abs(c.imag()))).append("j)");
            default -> out.append(value);
        }
    }

    private static void items(StringBuilder out, List<Object> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(out, items.get(i));
        }
    }

    private static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return String.valueOf((long) d) + ".0";
        }
        return Double.toString(d);
    }

    private static void str(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp == quote) {
                        out.append('\\').append((char) cp);
                    } else if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        out.append(quote);
    }

    private static void bytes(StringBuilder out, byte[] bytes) {
        out.append("b'");
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        out.append('\'');
    }
}
