package org.rpyc4j.bench;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The results file's JSON, through Gson. Values are {@link Map} (objects, insertion order kept), {@link List},
 * {@link String}, {@link Number}, {@link Boolean} and {@code null} (kept as a member's value); a floating-point
 * figure with no fraction is written as an integer and one that is not finite as {@code null}, and numbers read
 * back as {@link Long} when integral, else {@link Double} — so a file reads back as the report saw it when it was
 * written.
 */
final class Json {
    /** A figure as the results file has always held it. */
    private static final TypeAdapter<Double> FIGURE = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, @Nullable Double d) throws IOException {
            if (d == null || d.isNaN() || d.isInfinite()) {
                out.nullValue();
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.value(d.longValue());
            } else {
                out.value(d.doubleValue());
            }
        }

        @Override
        @Nullable
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return in.nextDouble();
        }
    };

    private static final Gson GSON = new GsonBuilder()
            .setFormattingStyle(FormattingStyle.PRETTY)
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .serializeNulls()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .registerTypeAdapter(Double.class, FIGURE)
            .create();

    private Json() {
    }

    /** {@code value} as indented JSON text, ending with a newline. */
    static String write(@Nullable Object value) {
        return GSON.toJson(value) + "\n";
    }

    /** Parses JSON text. */
    @Nullable
    static Object parse(String text) {
        return GSON.fromJson(text, Object.class);
    }
}
