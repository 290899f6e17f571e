package dev.journeyboard.protocol;

/** A message or op that breaks the protocol: carries the code the sender is told. */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false); // no stack trace: these are expected, frequent and cheap
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
