package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request that must run in the board's room because it edits the board or its feedback log (a metric push, a
 * feedback import, list or tag): a named {@code kind} with its arguments and an optional raw body. It is plain data
 * so that a node that does not serve the board can hand it to the node that does (with Redis, through the board's
 * inbox stream, see server/STORE.md "Relay"); what it does there is looked up by {@code kind} in {@link BoardCalls}.
 */
public record BoardCall(String kind, ObjectNode args, byte[] body) {
    public BoardCall {
        if (body == null) body = new byte[0];
    }

    /**
     * A refusal with an HTTP status and an HTTP API code (e.g. 415 {@code UNSUPPORTED_MEDIA_TYPE}, 400 {@code BAD_CSV}):
     * the form in which a call's non-protocol refusals travel back from the serving node.
     */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String code;

        public Refused(int status, String code, String message) {
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
}
