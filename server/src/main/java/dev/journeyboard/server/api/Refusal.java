package dev.journeyboard.server.api;

/**
 * A request refused as a whole, in the HTTP API's terms: the status and the API code it is answered with (400
 * {@code BAD_CSV}, 415 {@code UNSUPPORTED_MEDIA_TYPE}, 410 {@code HISTORY_EXPIRED}, …) and a message for people;
 * nothing was changed. It is an answer, not a bug, so it carries no stack trace. It lives outside {@code net} so that
 * the domain packages ({@code voc}, {@code history}) refuse in these terms without depending on the HTTP layer; it is
 * also the form in which a {@code BoardCall}'s refusal travels back from the node that serves the board.
 */
public class Refusal extends RuntimeException {
    private final int status;
    private final String code;

    public Refusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
