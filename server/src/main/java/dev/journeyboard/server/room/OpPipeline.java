package dev.journeyboard.server.room;

import static dev.journeyboard.protocol.ErrorCode.STORE_UNAVAILABLE;

import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.logging.QuietLog;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.store.Snapshot;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An accepted edit's way to the store and out: it gets its seq and waits <em>queued</em>; one store append at
 * a time is <em>in flight</em> (everything queued meanwhile goes in the next, so appends are grouped); once
 * <em>written</em> it is kept in the resume tail and sent out by {@link Delivery}: on a board of up to 30 people to
 * everyone at once, one frame per socket per append; on a bigger one to its senders at once (their ack) and to the
 * others with the next delivery, at most one per {@link DeliveryPacing} interval. If an append fails, that batch and
 * everything queued after it is taken back out of the document and rejected with STORE_UNAVAILABLE: the sender
 * keeps it pending and nobody saw it (in early broadcast, those who did are closed to resync). Room context only.
 */
final class OpPipeline {
    /** While the store is down every board's writes fail at once: one line per burst, with a count. */
    private static final QuietLog QUIET = new QuietLog(System.getLogger(OpPipeline.class.getName()));

    /**
     * An edit that has its seq but is not durable yet.
     *
     * @param from  the sender, null for edits the room makes itself (vote totals, reveals)
     * @param views when private elements are involved: what each owner (key) and everyone else (null) is sent
     * @param then  runs once the edit is durable and broadcast, or null
     * @param lost  runs if the edit could not be made durable (it was taken back), or null
     */
    private record Sequenced(Applied applied, byte[] encoded, List<Document.Change> changes, Member from, Long previousCid,
                             Map<String, Buffer> views, Runnable then, Runnable lost) {}

    private final String boardId;
    private final Document doc;
    private final BoardStore store;
    private final RoomExecutor executor;
    private final Members members;
    private final RoomStats stats;
    private final Runnable afterWrite;
    /** Who was sent which seqs; set once the log is replayed. */
    private Delivery delivery;
    /** JB_EARLY_BROADCAST: others are sent edits before they are durable. */
    private final boolean earlyBroadcast;
    /** A delivery to everyone is posted or waiting for its interval. */
    private boolean deliveryScheduled;
    private long lastDelivery = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    private final int pacingMicros;

    private long seq;
    private long durableSeq;
    private final Map<String, Long> clientCids;
    private final ResumeTail tail;
    private final ArrayDeque<Sequenced> queued = new ArrayDeque<>();
    private List<Sequenced> inFlight = List.of();
    /** Resumes from before this seq get a (filtered) snapshot: the ops after it may hold private elements. */
    private long lastPrivateSeq;
    private long serverCid;

    /** @param afterWrite runs after each successful append (the room snapshots when enough piled up) */
    OpPipeline(String boardId, Document doc, Snapshot snapshot, BoardStore store, RoomExecutor executor, Members members,
               RoomStats stats, int resumeTail, boolean earlyBroadcast, int pacingMicros, Runnable afterWrite) {
        this.boardId = boardId;
        this.doc = doc;
        this.store = store;
        this.executor = executor;
        this.members = members;
        this.stats = stats;
        this.tail = new ResumeTail(resumeTail);
        this.afterWrite = afterWrite;
        this.earlyBroadcast = earlyBroadcast;
        this.pacingMicros = pacingMicros;
        this.clientCids = new HashMap<>(snapshot.clientCids());
        this.seq = snapshot.seq();
        this.durableSeq = seq;
    }

    /** Applies the logged ops after the snapshot; throws on a log that does not fit (the load fails loudly). */
    void replay(List<Applied> log) {
        for (Applied a : log) {
            if (a.seq() > seq) {
                if (a.seq() != seq + 1) {
                    throw new IllegalStateException("board " + boardId + ": op log jumps from seq " + seq + " to " + a.seq());
                }
                doc.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
                clientCids.put(a.client(), a.cid());
                seq = a.seq();
            }
            tail.remember(a, MessageCodec.encode(a));
        }
        durableSeq = seq;
        delivery = new Delivery(members, stats, seq, earlyBroadcast);
        if (Privacy.anyPrivate(doc.elements()) || log.stream().anyMatch(a -> a.client().equals(Actor.SERVER.client()))) {
            lastPrivateSeq = seq;
        }
    }

    long durableSeq() {
        return durableSeq;
    }

    /** Nothing queued or being written: the document is the durable one. */
    boolean idle() {
        return queued.isEmpty() && inFlight.isEmpty();
    }

    /** Some edit since the room loaded, or before, may have involved private elements. */
    boolean everPrivate() {
        return lastPrivateSeq != 0;
    }

    /** The last cid applied per client, for a snapshot; call only when {@link #idle()}. */
    Map<String, Long> clientCids() {
        return Map.copyOf(clientCids);
    }

    /** A re-send after a reconnect: its cid is not above the client's last. */
    boolean isResend(String client, long cid) {
        Long last = clientCids.get(client);
        return last != null && cid <= last;
    }

    /** The seq the message {@code cid} of {@code client} was applied at, while the resume tail holds it; else null. */
    Long appliedSeq(String client, long cid) {
        return tail.appliedSeq(client, cid);
    }

    /** The oldest seq the resume tail holds (the next seq when empty): what is remembered reaches back to here. */
    long oldestInTail() {
        return tail.oldestSeq(durableSeq + 1);
    }

    /** The original of a re-send is still queued or being written: its applied (or rejection) is still to come. */
    boolean stillWriting(String client, long cid) {
        for (Sequenced s : inFlight) if (s.applied().cid() == cid && s.applied().client().equals(client)) return true;
        for (Sequenced s : queued) if (s.applied().cid() == cid && s.applied().client().equals(client)) return true;
        return false;
    }

    /** Queues a participant's edit, applied already as {@code changes}; {@code views} from {@link Privacy#views}. */
    void fromMember(Member from, long cid, List<Op> ops, List<Document.Change> changes, Map<String, List<Op>> views) {
        Long previous = clientCids.put(from.client(), cid);
        sequence(new Applied(++seq, from.id(), from.client(), cid, ops, System.currentTimeMillis(), from.participant().name()),
                changes, from, previous, views, null, null);
    }

    /** Queues an edit the room made on {@code author}'s behalf; {@code then} runs once it is durable and broadcast. */
    void fromRoom(Member author, List<Op> ops, Document.Change change, Map<String, List<Op>> views, Runnable then) {
        fromRoom(author.id(), author.participant().name(), ops, change, views, then, null);
    }

    /**
     * As above, for an author given by id and display name (null: none, such as an integration's push);
     * {@code lost} (may be null) runs instead of {@code then} if the edit could not be made durable.
     * @return the edit's seq
     */
    long fromRoom(String author, String name, List<Op> ops, Document.Change change, Map<String, List<Op>> views, Runnable then, Runnable lost) {
        long s = ++seq;
        sequence(new Applied(s, author, Actor.SERVER.client(), ++serverCid, ops, System.currentTimeMillis(), name),
                List.of(change), null, null, views, then, lost);
        return s;
    }

    /** The seq of the last edit given one (durable or not): the live document is the board as of this seq. */
    long lastSeq() {
        return seq;
    }

    private void sequence(Applied applied, List<Document.Change> changes, Member from, Long previousCid,
                          Map<String, List<Op>> perViewer, Runnable then, Runnable lost) {
        Map<String, Buffer> views = null;
        if (perViewer != null) {
            lastPrivateSeq = applied.seq();
            views = new HashMap<>();
            for (var v : perViewer.entrySet()) {
                views.put(v.getKey(), Buffer.buffer(MessageCodec.encode(applied.withOps(v.getValue()))));
            }
        }
        byte[] encoded = MessageCodec.encode(applied);
        queued.add(new Sequenced(applied, encoded, changes, from, previousCid, views, then, lost));
        delivery.sequenced(applied.seq(), applied.client(), encoded, views, from != null);
        if (earlyBroadcast) scheduleDelivery();
        writeQueued();
    }

    /**
     * The next delivery to everyone. Up to 30 people it runs after what the loop holds already (edits arriving
     * together go out as one frame); on a bigger board at most once per {@link DeliveryPacing} interval, so a big
     * board gets a frame per interval, not per burst of edits (early broadcast at hot-board, 200 people:
     * 0.0119-0.0137 CPU-s per 1,000 delivered with a delivery per burst, 0.0084 and 0.0101 spaced;
     * load-tests/results/perf-20261202-early).
     */
    private void scheduleDelivery() {
        if (deliveryScheduled) return;
        deliveryScheduled = true;
        Runnable toEveryone = () -> {
            deliveryScheduled = false;
            lastDelivery = System.nanoTime();
            delivery.deliver(seq, durableSeq);
        };
        long wait = millisUntil(lastDelivery, DeliveryPacing.intervalNanos(members.size(), pacingMicros));
        if (wait == 0) executor.post(toEveryone);
        else executor.after(wait, toEveryone);
    }

    /** Whole milliseconds (rounded up) until {@code intervalNanos} has passed since {@code since}; 0 when it has. */
    private static long millisUntil(long since, long intervalNanos) {
        long wait = since + intervalNanos - System.nanoTime();
        return wait <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
    }

    /** The ops after {@code lastSeq} from the resume tail, or null when a resume from there needs a snapshot. */
    List<Applied> missedSince(long lastSeq) {
        if (lastSeq > durableSeq || lastSeq < oldestInTail() - 1 || lastSeq < lastPrivateSeq) return null;
        if (delivery.ambiguous(lastSeq)) return null; // what it saw at these seqs may have been taken back
        return tail.after(lastSeq);
    }

    /** The document as of {@link #durableSeq()}: the live one minus edits still being written; a copy. */
    Document durableDocument() {
        Document copy = doc.copy();
        var pending = new ArrayList<Sequenced>(inFlight);
        pending.addAll(queued);
        for (int i = pending.size() - 1; i >= 0; i--) {
            var changes = pending.get(i).changes();
            for (int c = changes.size() - 1; c >= 0; c--) copy.revert(changes.get(c));
        }
        return copy;
    }

    List<Element> durableElements() {
        return new ArrayList<>(idle() ? doc.elements() : durableDocument().elements());
    }

    /**
     * Starts writing everything queued, unless a write is under way (its completion starts the next). Appends are
     * never spaced: the others' frames are (scheduleDelivery), and an append on its own sends frames only to the tabs
     * whose edits it holds (their acks).
     */
    private void writeQueued() {
        if (!inFlight.isEmpty() || queued.isEmpty()) return;
        inFlight = new ArrayList<>(queued);
        queued.clear();
        var batch = new ArrayList<Applied>(inFlight.size());
        for (Sequenced s : inFlight) batch.add(s.applied());
        long started = System.nanoTime();
        executor.onComplete(store.append(boardId, batch), ar -> {
            stats.appendNanos(System.nanoTime() - started);
            if (ar.succeeded()) written();
            else writeFailed(ar.cause());
        });
    }

    /**
     * An append is durable. Its senders' tabs get their edits now (their ack); the others too on a board of up to 30
     * people, or when the batch holds the room's own edits or private ones (their {@code then} may announce them, so
     * everyone must have them first); otherwise with the next spaced delivery.
     */
    private void written() {
        List<Sequenced> batch = inFlight;
        inFlight = List.of();
        var senders = new HashSet<String>();
        boolean everyoneNow = DeliveryPacing.intervalNanos(members.size(), pacingMicros) == 0;
        for (Sequenced s : batch) {
            durableSeq = s.applied().seq();
            tail.remember(s.applied(), s.encoded());
            stats.opsApplied.incrementAndGet();
            delivery.durable(s.applied().client(), s.from() != null);
            if (s.from() != null) senders.add(s.applied().client());
            if (s.then() != null || s.views() != null) everyoneNow = true;
        }
        if (everyoneNow) {
            lastDelivery = System.nanoTime();
            delivery.deliver(seq, durableSeq);
        } else {
            delivery.acks(durableSeq, senders);
        }
        // whoever is still short (the others on a big board, a tab that held in early broadcast) gets it with the next delivery
        if (!delivery.allSentUpTo(earlyBroadcast ? seq : durableSeq)) scheduleDelivery();
        for (Sequenced s : batch) {
            if (s.then() != null) s.then().run();
        }
        writeQueued();
        afterWrite.run();
    }

    private void writeFailed(Throwable cause) {
        var failed = new ArrayList<Sequenced>(inFlight);
        failed.addAll(queued);
        inFlight = List.of();
        queued.clear();
        QUIET.warn("write-failed", "board " + boardId + ": could not save " + failed.size() + " op message(s), rejecting them: " + cause);
        for (int i = failed.size() - 1; i >= 0; i--) {
            Sequenced s = failed.get(i);
            for (int c = s.changes().size() - 1; c >= 0; c--) doc.revert(s.changes().get(c));
            if (s.previousCid() == null) clientCids.remove(s.applied().client());
            else clientCids.put(s.applied().client(), s.previousCid());
        }
        seq = durableSeq;
        int closed = delivery.takenBack(durableSeq); // none unless early broadcast showed them
        if (closed > 0) QUIET.warn("taken-back", "board " + boardId + ": " + closed + " connection(s) had seen edits that could not be saved; closed them to resync");
        for (Sequenced s : failed) {
            stats.rejected(STORE_UNAVAILABLE);
            if (s.from() == null) { // the room's own edit (vote totals, a reveal): the facilitator can redo it
                if (s.lost() != null) s.lost().run(); // an integration's: its HTTP request is answered 503
                continue;
            }
            var rejected = new ServerMessage.Rejected(s.applied().cid(), STORE_UNAVAILABLE,
                    "the board could not be saved just now; your edit is kept and will be sent again");
            // to the sender, and to the same tab's newer connection if it reconnected meanwhile
            for (Member m : members.all()) {
                if (m != s.from() && s.applied().client().equals(m.client())) m.send(rejected);
            }
            s.from().send(rejected);
        }
    }
}
