package org.rpyc4j.registry;

import java.util.List;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.PyRepr;
import org.rpyc4j.api.value.Tuple;

/**
 * A registry request, decoded from {@code ("RPYC", COMMAND, ARGS)} by {@link RegistryRequests#decode}: the
 * command was one of the four (ignoring case) and ARGS had the command's number of arguments. Argument types are
 * checked when the request is carried out ({@link Register#validate}, {@link ListServices#filterHost}), as rpyc
 * checks them by failing while it executes.
 */
public sealed interface RegistryRequest {

    /** {@code REGISTER (aliases, port)}. Raw values as decoded. */
    record Register(@Nullable Object aliases, @Nullable Object port) implements RegistryRequest {
        /**
         * The aliases and port of a well-formed REGISTER: a tuple of str and an int port in 0..65535.
         *
         * @throws IllegalArgumentException otherwise (rpyc would fail executing it, or store a port no client can
         *     use)
         */
        public Valid validate() {
            if (!(aliases instanceof Tuple tuple)) {
                throw new IllegalArgumentException("aliases are not a tuple: " + PyRepr.of(aliases));
            }
            for (Object alias : tuple.items()) {
                if (!(alias instanceof String)) {
                    throw new IllegalArgumentException("an alias is not a str: " + PyRepr.of(alias));
                }
            }
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) (List<?>) tuple.items();
            return new Valid(names, RegistryRequests.portOf(port));
        }

        /** A checked REGISTER. */
        public record Valid(List<String> aliases, int port) {
        }
    }

    /** {@code UNREGISTER (port,)}. Any value; rpyc answers OK whatever it is, and only an int port can match. */
    record Unregister(@Nullable Object port) implements RegistryRequest {
    }

    /** {@code QUERY (name,)}: a str, or bytes (which rpyc answers with {@code ()}). */
    record Query(@Nullable Object name) implements RegistryRequest {
    }

    /** {@code LIST (filter,)}: {@code filter} is rpyc's {@code filter_host}, normally {@code (host_or_None,)}. */
    record ListServices(@Nullable Object filter) implements RegistryRequest {
        /**
         * The host to filter by, or {@code null} for all: rpyc's {@code filter_host[0]} when it is true
         * (a non-empty str; other true values match no host).
         *
         * @throws IllegalArgumentException when {@code filter} is not a non-empty tuple (rpyc fails indexing it)
         */
        public @Nullable Object filterHost() {
            if (!(filter instanceof Tuple tuple) || tuple.size() == 0) {
                throw new IllegalArgumentException("filter_host is not a non-empty tuple: " + PyRepr.of(filter));
            }
            Object host = tuple.get(0);
            return RegistryRequests.isTrue(host) ? host : null;
        }
    }
}
