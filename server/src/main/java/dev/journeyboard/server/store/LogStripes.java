package dev.journeyboard.server.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The embedded store's shared write-ahead log, in stripes: each stripe has its files ({@link Wal}), where each
 * board's ops lie in them ({@link WalIndex}) and its writer thread ({@link GroupCommitter}); a board always writes
 * to the same stripe. The store asks it for a board's logged ops and tells it when a snapshot or a deletion lets
 * go of them; a segment no board needs any more is deleted.
 */
final class LogStripes {
    private static final int PROBE_BYTES = 64 * 1024;

    /** What {@link #open} found: the stripes, or why the log can't be used at all (then there are none). */
    record Opened(LogStripes stripes, String unusable) {}

    /** Which seq a board's snapshot covers, -1 for none; {@code Long.MAX_VALUE} for a deleted board (none of its ops are needed). */
    interface Covered {
        long upTo(String boardId) throws IOException;
    }

    /** One stripe of the log: its files, where each board's ops lie in it, and its writer. */
    private final class Stripe {
        final int number;
        final Wal wal;
        final WalIndex index = new WalIndex();
        final GroupCommitter committer;

        Stripe(int number, Wal wal) {
            this.number = number;
            this.wal = wal;
            this.committer = new GroupCommitter(new Backend(this), "jb-store-writer-" + number);
        }
    }

    private final Path walDir;
    private final DiskIo io;
    /** Boards deleted while the store runs: a write of theirs still on its way is dropped, not logged. */
    private final Predicate<String> deleted;
    /** Every stripe found or made; appends go to the first {@link #writeStripes}, by board id. */
    private final List<Stripe> stripes = new ArrayList<>();
    private final int writeStripes;

    private LogStripes(Path walDir, DiskIo io, int writeStripes, Predicate<String> deleted) {
        this.walDir = walDir;
        this.io = io;
        this.writeStripes = writeStripes;
        this.deleted = deleted;
    }

    /**
     * Opens the log under {@code walDir} (stripes of an earlier run with more of them are read too; they get no new
     * writes), then lets go of the logged ops that the boards' snapshots already cover.
     */
    static Opened open(Path walDir, DiskIo io, long segmentBytes, int writeStripes, Predicate<String> deleted, Covered covered) {
        var opened = new ArrayList<Wal>();
        var found = new ArrayList<List<Wal.Located>>();
        var segmentsOf = new ArrayList<List<Long>>();
        try {
            Files.createDirectories(walDir);
            int count = writeStripes;
            try (var dirs = Files.list(walDir)) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    String n = d.getFileName().toString();
                    if (n.matches("\\d{1,3}") && Files.isDirectory(d)) count = Math.max(count, Integer.parseInt(n) + 1);
                }
            }
            for (int i = 0; i < count; i++) {
                var segments = new ArrayList<Long>();
                var ops = new ArrayList<Wal.Located>();
                opened.add(Wal.open(walDir.resolve(String.valueOf(i)), io, segmentBytes, segments, ops));
                found.add(ops);
                segmentsOf.add(segments);
            }
        } catch (Wal.CorruptException e) {
            closeAll(opened);
            return new Opened(null, "the write-ahead log is corrupt: " + e.getMessage() + ". No board is loaded or written (nothing is "
                    + "overwritten) until an operator has looked at it");
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            return new Opened(null, "the data folder " + walDir.getParent().toAbsolutePath() + " can't be opened: " + GroupCommitter.describe(e));
        }
        var log = new LogStripes(walDir, io, writeStripes, deleted);
        for (int i = 0; i < opened.size(); i++) {
            Stripe st = log.new Stripe(i, opened.get(i));
            segmentsOf.get(i).forEach(st.index::segment);
            st.index.add(found.get(i));
            log.stripes.add(st);
        }
        try {
            for (int i = 0; i < log.stripes.size(); i++) log.checkpointAtOpen(log.stripes.get(i), found.get(i), covered);
        } catch (IOException | RuntimeException e) {
            System.getLogger(LogStripes.class.getName()).log(System.Logger.Level.WARNING,
                    "could not let go of covered log segments at start (they stay): " + e);
        }
        return new Opened(log, null);
    }

    private static void closeAll(List<Wal> opened) {
        for (Wal w : opened) {
            try {
                w.close();
            } catch (IOException ignored) {
                // unusable anyway
            }
        }
    }

    /** After a restart: lets go of logged ops that the boards' snapshots already cover. */
    private void checkpointAtOpen(Stripe st, List<Wal.Located> found, Covered covered) throws IOException {
        var seen = new HashSet<String>();
        for (Wal.Located l : found) {
            if (!seen.add(l.board())) continue;
            long upTo = covered.upTo(l.board());
            if (upTo >= 0) for (long seg : st.index.trim(l.board(), upTo, st.wal.currentSegment())) st.wal.delete(seg);
        }
        for (long seg : st.index.unused(st.wal.currentSegment())) st.wal.delete(seg);
    }

    /** Queues a board's batch for its stripe's next round; completes on {@code context} once durable. */
    Future<Void> submit(String boardId, long[] seqs, List<byte[]> payloads, Context context) {
        return stripes.get(Math.floorMod(boardId.hashCode(), writeStripes)).committer.submit(boardId, seqs, payloads, context);
    }

    /** Null when every stripe takes writes, else why one does not. */
    String down() {
        for (Stripe st : stripes) {
            String d = st.committer.down();
            if (d != null) return d;
        }
        return null;
    }

    /** Something else of the store failed to write: every stripe is down until its probe succeeds. */
    void markDown(String why) {
        for (Stripe st : stripes) st.committer.markDown(why);
    }

    /** The board's logged ops (their applied JSON) with a seq in {@code (after, upTo]}, by seq. */
    TreeMap<Long, byte[]> ops(String boardId, long after, long upTo) throws IOException {
        var out = new TreeMap<Long, byte[]>();
        for (Stripe st : stripes) {
            for (Wal.Located l : st.index.of(boardId)) if (l.seq() > after && l.seq() <= upTo) out.put(l.seq(), st.wal.read(l.pos()));
        }
        return out;
    }

    /** The board's last op in the log, or -1. */
    long top(String boardId) {
        long top = -1;
        for (Stripe st : stripes) {
            List<Wal.Located> l = st.index.of(boardId);
            if (!l.isEmpty()) top = Math.max(top, l.getLast().seq());
        }
        return top;
    }

    /** Lets go of the board's ops up to {@code upTo} (a snapshot holds them); segments no board needs are deleted. */
    void trim(String boardId, long upTo) throws IOException {
        for (Stripe st : stripes) for (long seg : st.index.trim(boardId, upTo, st.wal.currentSegment())) st.wal.delete(seg);
    }

    /**
     * After a deletion: each stripe starts a new segment, so the one being written (which may hold the board's
     * records) can go too once the other boards in it have snapshotted.
     */
    void rollAll(String boardId) {
        for (Stripe st : stripes) {
            st.wal.rollSoon();
            st.committer.submit(boardId, new long[0], List.of(), null); // an empty round: the roll happens now
        }
    }

    /** Finishes what was submitted, then closes every stripe's files. */
    void close() throws IOException, InterruptedException {
        for (Stripe st : stripes) st.committer.close();
        for (Stripe st : stripes) st.wal.close();
    }

    /** A writer thread's side: rounds into its stripe of the log, and the probe while the disk refuses writes. */
    private final class Backend implements GroupCommitter.Backend {
        private final Stripe stripe;

        Backend(Stripe stripe) {
            this.stripe = stripe;
        }

        @Override
        public void write(List<GroupCommitter.Batch> round) throws IOException {
            var ops = new ArrayList<Wal.Op>();
            for (GroupCommitter.Batch b : round) {
                if (deleted.test(b.board()) && b.seqs().length > 0) continue; // a deleted board's last write: dropped
                for (int i = 0; i < b.seqs().length; i++) ops.add(new Wal.Op(b.board(), b.seqs()[i], b.payloads().get(i)));
            }
            List<Wal.Located> located = stripe.wal.writeRound(ops);
            stripe.index.segment(stripe.wal.currentSegment());
            stripe.index.add(located);
            for (long seg : stripe.index.unused(stripe.wal.currentSegment())) stripe.wal.delete(seg);
        }

        @Override
        public void probe() throws IOException {
            stripe.wal.repair();
            stripe.wal.writeRound(List.of());
            // room for more than a commit mark: a snapshot needs a file of some size
            Path probe = walDir.resolve("probe-" + stripe.number + ".tmp");
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                io.writeFully(ch, ByteBuffer.allocate(PROBE_BYTES), 0);
                io.force(ch);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
    }
}
