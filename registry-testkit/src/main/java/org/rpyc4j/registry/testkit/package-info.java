/** The contracts every registry transport's tests extend, and the Python registry they run against. */
@ParametersAreNonnullByDefault
package org.rpyc4j.registry.testkit;

import javax.annotation.ParametersAreNonnullByDefault;
