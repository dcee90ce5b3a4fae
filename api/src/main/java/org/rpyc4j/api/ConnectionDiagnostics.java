package org.rpyc4j.api;

/**
 * A snapshot of one connection's internal counts ({@link Connection#diagnostics()}), for tests, leak hunting
 * and monitoring. Each count is exact when taken; the connection keeps working meanwhile, so two counts of
 * one snapshot are not taken at the same instant.
 *
 * @param exportedObjects how many of this side's objects the peer holds references to
 * @param proxies how many of the peer's objects this side holds proxies for, including proxies already
 *     collected whose release the peer has not been sent yet
 * @param pendingRequests this side's requests that await their answer
 * @param requestsInFlight the peer's requests this side is executing now
 */
public record ConnectionDiagnostics(int exportedObjects, int proxies, int pendingRequests, int requestsInFlight) {
}
