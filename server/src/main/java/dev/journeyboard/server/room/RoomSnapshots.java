package dev.journeyboard.server.room;

import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.server.logging.QuietLog;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.store.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;

/**
 * When a room snapshots its board: once enough ops piled up, or soon after it empties, never while a write is under
 * way (a snapshot must hold exactly the ops up to its seq), one at a time. The room asks it whether everything is
 * snapshotted before it unloads, and stops it when the board is deleted. Room context only.
 */
final class RoomSnapshots {
    private static final QuietLog QUIET = new QuietLog(System.getLogger(RoomSnapshots.class.getName()));

    private final String boardId;
    private final BoardStore store;
    private final RoomExecutor executor;
    private final OpPipeline pipeline;
    private final CidOutcomes outcomes;
    private final Document doc;
    private final int every;
    /** The seq of the last snapshot written. */
    private long seq;
    private boolean writing;
    /** The board was deleted: no snapshot of it may be written any more. */
    private boolean stopped;
    /** The snapshot being written, or a completed future. */
    private Future<Void> write = Future.succeededFuture();

    RoomSnapshots(String boardId, BoardStore store, RoomExecutor executor, OpPipeline pipeline, CidOutcomes outcomes, Document doc,
                  int every, long seq) {
        this.boardId = boardId;
        this.store = store;
        this.executor = executor;
        this.pipeline = pipeline;
        this.outcomes = outcomes;
        this.doc = doc;
        this.every = every;
        this.seq = seq;
    }

    /** Snapshots when {@link #every} ops piled up, or when {@code soon} (or the room is empty) and anything is unsnapshotted. */
    void maybe(boolean soon, boolean empty) {
        if (writing || stopped || !pipeline.idle()) return;
        long pending = pipeline.durableSeq() - seq;
        if (pending == 0 || (!soon && pending < every && !empty)) return;
        writing = true;
        outcomes.forgetBefore(pipeline.oldestInTail() - 1);
        var snap = new Snapshot(pipeline.durableSeq(), new ArrayList<>(doc.elements()), pipeline.clientCids(), outcomes.toJson());
        Promise<Void> written = Promise.promise();
        write = written.future();
        executor.onComplete(store.snapshot(boardId, snap), ar -> {
            writing = false;
            if (ar.succeeded()) {
                seq = snap.seq();
            } else {
                QUIET.warn("snapshot-failed", "board " + boardId + ": snapshot failed, will retry: " + ar.cause());
            }
            written.complete();
        });
    }

    /** Everything durable is snapshotted and nothing is being written: the room may unload. */
    boolean covered() {
        return pipeline.durableSeq() == seq && !writing && pipeline.idle();
    }

    /** No more snapshots (the board is being deleted); completes once the one under way, if any, is written. */
    Future<Void> stop() {
        stopped = true;
        return write;
    }
}
