package dev.journeyboard.server.voc;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where a board's customer feedback lives: an append-only log of records (UTF-8 JSON: imported items, and tags that
 * move items between cards), beside the board's document rather than in it, so that a large import does not
 * travel in every welcome and snapshot (the cards carry only a small summary). Two implementations pass one
 * contract test: files next to the embedded store's ({@link EmbeddedFeedbackLog}) and a Redis list under the
 * board's hash tag ({@link RedisFeedbackLog}).
 *
 * <p>A position is where the log ends after some records (a byte offset in a file, a length in Redis): an
 * append names the position it expects the log to end at, so a writer whose view of the log is stale can't
 * append behind another's records.
 */
public interface FeedbackLog {

    /** Records from a position on, and the position after them. */
    record Chunk(List<byte[]> records, long next) {}

    /**
     * Appends {@code records} to the board's log, which must end at {@code at}; completes with the new end once
     * they are durable. Fails, appending nothing, if the log does not end at {@code at}.
     */
    Future<Long> append(String boardId, long at, List<byte[]> records);

    /**
     * The records from {@code from} (0 = the start) to the end. If the log ends before {@code from} (it was
     * deleted meanwhile), the chunk is empty and its {@code next} is below {@code from}: read again from 0.
     */
    Future<Chunk> read(String boardId, long from);

    /** Deletes the board's feedback; what board deletion must call. */
    Future<Void> delete(String boardId);

    Future<Void> close();
}
