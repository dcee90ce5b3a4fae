/**
 * The authenticator SPI: {@link org.rpyc4j.spi.auth.AuthenticatorProvider} (what an authenticator module
 * provides), {@link org.rpyc4j.spi.auth.AuthenticatorOptions} (what it is configured with), and the lookup of
 * authenticators by name ({@link org.rpyc4j.spi.auth.Authenticators},
 * {@link org.rpyc4j.spi.auth.AuthenticatorProviders}) on the module path and in a plug-in folder, loaded the
 * way serving modes are. The authenticator itself is the api's {@link org.rpyc4j.api.Authenticator}, given to
 * a server with {@link org.rpyc4j.api.ServerOptions.Builder#authenticator}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.spi.auth;

import javax.annotation.ParametersAreNonnullByDefault;
