/**
 * The serving-mode SPI: {@link org.rpyc4j.spi.ServerProvider} (what a mode module provides),
 * {@link org.rpyc4j.spi.ServerContext} (what it gets), and the lookup of modes by name,
 * {@link org.rpyc4j.spi.Servers} / {@link org.rpyc4j.spi.ServerModes}, over the module path and an optional
 * plug-in folder ({@link org.rpyc4j.spi.PluginLayer}). The lookup is here rather than in the api because the
 * api cannot depend on the provider type.
 *
 * <h2>Adding a mode</h2>
 * A mode is a module with a server class and a provider, usually extending
 * {@link org.rpyc4j.spi.support.AbstractServer}, which binds, accepts, authenticates, logs, registers and
 * closes; the mode only decides where each accepted connection is served:
 * <pre>{@code
 * public final class SequentialServer extends AbstractServer {
 *     public SequentialServer(ServerContext context) { super(context); }
 *     protected void handle(AcceptedSocket accepted) { clients().serve(accepted); }   // on the accept loop
 * }
 * public final class SequentialServerProvider implements ServerProvider {
 *     public String name() { return "sequential"; }
 *     public String description() { return "one connection at a time"; }
 *     public Server create(ServerContext context) { return new SequentialServer(context); }
 * }
 * module com.example.sequential {
 *     requires org.rpyc4j.spi;
 *     provides org.rpyc4j.spi.ServerProvider with com.example.sequential.SequentialServerProvider;
 * }
 * }</pre>
 * Put the jar on the module path, or drop it into a plug-in folder read with
 * {@link org.rpyc4j.spi.Servers#withPluginFolder}; {@code create("sequential", ...)} then finds it. For the
 * class path, also list the provider in {@code META-INF/services/org.rpyc4j.spi.ServerProvider}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.spi;

import javax.annotation.ParametersAreNonnullByDefault;
