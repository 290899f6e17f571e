package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;

/**
 * The room's feature's durable state in the store: one JSON document per board under the name {@link #NAME}
 * ({@link BoardStore#saveFeatureState}: a file of the board's folder, written atomically, or a field of a Redis
 * hash in the board's hash tag, fenced by the lease like the board's other writes). See STORE.md. Saves run one at
 * a time, on the room's context.
 */
final class FeatureState {
    private static final System.Logger LOG = System.getLogger(FeatureState.class.getName());
    /** The room has one feature, the facilitation session. */
    static final String NAME = "session";

    private final BoardStore store;
    private final String boardId;
    private final RoomFeature feature;
    private final RoomExecutor executor;
    /** The last save asked for; a completed future when none is under way. */
    private Future<Void> last = Future.succeededFuture();

    FeatureState(BoardStore store, String boardId, RoomFeature feature, RoomExecutor executor) {
        this.store = store;
        this.boardId = boardId;
        this.feature = feature;
        this.executor = executor;
    }

    /**
     * Saves what the feature says must last (removes the saved state when it has none), after the saves asked for
     * before: each takes the state as it is when it starts, so two saves in flight at once (a lock, then private
     * writing) can't land in the other order and keep the older state. Completes on the room's context.
     */
    Future<Void> persist() {
        Promise<Void> saved = Promise.promise();
        Future<Void> previous = last;
        last = saved.future();
        executor.onComplete(previous, before -> {
            Future<Void> save;
            try {
                ObjectNode state = feature.durableState();
                save = store.saveFeatureState(boardId, NAME, state == null ? null : MessageCodec.bytes(state));
            } catch (RuntimeException e) {
                save = Future.failedFuture(e); // a failed save, not a chain that never completes
            }
            executor.onComplete(save, saved::handle);
        });
        return saved.future();
    }

    /** Completes once every save asked for so far has (succeeded or failed). */
    Future<Void> settled() {
        return last.transform(ar -> Future.succeededFuture());
    }

    /** Whether a save is still under way. */
    boolean saving() {
        return !last.isComplete();
    }

    /**
     * Gives the feature back what it saved. A state that can't be read is logged and dropped: the board opens with
     * a fresh session rather than not at all (the document, which holds everything a session produced, is intact).
     */
    static void restore(String boardId, RoomFeature feature, Map<String, byte[]> states) {
        byte[] saved = states.get(NAME);
        if (saved == null) return;
        try {
            feature.restore((ObjectNode) MessageCodec.parseObject(saved));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "board " + boardId + ": the saved session could not be restored; starting a fresh one", e);
        }
    }
}
