package org.rpyc4j.spi.registry;

/**
 * A registry transport as {@link RegistryTransports#available()} lists it.
 *
 * @param name what {@code --registry-type} matches (ignoring case)
 * @param description one line on how it carries requests
 * @param module where the provider comes from: its module name, or the jar of an unnamed module
 * @param available whether it can run here
 */
public record TransportInfo(String name, String description, String module, boolean available) {
}
