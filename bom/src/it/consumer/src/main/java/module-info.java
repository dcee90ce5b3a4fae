/** A consumer of rpyc4j on the module path: it needs the api to write and call services, the spi to find a mode by name. */
module org.example.greeter {
    requires org.rpyc4j.api;
    requires org.rpyc4j.spi;

    // rpyc4j calls the service's exposed methods through this exported package
    exports org.example.greeter;
}
