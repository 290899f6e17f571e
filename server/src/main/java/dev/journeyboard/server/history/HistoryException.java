package dev.journeyboard.server.history;

import dev.journeyboard.server.api.Refusal;

/**
 * A seq the history can't answer for: beyond the board's newest ({@code SEQ_NOT_FOUND}, HTTP 404) or older than
 * the history kept ({@code HISTORY_EXPIRED}, HTTP 410). The answer says which seqs the history does hold.
 */
public final class HistoryException extends Refusal {
    public static final String SEQ_NOT_FOUND = "SEQ_NOT_FOUND";
    public static final String HISTORY_EXPIRED = "HISTORY_EXPIRED";

    private final HistoryRange range;

    public HistoryException(String code, String message, HistoryRange range) {
        super(code.equals(SEQ_NOT_FOUND) ? 404 : 410, code, message);
        this.range = range;
    }

    public HistoryRange range() {
        return range;
    }

    /** Checks {@code from..to} against what is kept. */
    public static void check(HistoryRange r, long from, long to) {
        if (to > r.newest()) {
            throw new HistoryException(SEQ_NOT_FOUND, "seq " + to + " is beyond the board's newest, " + r.newest(), r);
        }
        if (from < r.oldest()) {
            throw new HistoryException(HISTORY_EXPIRED, "seq " + from + " is older than the history kept, which starts at seq "
                    + r.oldest(), r);
        }
    }
}
