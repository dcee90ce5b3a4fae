/**
 * TLS for RPyC connections, interoperable with Python rpyc's {@code SSLAuthenticator} and {@code ssl_connect}:
 * {@link org.rpyc4j.auth.ssl.SslAuthenticator} and its {@link org.rpyc4j.auth.ssl.SslOptions} for servers,
 * {@link org.rpyc4j.auth.ssl.SslClient} and its {@link org.rpyc4j.auth.ssl.SslClientOptions} for clients,
 * {@link org.rpyc4j.auth.ssl.SslCredentials} for what a service learns of a client certificate, and
 * {@link org.rpyc4j.auth.ssl.Pem} for reading keys and certificates as openssl writes them.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.auth.ssl;

import javax.annotation.ParametersAreNonnullByDefault;
