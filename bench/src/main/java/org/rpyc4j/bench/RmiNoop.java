package org.rpyc4j.bench;

import java.rmi.Remote;
import java.rmi.RemoteException;

/** The RMI benchmark's remote interface. */
public interface RmiNoop extends Remote {
    /** Does nothing remotely. */
    void noop() throws RemoteException;
}
