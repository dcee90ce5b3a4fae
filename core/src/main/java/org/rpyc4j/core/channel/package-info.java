/**
 * The byte-stream layers under the protocol: frames ({@link org.rpyc4j.core.channel.FrameReader},
 * {@link org.rpyc4j.core.channel.FrameWriter}), the two message envelopes
 * ({@link org.rpyc4j.core.channel.Envelope}) and recognising peers that do not speak RPyC at all
 * ({@link org.rpyc4j.core.channel.StreamSniffer}).
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.core.channel;

import javax.annotation.ParametersAreNonnullByDefault;
