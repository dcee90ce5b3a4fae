/**
 * brine, RPyC's tagged encoding of immutable values: {@link org.rpyc4j.core.brine.BrineWriter} (canonical,
 * byte-exact with Python's {@code brine.dump}), {@link org.rpyc4j.core.brine.BrineReader} (lenient where
 * Python is, strict about truncation and sizes) and the one-call helpers in {@link org.rpyc4j.core.brine.Brine}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.core.brine;

import javax.annotation.ParametersAreNonnullByDefault;
