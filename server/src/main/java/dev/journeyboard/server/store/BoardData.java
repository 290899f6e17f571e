package dev.journeyboard.server.store;

import io.vertx.core.Future;

/**
 * Something that keeps data of a board, and so must forget it when the board is deleted: the {@link BoardStore}
 * (metadata, snapshots, logs, session state) and every other per-board store a feature adds (a feedback log,
 * an image store). Each one is listed in {@link BoardEraser}, the one place a deletion goes through.
 */
public interface BoardData {
    /** Removes everything of the board this holds, durably; idempotent. */
    Future<Void> delete(String boardId);
}
