/**
 * The command-line programs of the rpyc4j distribution: {@link org.rpyc4j.cli.ClassicMain} ({@code rpyc_classic})
 * and {@link org.rpyc4j.cli.RegistryMain} ({@code rpyc_registry}), with Python rpyc's switches, names and defaults,
 * and {@code org.rpyc4j.cli.log}, the slf4j backend that prints rpyc's log lines ({@code INFO:SLAVE/18812:...}).
 */
module org.rpyc4j.cli {
    requires org.rpyc4j.spi;
    requires org.rpyc4j.classic;
    requires org.slf4j;
    requires static jsr305;

    exports org.rpyc4j.cli;
    exports org.rpyc4j.cli.log;

    uses org.rpyc4j.spi.ServerProvider;
    uses org.rpyc4j.spi.registry.RegistryProvider;
    uses org.rpyc4j.spi.auth.AuthenticatorProvider;

    provides org.slf4j.spi.SLF4JServiceProvider with org.rpyc4j.cli.log.RpycLogProvider;
}
