package org.rpyc4j.core.protocol;

import javax.annotation.Nullable;

/** The request codes of RPyC (rpyc's {@code HANDLE_*} constants). */
public enum HandlerCode {
    PING(1), CLOSE(2), GETROOT(3), GETATTR(4), DELATTR(5), SETATTR(6), CALL(7), CALLATTR(8), REPR(9), STR(10),
    CMP(11), HASH(12), DIR(13), PICKLE(14), DEL(15), INSPECT(16), BUFFITER(17), OLDSLICING(18), CTXEXIT(19),
    INSTANCECHECK(20);

    private static final HandlerCode[] BY_CODE = new HandlerCode[21];

    static {
        for (HandlerCode h : values()) {
            BY_CODE[(int) h.code] = h;
        }
    }

    final long code;

    HandlerCode(int code) {
        this.code = code;
    }

    /** The handler with this code, or null. */
    @Nullable
    static HandlerCode of(@Nullable Object code) {
        if (code instanceof Long l && l > 0 && l < BY_CODE.length) {
            return BY_CODE[l.intValue()];
        }
        return null;
    }
}
