package dev.journeyboard.server.history;

import io.vertx.core.Future;

/**
 * A board's history as a store keeps it: every op (with its time and author) from the oldest kept checkpoint on,
 * and checkpoints (the document at a seq) every {@link HistorySettings#checkpointEvery()} ops, so that any point
 * opens with one checkpoint and at most a few thousand ops, however far back it is. Both stores implement it and
 * pass {@code BoardHistoryContract}; {@link HistoryReader} turns it into documents and change lists.
 */
public interface BoardHistory {

    /** @return what the history holds, or null when there is no such board */
    Future<HistoryRange> range(String boardId);

    /**
     * The checkpoint at or below {@code from} and every op after it up to {@code to} ({@code from <= to}).
     *
     * @return null when there is no such board; fails with {@link HistoryException} when {@code to} is beyond the
     *         newest seq or {@code from} older than what is kept
     */
    Future<HistoryRead> read(String boardId, long from, long to);

    /**
     * Forgets the board's history only (the board lives on from its snapshot). Deleting the whole board is
     * {@code BoardStore.delete}, which removes the history with everything else.
     */
    Future<Void> deleteHistory(String boardId);
}
