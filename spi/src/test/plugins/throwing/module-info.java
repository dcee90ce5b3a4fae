/** A plug-in whose provider cannot even be made. */
module com.example.throwing {
    requires org.rpyc4j.spi;

    provides org.rpyc4j.spi.ServerProvider with com.example.throwing.ThrowingProvider;
}
