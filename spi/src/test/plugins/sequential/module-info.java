/** A third-party serving mode, as a plug-in: one connection at a time, on the accept loop. */
module com.example.sequential {
    requires org.rpyc4j.spi;

    provides org.rpyc4j.spi.ServerProvider with com.example.sequential.SequentialServerProvider;
}
