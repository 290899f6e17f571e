package dev.journeyboard.server.store;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One monitor per board for the embedded store's file work on worker threads: a board's snapshot, feature-state
 * save, history read and deletion each hold it, so none of them sees another's files half written.
 */
final class BoardLocks {
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    Object of(String boardId) {
        return locks.computeIfAbsent(boardId, k -> new Object());
    }
}
