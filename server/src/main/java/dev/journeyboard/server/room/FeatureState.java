package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The room's feature's durable state in the store: one JSON document per board under the name {@link #NAME}
 * ({@link BoardStore#saveFeatureState}: a file of the board's folder, written atomically, or a field of a Redis
 * hash in the board's hash tag, fenced by the lease like the board's other writes). See STORE.md.
 */
final class FeatureState {
    private static final System.Logger LOG = System.getLogger(FeatureState.class.getName());
    /** The room has one feature, the facilitation session. */
    static final String NAME = "session";

    private FeatureState() {}

    /** Saves what the feature says must last; removes the saved state when it has none. */
    static Future<Void> save(BoardStore store, String boardId, RoomFeature feature) {
        ObjectNode state = feature.durableState();
        return store.saveFeatureState(boardId, NAME, state == null ? null : MessageCodec.bytes(state));
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
