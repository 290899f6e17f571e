package dev.journeyboard.server.store;

import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where boards live between server runs. Two implementations share one contract test suite: the embedded
 * file store (default) and Redis. Calls for one board come from that board's room, in order; a store may
 * rely on that (it never sees two concurrent appends for one board).
 */
public interface BoardStore extends BoardData {

    /** Saves a new board: its metadata and first snapshot (seq 0). */
    Future<Void> create(BoardMeta meta, Snapshot initial);

    /** Replaces an existing board's metadata (new link tokens after a rotation). */
    Future<Void> saveMeta(BoardMeta meta);

    /** @return the board's metadata, or null when no such board exists */
    Future<BoardMeta> meta(String boardId);

    /** @return the newest snapshot and every logged op after it (and, when kept, some before it, for resumes); null if no such board */
    Future<StoredBoard> load(String boardId);

    /**
     * Appends a room's batch of sequenced ops; completes only once they are durable, in one round trip
     * (one fsync, one pipelined Redis call).
     */
    Future<Void> append(String boardId, List<Applied> batch);

    /** Saves a snapshot and lets the store trim the log it covers. */
    Future<Void> snapshot(String boardId, Snapshot snapshot);

    /** The room of this board was unloaded: release what the store holds for it (open files). */
    Future<Void> release(String boardId);

    /**
     * Takes the board for this server before its room serves it. Stores shared by several servers (Redis)
     * hold a lease per board; the embedded store belongs to one server and always answers true.
     *
     * @return false when another server holds the board
     */
    default Future<Boolean> acquireLease(String boardId) {
        return Future.succeededFuture(true);
    }

    /**
     * Called by the room every {@link #leaseRenewMillis()}. @return false when the board was taken by another
     * server (or this server may no longer write it): the room must close its sockets and itself. A failed
     * future means the store can't be reached: the room keeps going (its writes fail meanwhile).
     */
    default Future<Boolean> renewLease(String boardId) {
        return Future.succeededFuture(true);
    }

    /** The room unloads: another server may take the board at once. Does nothing if the lease is not ours. */
    default Future<Void> releaseLease(String boardId) {
        return Future.succeededFuture();
    }

    /** How often a room renews its lease; 0 when the store has no leases (no renewal timer). */
    default long leaseRenewMillis() {
        return 0;
    }

    /**
     * Removes the board and everything of it the store holds (metadata, snapshots, logs, resume tail, feature
     * state), durably: afterwards the board does not exist ({@link #meta} answers null), and nothing of it comes
     * back on a restart. Idempotent. The board's room must be closed first.
     */
    @Override
    Future<Void> delete(String boardId);

    /**
     * Saves one feature's state of a board (the facilitation session: timer, open vote, follow, …), replacing what
     * was saved under {@code feature} before; completes once durable. {@code state} null removes it.
     */
    Future<Void> saveFeatureState(String boardId, String feature, byte[] state);

    /** Every feature state saved for the board, by feature name (empty when none). */
    Future<java.util.Map<String, byte[]>> loadFeatureStates(String boardId);

    /** Up when the store can take writes now. */
    Future<Void> ping();

    /** "embedded" or "redis", for /health. */
    String kind();

    Future<Void> close();
}
