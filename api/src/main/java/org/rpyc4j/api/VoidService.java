package org.rpyc4j.api;

/** A service that exposes nothing: the default local root of a client connection (rpyc's {@code VoidService}). */
public final class VoidService implements Service {
}
