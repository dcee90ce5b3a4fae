/**
 * The SSL authenticator, rpyc's {@code SSLAuthenticator} for the JVM: {@link org.rpyc4j.auth.ssl.SslAuthenticator}
 * wraps each accepted connection in TLS 1.2 or 1.3, from PEM files as openssl writes them or a PKCS#12/JKS
 * keystore, and asks for client certificates when given a CA; {@link org.rpyc4j.auth.ssl.SslClient} is
 * {@code rpyc.ssl_connect} for Java clients. Found by name {@code ssl} through
 * {@link org.rpyc4j.spi.auth.Authenticators}.
 */
module org.rpyc4j.auth.ssl {
    requires transitive org.rpyc4j.api;
    requires transitive org.rpyc4j.spi;
    requires org.slf4j;
    requires static jsr305;

    exports org.rpyc4j.auth.ssl;

    provides org.rpyc4j.spi.auth.AuthenticatorProvider with org.rpyc4j.auth.ssl.SslAuthenticatorProvider;
}
