package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What the room answered to recent {@code ops} messages it refused, per tab and cid, so that a re-send (a client
 * that missed the answer while disconnected) gets the same {@code rejected} again instead of a false "applied".
 * Applied outcomes need no record here: the resume tail holds them ({@link OpPipeline#appliedSeq}). A rejection is
 * remembered as long as the resume tail reaches back to the seq it was made at, and at most {@code capacity} of
 * them in all (a flood of refusals must not grow memory). Transient refusals (the store could not write) are not
 * outcomes: a re-send of those is a new attempt, and only marked as a re-send (not charged as a new edit). Saved
 * with the snapshot. It answers re-sends from what it and the pipeline remember ({@link #answeredAsResend}). Room
 * context only.
 */
final class CidOutcomes {
    record Rejection(ErrorCode code, String message, long atSeq) {}

    private record Entry(String client, long cid, long atSeq) {}

    private final int capacity;
    private final Map<String, Map<Long, Rejection>> rejected = new HashMap<>();
    /** Cids refused with STORE_UNAVAILABLE: their re-sends are attempts, not new edits. */
    private final Map<String, Map<Long, Long>> retryable = new HashMap<>();
    private final ArrayDeque<Entry> order = new ArrayDeque<>();

    CidOutcomes(int capacity) {
        this.capacity = Math.max(16, capacity);
    }

    /** A refusal of {@code client}'s message {@code cid}, when the board was at {@code seq}. */
    void rejected(String client, long cid, ErrorCode code, String message, long seq) {
        if (code == ErrorCode.STORE_UNAVAILABLE) {
            retryable.computeIfAbsent(client, k -> new HashMap<>()).put(cid, seq);
        } else {
            if (code == ErrorCode.RATE_LIMITED) return; // the client drops it; nothing to repeat
            rejected.computeIfAbsent(client, k -> new HashMap<>()).put(cid, new Rejection(code, message, seq));
        }
        order.addLast(new Entry(client, cid, seq));
        while (order.size() > capacity) drop(order.removeFirst());
    }

    /** The remembered rejection of that message, or null. */
    Rejection rejection(String client, long cid) {
        var m = rejected.get(client);
        return m == null ? null : m.get(cid);
    }

    /** A message refused only because the store could not write: sending it again is a retry. */
    boolean retryable(String client, long cid) {
        var m = retryable.get(client);
        return m != null && m.containsKey(cid);
    }

    /** The message was now applied (a retry that went through): it is no longer pending a retry. */
    void applied(String client, long cid) {
        var m = retryable.get(client);
        if (m != null && m.remove(cid) != null && m.isEmpty()) retryable.remove(client);
    }

    /** Forgets what was decided before {@code oldestSeq}: the resume tail no longer reaches back there. */
    void forgetBefore(long oldestSeq) {
        while (!order.isEmpty() && order.getFirst().atSeq() < oldestSeq) drop(order.removeFirst());
    }

    private void drop(Entry e) {
        var r = rejected.get(e.client());
        if (r != null && r.containsKey(e.cid()) && r.get(e.cid()).atSeq() == e.atSeq()) {
            r.remove(e.cid());
            if (r.isEmpty()) rejected.remove(e.client());
        }
        var t = retryable.get(e.client());
        if (t != null && Long.valueOf(e.atSeq()).equals(t.get(e.cid()))) {
            t.remove(e.cid());
            if (t.isEmpty()) retryable.remove(e.client());
        }
    }

    /** {@code {"tab": [[cid, "CODE", "message", atSeq], …]}}, oldest first, for the snapshot. */
    JsonNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Entry e : order) {
            Rejection r = rejection(e.client(), e.cid());
            if (r == null || r.atSeq() != e.atSeq()) continue;
            var arr = o.has(e.client()) ? (com.fasterxml.jackson.databind.node.ArrayNode) o.get(e.client()) : o.putArray(e.client());
            arr.addArray().add(e.cid()).add(r.code().name()).add(r.message()).add(r.atSeq());
        }
        return o;
    }

    /**
     * A message sent before (a client re-sends what it holds after a reconnect) gets the answer the first one
     * got: nothing yet while it is still being written (its applied or rejection reaches this connection too), a
     * duplicate ack if the board's history has it, the same rejection if it was refused, and STALE_CID when it is
     * older than what the room remembers (the client drops it and says so). @return whether it was answered so
     */
    boolean answeredAsResend(Member from, ClientMessage.Ops msg, OpPipeline pipeline, RoomStats stats) {
        String client = from.client();
        Rejection r = rejection(client, msg.cid());
        if (r != null) {
            from.send(new ServerMessage.Rejected(msg.cid(), r.code(), r.message()));
            return true;
        }
        if (!pipeline.isResend(client, msg.cid())) return false;
        if (pipeline.stillWriting(client, msg.cid())) return true;
        if (pipeline.appliedSeq(client, msg.cid()) != null) {
            from.send(new ServerMessage.Ack(msg.cid(), true));
        } else {
            stats.rejected(ErrorCode.STALE_CID);
            from.send(new ServerMessage.Rejected(msg.cid(), ErrorCode.STALE_CID, "ops: cid " + msg.cid()
                    + " is older than what the server remembers of this tab: it may or may not be on the board; it was not applied now"));
        }
        return true;
    }

    /** Restores what {@link #toJson} saved (null or unreadable parts are skipped: only a convenience is lost). */
    void restore(JsonNode saved) {
        if (saved == null || !saved.isObject()) return;
        var all = new java.util.ArrayList<Object[]>();
        saved.fields().forEachRemaining(f -> {
            for (JsonNode r : f.getValue()) {
                try {
                    all.add(new Object[] {f.getKey(), r.get(0).longValue(), ErrorCode.valueOf(r.get(1).textValue()),
                            r.get(2).textValue(), r.get(3).longValue()});
                } catch (RuntimeException ignored) {
                    // a code this version does not know: forget that one
                }
            }
        });
        all.sort(java.util.Comparator.comparingLong(a -> (Long) a[4]));
        for (Object[] a : all) rejected((String) a[0], (Long) a[1], (ErrorCode) a[2], (String) a[3], (Long) a[4]);
    }
}
