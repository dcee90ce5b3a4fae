/**
 * Python values that have no exact Java counterpart, as they travel in brine.
 *
 * <p>The rest of brine maps onto plain Java: {@code None} is {@code null}, {@code bool} is {@link Boolean},
 * {@code int} is {@link Long} (or {@link java.math.BigInteger} beyond 64 bits), {@code float} is
 * {@link Double}, {@code bytes} is {@code byte[]}, {@code str} is {@link String}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.api.value;

import javax.annotation.ParametersAreNonnullByDefault;
