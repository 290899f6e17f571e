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
 * ack: at most {@code JB_RESUME_TAIL} of them, none written more than {@link #MAX_AGE_SECONDS} s before the newest
 * (as each new op comes; a quiet board keeps what it has), and at most {@link #MAX_BYTES} of frames. A tab away
 * longer, or further back, gets a snapshot. Room context only.
 *
 * <p>All three bounds are for memory. Each op is kept as the bytes of its {@code applied} frame (made once, for the
 * delivery; ~0.34 KiB at many-boards) rather than decoded, with its properties in Jackson trees several times that.
 * By count alone, 300 boards' tails grow towards 600,000 ops and outgrew the server's 512 MiB heap at many-boards
 * (300 x 10, 1,200 ops a second; results/perf-20261203-ninth, long-mb-main / long-mb-tail); with the age bound they
 * hold at most the server's op rate times two minutes however many boards share it (~1,200 x 120 x 0.4 KiB = 56 MiB
 * there), while a big board (400 ops a second at hot-board) still keeps its 2,000. The byte bound is for big
 * messages: 2,000 pastes of 256 KiB (the largest message) would be 500 MiB on one board.
 *
 * <p>Copying the frames into one byte ring a board (no object an op) was measured and not kept: over nine minutes of
 * many-boards the young pauses were no shorter (11.7 s in all against 10.6 s) and the full collections as long
 * (results/perf-20261203-tenth, long-mb-ring / long-mb-main).
 */
final class ResumeTail {
    static final long MAX_AGE_SECONDS = 120;
    /** At most this many bytes of frames a board (see above). */
    static final int MAX_BYTES = 4 << 20;

    private record Kept(long seq, String client, long cid, byte[] encoded, long keptAtNanos) {}

    private final int capacity;
    private final int maxBytes;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    /** The seq of each (client, cid) kept: a re-send of one is a true duplicate. */
    private final Map<String, Map<Long, Long>> seqs = new HashMap<>();
    private long bytes;

    ResumeTail(int capacity) {
        this(capacity, MAX_BYTES, System::nanoTime);
    }

    ResumeTail(int capacity, int maxBytes, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
    }

    /** Keeps {@code a}, written, whose {@code applied} frame is {@code encoded}; lets go of ops past either bound. */
    void remember(Applied a, byte[] encoded) {
        long now = nanoTime.getAsLong();
        kept.addLast(new Kept(a.seq(), a.client(), a.cid(), encoded, now));
        seqs.computeIfAbsent(a.client(), k -> new HashMap<>()).put(a.cid(), a.seq());
        bytes += encoded.length;
        long oldest = now - TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS);
        // a frame bigger than maxBytes goes too: what is kept must reach up to the newest op without a gap
        while (!kept.isEmpty() && (kept.size() > capacity || bytes > maxBytes || kept.getFirst().keptAtNanos() - oldest < 0)) {
            Kept old = kept.removeFirst();
            bytes -= old.encoded().length;
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
