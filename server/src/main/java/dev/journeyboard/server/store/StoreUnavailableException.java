package dev.journeyboard.server.store;

/**
 * The store can't take writes (or reads) right now: Redis unreachable, the disk full or failing. The message
 * says why in plain words; it reaches the log, {@code /health} and the STORE_UNAVAILABLE rejections.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message) {
        super(message, null, false, false);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
