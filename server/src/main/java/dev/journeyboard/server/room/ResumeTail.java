package dev.journeyboard.server.room;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The last written ops of a board, to answer a reconnect with just the ops it missed and a re-send with a duplicate
 * ack: at most {@code JB_RESUME_TAIL} of them, and as each new op comes, none written more than
 * {@link #MAX_AGE_SECONDS} s before it (a tab away longer than that on a busy board gets a snapshot, as one beyond
 * the count does; a quiet board keeps what it has). Room context only.
 *
 * <p>Both bounds are for memory. Each op is kept as the bytes of its {@code applied} frame (made once, for the
 * delivery; ~0.34 KiB at many-boards) rather than decoded, with its properties in Jackson trees several times that.
 * By count alone, 300 boards' tails grow towards 600,000 ops, and at many-boards (300 x 10, 1,200 ops a second)
 * they outgrew the server's 512 MiB heap: full collections back to back after ~450 s decoded (op p99 4.4 s), after
 * ~515 s encoded (results/perf-20261203-ninth, long-mb-main / long-mb-tail). With the age bound the tails together
 * hold at most the server's op rate times two minutes, however many boards share it: ~1,200 x 120 x 0.4 KiB =
 * 56 MiB there, while a big board (400 ops a second at hot-board) still keeps its 2,000 ops.
 */
final class ResumeTail {
    static final long MAX_AGE_SECONDS = 120;

    private record Kept(long seq, String client, long cid, byte[] encoded, long keptAtNanos) {}

    private final int capacity;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    /** The seq of each (client, cid) kept: a re-send of one is a true duplicate. */
    private final Map<String, Map<Long, Long>> seqs = new HashMap<>();

    ResumeTail(int capacity) {
        this(capacity, System::nanoTime);
    }

    ResumeTail(int capacity, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /** Keeps {@code a}, written, whose {@code applied} frame is {@code encoded}; lets go of ops past either bound. */
    void remember(Applied a, byte[] encoded) {
        long now = nanoTime.getAsLong();
        kept.addLast(new Kept(a.seq(), a.client(), a.cid(), encoded, now));
        seqs.computeIfAbsent(a.client(), k -> new HashMap<>()).put(a.cid(), a.seq());
        long oldest = now - TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS);
        while (!kept.isEmpty() && (kept.size() > capacity || kept.getFirst().keptAtNanos() - oldest < 0)) {
            Kept old = kept.removeFirst();
            var m = seqs.get(old.client());
            if (m != null && m.remove(old.cid(), old.seq()) && m.isEmpty()) seqs.remove(old.client());
        }
    }

    /** The seq the message {@code cid} of {@code client} was applied at, while it is kept; else null. */
    Long appliedSeq(String client, long cid) {
        var m = seqs.get(client);
        return m == null ? null : m.get(cid);
    }

    /** The oldest seq kept, or {@code ifEmpty}. */
    long oldestSeq(long ifEmpty) {
        return kept.isEmpty() ? ifEmpty : kept.getFirst().seq();
    }

    /** The kept ops after {@code lastSeq}, oldest first, decoded. */
    List<Applied> after(long lastSeq) {
        var out = new ArrayList<Applied>();
        for (Kept k : kept) if (k.seq() > lastSeq) out.add((Applied) MessageCodec.decodeServer(k.encoded()));
        return out;
    }
}
