package dev.journeyboard.server.voc;

/**
 * A feedback request refused as a whole, with its HTTP status and a code of the HTTP API ({@code BAD_CSV},
 * {@code MISSING_COLUMN}, {@code TOO_LARGE}, …): nothing was imported or changed.
 */
public final class FeedbackRefusal extends RuntimeException {
    private final int status;
    private final String code;

    public FeedbackRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static FeedbackRefusal badCsv(String message) {
        return new FeedbackRefusal(400, "BAD_CSV", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
