package org.rpyc4j.spi;

/**
 * A serving mode as {@link Servers#available()} lists it.
 *
 * @param name what {@code --mode} matches
 * @param description one line on how it serves
 * @param module where the provider comes from: its module name, or the jar of an unnamed module
 * @param available whether it can run here
 */
public record ModeInfo(String name, String description, String module, boolean available) {
}
