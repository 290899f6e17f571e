package dev.journeyboard.server.room;

import dev.journeyboard.protocol.ErrorCode;

/** Why the server closes a socket: the WebSocket close status (PROTOCOL.md) and the error code the client is told. */
public enum CloseReason {
    /** Silent for the idle timeout (no frame, no pong): closed without an error, nobody would read it. */
    IDLE((short) 1001, null),
    NO_HELLO((short) 1008, ErrorCode.BAD_MESSAGE),
    /** A text frame whose bytes are not UTF-8 (RFC 6455: invalid frame payload data). */
    NOT_UTF8((short) 1007, ErrorCode.BAD_MESSAGE),
    TOO_LARGE((short) 1009, ErrorCode.TOO_LARGE),
    UNSUPPORTED_VERSION((short) 4400, ErrorCode.UNSUPPORTED_VERSION),
    /** A wrong link, or a link the facilitator replaced. */
    UNAUTHORIZED((short) 4401, ErrorCode.UNAUTHORIZED),
    REMOVED((short) 4403, ErrorCode.FORBIDDEN),
    NOT_FOUND((short) 4404, ErrorCode.BOARD_NOT_FOUND),
    /** The board can't be loaded now, or another server serves it. */
    UNAVAILABLE((short) 4503, ErrorCode.BOARD_UNAVAILABLE);

    private final short status;
    private final ErrorCode code;

    CloseReason(short status, ErrorCode code) {
        this.status = status;
        this.code = code;
    }

    public short status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    /** How a socket whose board or join was refused with {@code code} is closed. */
    public static CloseReason refusing(ErrorCode code) {
        return switch (code) {
            case FORBIDDEN -> REMOVED;
            case BOARD_NOT_FOUND -> NOT_FOUND;
            case UNAUTHORIZED -> UNAUTHORIZED;
            default -> UNAVAILABLE;
        };
    }
}
