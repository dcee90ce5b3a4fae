/**
 * The registry transport SPI: {@link org.rpyc4j.spi.registry.RegistryProvider}, and the lookup of transports
 * by name ({@link org.rpyc4j.spi.registry.Registries}) on the module path and in a plug-in folder. The
 * registry's state and wire format, which every transport shares, are in module {@code org.rpyc4j.registry}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.spi.registry;

import javax.annotation.ParametersAreNonnullByDefault;
