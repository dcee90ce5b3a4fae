package org.rpyc4j.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A provider as {@link Providers#available()} lists it.
 *
 * @param name what a lookup matches
 * @param description one line on what it does
 * @param options the options it understands, with their descriptions, in listing order
 * @param module where the provider comes from: its module name, or the jar of an unnamed module
 * @param available whether it can run here
 */
public record ProviderInfo(String name, String description, Map<String, String> options, String module,
        boolean available) {
    public ProviderInfo {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
