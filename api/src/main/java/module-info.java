/**
 * The rpyc4j API: what library users code against.
 *
 * <p>Connections and remote references ({@link org.rpyc4j.api.Connection}, {@link org.rpyc4j.api.NetRef}),
 * services ({@link org.rpyc4j.api.Exposed}, {@link org.rpyc4j.api.Service}), Python values that have no
 * Java counterpart ({@code org.rpyc4j.api.value}) and the exceptions Python raises
 * ({@code org.rpyc4j.api.error}). The protocol engine is found with {@link java.util.ServiceLoader}.
 */
module org.rpyc4j.api {
    requires static jsr305;

    exports org.rpyc4j.api;
    exports org.rpyc4j.api.value;
    exports org.rpyc4j.api.error;

    uses org.rpyc4j.api.RpycEngine;
}
