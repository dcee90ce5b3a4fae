package org.rpyc4j.spi.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An authenticator as {@link AuthenticatorProviders#available()} lists it.
 *
 * @param name what a lookup matches (ignoring case)
 * @param description one line on how it authenticates
 * @param options the options it understands, with their descriptions, in listing order
 * @param module where the provider comes from: its module name, or the jar of an unnamed module
 * @param available whether it can run here
 */
public record AuthenticatorInfo(String name, String description, Map<String, String> options, String module,
        boolean available) {
    public AuthenticatorInfo {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
