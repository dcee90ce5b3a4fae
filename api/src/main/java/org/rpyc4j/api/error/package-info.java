/**
 * Failures: rpyc4j's own ({@link org.rpyc4j.api.error.RpycException} and subclasses) and exceptions raised
 * by the remote Python side ({@link org.rpyc4j.api.error.PythonError}), which arrive as the natural Java
 * exception type where one exists.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.api.error;

import javax.annotation.ParametersAreNonnullByDefault;
