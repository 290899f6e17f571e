package dev.journeyboard.server.store;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a board everywhere it has data: the other per-board holders first (feedback, images, …), the
 * {@link BoardStore} last, because its metadata is what makes the board exist: if a deletion fails half-way the
 * board is still there and still deletable, never a board whose parts are gone. A new per-board store hooks in by
 * implementing {@link BoardData} and being added to the list given here (JourneyBoardServer builds it).
 */
public final class BoardEraser {
    private final BoardStore store;
    private final List<BoardData> others;

    public BoardEraser(BoardStore store, List<BoardData> others) {
        this.store = store;
        this.others = List.copyOf(others);
    }

    public Future<Void> delete(String boardId) {
        var parts = new ArrayList<Future<Void>>();
        for (BoardData d : others) parts.add(d.delete(boardId));
        return Future.all(parts).compose(v -> store.delete(boardId));
    }
}
