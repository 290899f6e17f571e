package dev.journeyboard.server.room;

import dev.journeyboard.protocol.message.MessageCodec;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who has been sent which seqs, and what each member may be sent now. Each member is sent every seq in order,
 * once; members at the same seq share one frame. A sequenced edit may be shown {@code ahead} of the durable seq:
 * <ul>
 *   <li>0, durable delivery (the default): nobody sees an edit before it is durable. Its sender's tab gets it (its
 *   ack) as soon as its append is written; the others with the next delivery, which on a board of more than 30 people
 *   comes at most once per {@link DeliveryPacing} interval. So a big board's appends run as soon as the previous one is
 *   done, and its fsync overlaps the wait for the delivery instead of adding to it.</li>
 *   <li>{@link #WINDOW}, early broadcast (JB_EARLY_BROADCAST): others are sent an edit as soon as it has its seq;
 *   its sender, and every other connection of the same tab, only once it is durable (their {@code applied} is their
 *   ack, and an acknowledged op is never lost). A member with edits of its own not yet durable ("holding") is sent
 *   up to the durable seq, the others up to the last seq (at most {@link #WINDOW} ahead of the durable one, and never
 *   past an edit touching private elements, whose frames differ per participant and go out once durable).</li>
 * </ul>
 *
 * <p>What early broadcast may have shown without it being durable: after a failed write (the edits are taken back
 * and their seqs given again) or a crash. Everyone who was sent a taken-back edit is closed with 4503 so that they
 * reconnect, and a resume whose {@code lastSeq} lies in such a range gets a snapshot, never {@code missed}
 * (the same seqs may now hold other edits): see {@link #ambiguous}. Room context only.
 */
final class Delivery {
    /** Early broadcast: at most this many seqs are shown ahead of the durable one (what a crash can take back). */
    static final int WINDOW = 1000;

    /** One sequenced edit's frames: for everyone, or per viewer when private elements are involved. */
    private record Entry(byte[] encoded, Map<String, Buffer> views) {}

    /** Seqs {@code first..last}: members sent the same run share its frame. */
    private record Run(long first, long last) {}

    private final Members members;
    private final RoomStats stats;
    /** 0 or {@link #WINDOW}: how far ahead of the durable seq anyone may be sent. */
    private final int ahead;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    /** Early broadcast only: edits not yet durable per tab (client id), whose connections hold. */
    private final Map<String, Integer> pendingByClient = new HashMap<>();
    /** Seqs {@code (ambiguousFrom, ambiguousTo]} may have been shown holding other edits than the board's now. */
    private long ambiguousFrom;
    private long ambiguousTo;

    /**
     * @param loadedSeq the board's seq as loaded: a crash may have taken back up to {@code ahead} seqs shown after it
     * @param early     early broadcast: others may be shown up to {@link #WINDOW} seqs that are not durable yet
     */
    Delivery(Members members, RoomStats stats, long loadedSeq, boolean early) {
        this.members = members;
        this.stats = stats;
        this.ahead = early ? WINDOW : 0;
        ambiguousFrom = loadedSeq;
        ambiguousTo = loadedSeq + ahead;
    }

    /** A resume from {@code lastSeq} must be answered with a snapshot. */
    boolean ambiguous(long lastSeq) {
        return lastSeq > ambiguousFrom && lastSeq <= ambiguousTo;
    }

    void sequenced(long seq, String client, byte[] encoded, Map<String, Buffer> views, boolean fromMember) {
        entries.put(seq, new Entry(encoded, views));
        if (fromMember && ahead > 0) pendingByClient.merge(client, 1, Integer::sum);
    }

    void durable(String client, boolean fromMember) {
        if (fromMember && ahead > 0) pendingByClient.computeIfPresent(client, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * A write failed: seqs above {@code durableSeq} are taken back and will be given again. Members sent any of
     * them are closed (they resume and get a snapshot). @return how many were closed
     */
    int takenBack(long durableSeq) {
        long shown = durableSeq;
        for (Member m : members.all()) shown = Math.max(shown, m.deliveredSeq());
        entries.tailMap(durableSeq, false).clear();
        pendingByClient.clear();
        if (shown == durableSeq) return 0;
        // one range covering this and the earlier ones: a few more snapshots on resume, never a wrong missed
        ambiguousFrom = Math.min(ambiguousFrom, durableSeq);
        ambiguousTo = Math.max(ambiguousTo, shown);
        int closed = 0;
        for (Member m : new ArrayList<>(members.all())) {
            if (m.deliveredSeq() <= durableSeq) continue;
            m.closeWith(CloseReason.UNAVAILABLE, "the board could not be saved: edits you saw were taken back; reconnect to get the board as saved");
            closed++;
        }
        return closed;
    }

    /** Sends each member what it may see now; {@code seq} is the last seq given, {@code durableSeq} the last durable one. */
    void deliver(long seq, long durableSeq) {
        deliver(seq, durableSeq, null);
    }

    /**
     * A write made seqs up to {@code durableSeq} durable: the tabs ({@code clients}) whose edits it held are sent up
     * to there (their acks); nobody else is sent anything, so on a paced board the others' frames keep to the
     * delivery interval.
     */
    void acks(long durableSeq, Set<String> clients) {
        deliver(durableSeq, durableSeq, clients);
    }

    /** Everyone has been sent every seq up to {@code seq}. */
    boolean allSentUpTo(long seq) {
        for (Member m : members.all()) if (m.deliveredSeq() < seq) return false;
        return true;
    }

    /** {@link #deliver(long, long)} to the members of {@code only} (client ids), or everyone when null. */
    private void deliver(long seq, long durableSeq, Set<String> only) {
        long early = Math.min(seq, durableSeq + ahead);
        for (var e : entries.tailMap(durableSeq, false).entrySet()) {
            if (e.getValue().views() != null) {
                early = Math.min(early, e.getKey() - 1);
                break;
            }
        }
        Map<Run, Buffer> shared = new HashMap<>();
        long lowest = durableSeq;
        for (Member m : members.all()) {
            long from = m.deliveredSeq();
            if (only != null && !only.contains(m.client())) {
                lowest = Math.min(lowest, from);
                continue;
            }
            long to = Math.max(durableSeq, pendingByClient.containsKey(m.client()) ? durableSeq : early);
            if (to > from) {
                send(m, from, to, shared);
                m.delivered(to);
            }
            lowest = Math.min(lowest, m.deliveredSeq());
        }
        entries.headMap(lowest, true).clear(); // everyone has these
    }

    /** Seqs {@code (from, to]} to {@code m}: runs of shared frames, private edits as {@code m} may see them. */
    private void send(Member m, long from, long to, Map<Run, Buffer> shared) {
        long runStart = from + 1;
        for (long s = from + 1; s <= to; s++) {
            Entry e = entries.get(s);
            if (e == null || e.views() == null) continue;
            run(m, runStart, s - 1, shared);
            Buffer view = e.views().getOrDefault(m.client(), e.views().get(null));
            m.sendView(view, s);
            stats.broadcastBytes.addAndGet(view.length());
            runStart = s + 1;
        }
        run(m, runStart, to, shared);
    }

    private void run(Member m, long first, long last, Map<Run, Buffer> shared) {
        if (first > last) return;
        Buffer frame = shared.computeIfAbsent(new Run(first, last), k -> {
            if (first == last) return Buffer.buffer(entries.get(first).encoded());
            var run = new ArrayList<byte[]>((int) (last - first + 1));
            for (long s = first; s <= last; s++) run.add(entries.get(s).encoded());
            return Buffer.buffer(MessageCodec.encodeBatch(run));
        });
        m.sendLog(frame, first, last);
        stats.broadcastBytes.addAndGet(frame.length());
    }
}
