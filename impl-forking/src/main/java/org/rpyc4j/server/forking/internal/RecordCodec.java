package org.rpyc4j.server.forking.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

/**
 * A record of simple values (booleans, numbers, strings, durations) as one command-line-safe word, so a
 * child process gets its parent's configuration (e.g. the {@code ProtocolConfig}) field for field, whatever
 * fields the record grows.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    /** {@code record} as Base64 of its components in properties form. */
    public static String encode(Record record) {
        Properties properties = new Properties();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                properties.setProperty(component.getName(), String.valueOf(component.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code type} record {@link #encode} made {@code word} from. */
    public static <R extends Record> R decode(Class<R> type, String word) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(Base64.getUrlDecoder().decode(word), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String text = properties.getProperty(components[i].getName());
            if (text == null) {
                throw new IllegalArgumentException("no value for " + components[i].getName());
            }
            values[i] = parse(components[i].getType(), text);
        }
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make " + type.getName() + ": " + e, e);
        }
    }

    private static Object parse(Class<?> type, String text) {
        if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        } else if (type == int.class) {
            return Integer.parseInt(text);
        } else if (type == long.class) {
            return Long.parseLong(text);
        } else if (type == double.class) {
            return Double.parseDouble(text);
        } else if (type == String.class) {
            return text;
        } else if (type == Duration.class) {
            return Duration.parse(text);
        } else if (type.isEnum()) {
            return enumConstant(type, text);
        }
        throw new IllegalArgumentException("cannot carry a " + type.getName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String text) {
        return Enum.valueOf((Class) type, text);
    }
}
