package dev.journeyboard.protocol.op;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.ElementType;
import java.util.List;

/** An edit of a board document. Semantics and validation live in {@code Document.apply}. */
public sealed interface Op {

    /** The element this op targets; null for a batch. */
    String id();

    /** Ops this one counts for against the per-message limit. */
    default int weight() {
        return 1;
    }

    record Create(String id, ElementType type, String parent, String index, ObjectNode props) implements Op {}

    /** Sets and unsets properties; last writer wins per property. */
    record Update(String id, ObjectNode set, List<String> unset) implements Op {}

    /** Removes the element and, recursively, its dependents. */
    record Delete(String id) implements Op {}

    /**
     * Re-parents and/or re-orders.
     *
     * @param reparent false keeps the current parent (the wire message had no {@code parent} field)
     */
    record Move(String id, boolean reparent, String parent, String index) implements Op {}

    /** Applies its ops in order, all or nothing. */
    record Batch(List<Op> ops) implements Op {
        @Override
        public String id() {
            return null;
        }

        @Override
        public int weight() {
            int w = 1;
            for (Op op : ops) w += op.weight();
            return w;
        }
    }
}
