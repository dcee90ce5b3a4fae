package org.rpyc4j.core.protocol;

import java.io.IOException;
import javax.annotation.Nullable;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.core.channel.Envelope;
import org.rpyc4j.core.channel.FrameReader;

/**
 * The decision a server connection takes on the peer's first frame, in two looks: at the frame header before
 * any body is read ({@link #screen}: another protocol shows in its first bytes, which would read as an absurd
 * frame length), and at the first payload ({@link #select}: which envelope, rpyc 5.x or 6.x, or one this side
 * refuses, such as thread-binding frames). A further envelope plugs in at {@link #select}.
 */
final class FirstFrame {
    private FirstFrame() {
    }

    /** What the first frame decided. */
    sealed interface Outcome permits Speaks, Refused {
    }

    /** The peer speaks {@code dialect}: the connection uses that envelope both ways from now on. */
    record Speaks(Dialect dialect) implements Outcome {
    }

    /** The peer is refused for {@code reason}: the connection logs it and closes without answering. */
    record Refused(String reason) implements Outcome {
    }

    /**
     * Looks at the first frame header without consuming it (waiting for it to arrive).
     *
     * @return a refusal when the stream is another protocol; {@code null} when it may be RPyC or has ended
     */
    static @Nullable Refused screen(FrameReader reader) throws IOException {
        String foreign = reader.sniffFirstFrame();
        return foreign == null ? null : new Refused("refused: the peer sent " + foreign + ", not RPyC");
    }

    /** Picks the envelope from the first payload. */
    static Outcome select(byte[] firstPayload) {
        try {
            return new Speaks(Envelope.detect(firstPayload));
        } catch (ProtocolException e) {
            return new Refused(e.getMessage());
        }
    }
}
