package dev.journeyboard.server.history;

import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.store.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * A stretch of a board's history as a store hands it out: a checkpoint and the ops after it.
 *
 * @param range      what the history holds
 * @param checkpoint the document at a seq at or below the one asked for
 * @param ops        every op after the checkpoint up to the last seq asked for, in seq order
 */
public record HistoryRead(HistoryRange range, Snapshot checkpoint, List<Applied> ops) {

    /**
     * What a store found up to {@code to}: the checkpoint and the ops it holds after it, by seq. Every seq from the
     * checkpoint to {@code to} must be there: a hole means the history lost a record, which is HISTORY_EXPIRED.
     */
    public static HistoryRead complete(HistoryRange range, Snapshot checkpoint, SortedMap<Long, Applied> ops, long to) {
        long expected = checkpoint.seq() + 1;
        for (long seq : ops.keySet()) {
            if (seq != expected) break;
            expected++;
        }
        if (expected != to + 1) {
            throw new HistoryException(HistoryException.HISTORY_EXPIRED, "the history holds no record of seq " + expected, range);
        }
        return new HistoryRead(range, checkpoint, new ArrayList<>(ops.values()));
    }
}
