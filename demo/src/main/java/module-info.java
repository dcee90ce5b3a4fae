/** A demo service and a server for it: what {@code ./run-server.sh} starts. */
module org.rpyc4j.demo {
    requires org.rpyc4j.api;
    requires org.slf4j;

    // rpyc4j calls the service's exposed methods reflectively
    exports org.rpyc4j.demo;
}
