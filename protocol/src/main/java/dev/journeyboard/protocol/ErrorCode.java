package dev.journeyboard.protocol;

/** Stable rejection and error codes, as documented in PROTOCOL.md. Clients switch on these names. */
public enum ErrorCode {
    BAD_MESSAGE,
    UNKNOWN_TYPE,
    UNSUPPORTED_VERSION,
    ELEMENT_NOT_FOUND,
    ELEMENT_EXISTS,
    CYCLE,
    INVALID_VALUE,
    FORBIDDEN,
    TOO_LARGE,
    RATE_LIMITED,
    BOARD_NOT_FOUND,
    BOARD_UNAVAILABLE,
    UNAUTHORIZED,
    STORE_UNAVAILABLE,
    LOCKED,
    /** A re-sent {@code ops} message older than what the server remembers of its tab: dropped, not applied now. */
    STALE_CID
}
