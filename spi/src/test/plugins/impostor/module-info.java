/** A second plug-in calling itself "sequential". */
module com.example.impostor {
    requires org.rpyc4j.spi;

    provides org.rpyc4j.spi.ServerProvider with com.example.impostor.ImpostorProvider;
}
