package dev.journeyboard.protocol.board;

/**
 * Size limits a document enforces on every op.
 *
 * @param maxElements      elements a board may hold
 * @param maxTextLength    code points in one string property
 * @param maxOpsPerMessage ops in one message, nested batch ops included
 */
public record Limits(int maxElements, int maxTextLength, int maxOpsPerMessage) {
    public static final Limits DEFAULT = new Limits(20_000, 10_000, 500);
    /** For what was validated once already: replaying a log, applying the server's confirmed order. */
    public static final Limits UNLIMITED = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
}
