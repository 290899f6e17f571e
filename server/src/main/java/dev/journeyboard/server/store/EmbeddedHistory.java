package dev.journeyboard.server.store;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.history.HistoryRange;
import dev.journeyboard.server.history.HistorySettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded store's history of a board, beside its snapshot, in {@code boards/<id>/history/}:
 *
 * <pre>
 * &lt;20-digit first seq&gt;-&lt;20-digit last seq&gt;.ops   the ops first..last, framed by {@link LogRecords}, payload [seq][applied JSON]
 * &lt;20-digit seq&gt;.cp                          a checkpoint: the document at that seq (the snapshot's JSON)
 * </pre>
 *
 * Every file is written whole and atomically (a .tmp synced, renamed, the folder synced) and never changed after.
 * {@link #keep} runs when a snapshot is about to let go of the board's ops in the shared log: it writes the ops the
 * history does not hold yet, and a checkpoint every {@link HistorySettings#checkpointEvery()} ops, and only once they
 * are durable may the snapshot write its files and trim the log. So every op that leaves the log is in the history
 * first; a crash in between leaves the ops in both, and the next snapshot goes on from what the history holds.
 * A board's first history starts at its previous snapshot (its first checkpoint is a copy of it). What the
 * retention setting lets go is deleted after a new checkpoint (oldest checkpoints and whole segments before it).
 * Calls for one board are serialised by the store's {@link BoardLocks}, which its snapshots and history reads take.
 */
final class EmbeddedHistory {
    private static final System.Logger LOG = System.getLogger(EmbeddedHistory.class.getName());
    static final String DIR = "history";
    private static final Pattern SEGMENT = Pattern.compile("(\\d{20})-(\\d{20})\\.ops");
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.cp");

    private final DiskIo io;
    private final HistorySettings settings;

    EmbeddedHistory(DiskIo io, HistorySettings settings) {
        this.io = io;
        this.settings = settings;
    }

    record Segment(long first, long last, Path file) {}

    /** A board's history files, by seq. */
    record Listing(TreeMap<Long, Path> checkpoints, TreeMap<Long, Segment> segments) {
        /** The last op the history holds, or -1. */
        long top() {
            return segments.isEmpty() ? -1 : segments.lastEntry().getValue().last();
        }
    }

    static Listing list(Path boardDir) throws IOException {
        var cps = new TreeMap<Long, Path>();
        var segs = new TreeMap<Long, Segment>();
        Path dir = boardDir.resolve(DIR);
        if (!Files.isDirectory(dir)) return new Listing(cps, segs);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                Matcher m = SEGMENT.matcher(n);
                if (m.matches()) {
                    long first = Long.parseLong(m.group(1));
                    segs.put(first, new Segment(first, Long.parseLong(m.group(2)), f));
                    continue;
                }
                m = CHECKPOINT.matcher(n);
                if (m.matches()) cps.put(Long.parseLong(m.group(1)), f);
            }
        }
        return new Listing(cps, segs);
    }

    /**
     * Before a snapshot at {@code next}'s seq lets go of the log: makes durable, in the board's history, every op at
     * or below it that the history does not hold yet, and a checkpoint when one is due. Call under the board's {@link BoardLocks} monitor.
     *
     * @param previousSeq      the seq of the board's snapshot.json now (before the new one replaces it)
     * @param logged           the board's ops at or below the new snapshot's seq still in the log: seq -> applied JSON
     * @param nextSnapshotJson the new snapshot's JSON
     */
    void keep(Path boardDir, long previousSeq, SortedMap<Long, byte[]> logged, long nextSeq, byte[] nextSnapshotJson) throws IOException {
        Path dir = boardDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Wal.syncDir(boardDir);
        }
        Listing l = list(boardDir);
        boolean wrote = false;
        if (l.checkpoints().isEmpty()) {
            // the board's first history starts at its previous snapshot
            BoardFiles.replace(io, dir.resolve(checkpointName(previousSeq)), ByteBuffer.wrap(Files.readAllBytes(boardDir.resolve("snapshot.json"))));
            l.checkpoints().put(previousSeq, dir.resolve(checkpointName(previousSeq)));
            wrote = true;
        }
        long have = Math.max(l.top(), l.checkpoints().lastKey());
        SortedMap<Long, byte[]> fresh = logged.tailMap(have + 1);
        boolean gap = !fresh.isEmpty() && fresh.firstKey() != have + 1;
        if (gap) {
            LOG.log(System.Logger.Level.WARNING, boardDir.getFileName() + ": the log holds no ops " + (have + 1) + ".." + (fresh.firstKey() - 1)
                    + " for the history; it goes on from a checkpoint at seq " + nextSeq);
        }
        if (!fresh.isEmpty()) {
            var payloads = new ArrayList<byte[]>(fresh.size());
            fresh.forEach((seq, json) -> payloads.add(StoredOps.record(seq, json)));
            BoardFiles.replace(io, dir.resolve(segmentName(fresh.firstKey(), fresh.lastKey())), LogRecords.frame(payloads));
            wrote = true;
        }
        if (nextSeq > l.checkpoints().lastKey() && (gap || nextSeq - l.checkpoints().lastKey() >= settings.checkpointEvery())) {
            BoardFiles.replace(io, dir.resolve(checkpointName(nextSeq)), ByteBuffer.wrap(nextSnapshotJson));
            l.checkpoints().put(nextSeq, dir.resolve(checkpointName(nextSeq)));
            wrote = true;
        }
        if (wrote) Wal.syncDir(dir);
        prune(l, nextSeq);
    }

    /** Deletes what the retention setting lets go: checkpoints before the oldest one kept, and whole segments before it. */
    private void prune(Listing l, long newest) {
        if (settings.keepsAll()) return;
        long now = System.currentTimeMillis();
        Long oldest = null;
        try {
            for (var e : l.checkpoints().descendingMap().entrySet()) {
                if (settings.mayBecomeOldest(e.getKey(), Files.getLastModifiedTime(e.getValue()).toMillis(), newest, now)) {
                    oldest = e.getKey();
                    break;
                }
            }
            if (oldest == null) return;
            for (Path cp : l.checkpoints().headMap(oldest).values()) Files.deleteIfExists(cp);
            for (Segment s : l.segments().values()) if (s.last() <= oldest) Files.deleteIfExists(s.file());
        } catch (IOException e) {
            // deleting is no promise: what stays is deleted at a later snapshot
            LOG.log(System.Logger.Level.WARNING, "could not delete old history: " + e);
        }
    }

    /**
     * What the history holds together with the snapshot and the log: the oldest point that opens (the first
     * checkpoint, or the snapshot when there is none yet) and the newest seq.
     */
    static HistoryRange range(Listing l, long snapshotSeq, long logTop) {
        long oldest = l.checkpoints().isEmpty() ? snapshotSeq : Math.min(l.checkpoints().firstKey(), snapshotSeq);
        return new HistoryRange(oldest, Math.max(Math.max(snapshotSeq, logTop), l.top()));
    }

    /** The history checkpoint at or below {@code seq}: its seq, or -1. */
    static long checkpointAtOrBelow(Listing l, long seq) {
        Long k = l.checkpoints().floorKey(seq);
        return k == null ? -1 : k;
    }

    static byte[] readCheckpoint(Listing l, long seq) throws IOException {
        return Files.readAllBytes(l.checkpoints().get(seq));
    }

    /** The ops after {@code after} up to {@code to} that the history's segments hold. */
    static void ops(Listing l, long after, long to, Map<Long, Applied> into) throws IOException {
        for (Segment s : l.segments().values()) {
            if (s.last() <= after || s.first() > to) continue;
            for (LogRecords.Rec r : StoredOps.readTail(s.file())) {
                long seq = StoredOps.seq(r.payload());
                if (seq > after && seq <= to) into.putIfAbsent(seq, MessageCodec.applied(MessageCodec.parseObject(StoredOps.json(r.payload()))));
            }
        }
    }

    /** Forgets the board's history (the board is being deleted). */
    void delete(Path boardDir) throws IOException {
        Path dir = boardDir.resolve(DIR);
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (NoSuchFileException e) {
            // gone already
        }
    }

    static String segmentName(long first, long last) {
        return String.format("%020d-%020d.ops", first, last);
    }

    static String checkpointName(long seq) {
        return String.format("%020d.cp", seq);
    }

    /** Files of a listing, for tests. */
    static List<String> names(Listing l) {
        var out = new ArrayList<String>();
        l.checkpoints().values().forEach(p -> out.add(p.getFileName().toString()));
        l.segments().values().forEach(s -> out.add(s.file().getFileName().toString()));
        return out;
    }
}
