package org.example.greeter;

import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.Service;

/** A service as a consumer writes one (rpyc names it GREETER): what a peer may call is marked. */
public class GreeterService implements Service {
    /** The greeting for {@code name}. */
    @Exposed
    public String greet(String name) {
        return "hello, " + name;
    }
}
