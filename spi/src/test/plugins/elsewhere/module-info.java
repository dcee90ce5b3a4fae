/** A plug-in mode that is not available on this system, and one with an invalid name. */
module com.example.elsewhere {
    requires org.rpyc4j.spi;

    provides org.rpyc4j.spi.ServerProvider with com.example.elsewhere.ElsewhereProvider,
            com.example.elsewhere.BadNameProvider;
}
