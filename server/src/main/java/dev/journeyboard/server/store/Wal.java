package dev.journeyboard.server.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * One stripe of the embedded store's shared write-ahead log: the ops of every board of the stripe, in
 * numbered segment files {@code <data-dir>/wal/<stripe>/<20-digit number>.log}, framed by {@link LogRecords}. One writer appends a
 * <em>round</em> at a time: the op records of every board that had a batch waiting, then a commit mark, then
 * one fdatasync. A round counts only with its commit mark, so after a crash the records behind the last mark
 * (a round that was never acknowledged) are dropped, while damage followed by a later commit mark means an
 * acknowledged round sits behind it: corruption, reported, nothing dropped.
 *
 * <p>Payloads: op = {@code [1][seq:long][id length:byte][board id][applied JSON]}; commit = {@code [2][round:long]}.
 *
 * <p>A segment is filled with zeros ahead of its rounds ({@link #ZERO_AHEAD}), so most rounds overwrite blocks the
 * file already has. Zeros after the last commit mark are that fill, not damage. Because an overwrite may reach the
 * disk in any order of its blocks after a power cut, a round's own commit mark found behind damage in that round
 * does not prove it was acknowledged; only a later round's mark does (one writer: round n + 1 is written only after
 * round n's fsync returned).
 *
 * <p>A failed round (no space, I/O error) is cut off again and synced, so the log is exactly as it was before
 * it; if even that fails the log is {@link #broken()} and refuses rounds until {@link #repair()} succeeds. The
 * writer thread is the only caller of the write methods; {@link #read} and {@link #delete} may be called from
 * any thread.
 */
final class Wal implements Closeable {
    static final byte OP = 1;
    static final byte COMMIT = 2;
    private static final int OP_HEADER = 1 + 8 + 1;

    /**
     * How far ahead of its rounds a segment is filled with zeros (written and synced with the round that extends
     * the fill). A round then overwrites blocks the file already owns: its fdatasync has no new file size to commit
     * to the file system's journal, so it does not queue behind the journal commits of other files (the boards'
     * snapshots, renames and directory syncs). On this machine's ext4 disk, with a snapshot writer alongside
     * (load-tests/results/perf-20261203-eighth/fsync-overwrite.py, 4 runs each): fdatasync after an append p50
     * 0.28-0.31 ms, p99 0.99-1.35, p99.9 1.8-2.8, max 2.3-32.9; after overwriting the fill p50 0.21, p99
     * 0.37-0.84, p99.9 0.5-1.5, max 1.3-11.4. One round per MiB of ops writes the next MiB of zeros (at hot-board's
     * ~120 KB/s, one round in 8 s); never past the segment's size.
     */
    static final int ZERO_AHEAD = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10).asReadOnlyBuffer();

    /** Where one op's applied JSON lies. */
    record Pos(long segment, long offset, int length) {}

    /** What reading a segment found: the end of its last commit mark, and whether only the fill's zeros follow it. */
    private record Recovered(long end, boolean onlyZerosAfter) {}

    /** An op found in the log (at recovery) or written by a round. */
    record Located(String board, long seq, Pos pos) {}

    /** One op to write. */
    record Op(String board, long seq, byte[] json) {}

    /** The log's acknowledged data can't be trusted: a bad record with a committed round after it. */
    static final class CorruptException extends IOException {
        CorruptException(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final DiskIo io;
    private final long segmentBytes;
    private final ConcurrentHashMap<Long, FileChannel> readers = new ConcurrentHashMap<>();
    private final CRC32C crc = new CRC32C();
    /**
     * One round's bytes; grows to the largest round seen. Starts at 64 KiB, not 1 MiB: allocateDirect zeroes (so
     * touches) all of it, four stripes of 1 MiB are 4 MiB resident in every server, and rounds are a few KiB
     * (hot-board: 19k rounds a minute for 24k ops). The 100-person board's RSS peak did not show it beyond its
     * run-to-run spread (153-156 against 151-173 MiB, load-tests/results/perf-20261203-eighth, run.sh buf).
     */
    private ByteBuffer buf = ByteBuffer.allocateDirect(64 << 10);
    private volatile long segment;
    private FileChannel out;
    /** End of the last committed round in the current segment. */
    private long committed;
    /** End of what the current segment holds: its rounds, then zeros up to here (never less than committed). */
    private long filled;
    private long round;
    private boolean broken;
    /** Start a new segment after the next round (a board was deleted: the current segment may hold its ops). */
    private volatile boolean rollSoon;

    private Wal(Path dir, DiskIo io, long segmentBytes) {
        this.dir = dir;
        this.io = io;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens the log in {@code dir}, reading every segment: committed ops go to {@code found} (in log order),
     * and a torn last round is cut off. @throws CorruptException when acknowledged data sits behind damage
     */
    static Wal open(Path dir, DiskIo io, long segmentBytes, List<Long> segmentsOut, List<Located> found) throws IOException {
        Files.createDirectories(dir);
        var wal = new Wal(dir, io, segmentBytes);
        List<Long> segments;
        try (Stream<Path> s = Files.list(dir)) {
            segments = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.log"))
                    .map(n -> Long.parseLong(n.substring(0, 20))).sorted().toList();
        }
        boolean onlyZerosAfter = true; // a new segment is empty
        for (int i = 0; i < segments.size(); i++) {
            long seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            Recovered r = wal.recover(seg, last, found);
            if (last) {
                wal.segment = seg;
                wal.committed = r.end();
                onlyZerosAfter = r.onlyZerosAfter();
            }
        }
        segmentsOut.addAll(segments);
        if (segments.isEmpty()) {
            wal.segment = 1;
            wal.committed = 0;
            segmentsOut.add(1L);
        }
        wal.out = FileChannel.open(wal.file(wal.segment), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (segments.isEmpty()) syncDir(dir);
        wal.filled = wal.out.size();
        if (!onlyZerosAfter) {
            // the torn last round: never acknowledged, cut off so the next round follows the last commit mark
            wal.out.truncate(wal.committed);
            wal.out.force(false);
            wal.filled = wal.committed;
        }
        return wal;
    }

    /** Reads one segment: its committed ops go to {@code found}. */
    private Recovered recover(long seg, boolean last, List<Located> found) throws IOException {
        Path f = file(seg);
        byte[] bytes = Files.readAllBytes(f);
        LogRecords.Read read = LogRecords.scan(bytes, p -> false);
        if (torn(read)) {
            // which records behind the damage prove an acknowledged round: in the last segment a later round's commit
            // mark than the damaged one (the damaged round's own mark may have reached the disk without its ops)
            long lastRound = round;
            for (LogRecords.Rec r : read.records()) if (r.payload()[0] == COMMIT) lastRound = roundOf(r.payload());
            long damagedRound = lastRound + 1;
            read = LogRecords.scan(bytes, last ? p -> p.length == 9 && p[0] == COMMIT && roundOf(p) > damagedRound : LogRecords.ANY_RECORD);
        }
        if (read.corrupt() || (!last && torn(read))) {
            throw new CorruptException(f + " is damaged at byte " + (read.corrupt() ? read.corruptAt() : read.validLength())
                    + " of " + read.fileLength() + " and acknowledged rounds follow the damage");
        }
        var pending = new ArrayList<Located>();
        long end = 0;
        for (LogRecords.Rec r : read.records()) {
            byte[] p = r.payload();
            if (p[0] == COMMIT) {
                found.addAll(pending);
                pending.clear();
                end = r.offset() + LogRecords.HEADER + p.length;
                round = Math.max(round, roundOf(p));
            } else if (p[0] == OP) {
                ByteBuffer b = ByteBuffer.wrap(p);
                b.get();
                long seq = b.getLong();
                int idLen = b.get() & 0xff;
                String board = new String(p, OP_HEADER, idLen, StandardCharsets.US_ASCII);
                int jsonAt = OP_HEADER + idLen;
                pending.add(new Located(board, seq, new Pos(seg, r.offset() + LogRecords.HEADER + jsonAt, p.length - jsonAt)));
            } else {
                throw new CorruptException(f + ": unknown record type " + p[0] + " at byte " + r.offset());
            }
        }
        if (!pending.isEmpty() && !last) {
            throw new CorruptException(f + " ends with " + pending.size() + " op record(s) without a commit mark, yet later segments follow");
        }
        if (torn(read) || !pending.isEmpty()) {
            System.getLogger(Wal.class.getName()).log(System.Logger.Level.WARNING, f + ": dropping an unacknowledged last round ("
                    + pending.size() + " intact op record(s), " + (read.fileLength() - end) + " bytes after the last commit mark)");
        }
        return new Recovered(end, read.zeroTail() && read.validLength() == end);
    }

    /** Damage after the intact records; the zeros a segment is filled with are not. */
    private static boolean torn(LogRecords.Read read) {
        return read.torn() && !read.zeroTail();
    }

    private static long roundOf(byte[] commit) {
        return ByteBuffer.wrap(commit, 1, 8).getLong();
    }

    /**
     * Writes one round and fsyncs it: {@code ops} (possibly none: a probe) and a commit mark. @return where each
     * op's JSON lies. On failure the segment is cut back to where it was (and synced) before this throws; if
     * that fails too, the log is broken.
     */
    List<Located> writeRound(List<Op> ops) throws IOException {
        if (broken) throw new IOException("the write-ahead log could not be cut back after a failed write; refusing writes until it is");
        int size = LogRecords.HEADER + 9;
        for (Op o : ops) size += LogRecords.HEADER + OP_HEADER + o.board().length() + o.json().length;
        if (buf.capacity() < size) buf = ByteBuffer.allocateDirect(Math.max(size, buf.capacity() * 2));
        buf.clear();
        var located = new ArrayList<Located>(ops.size());
        long at = committed;
        for (Op o : ops) {
            byte[] id = o.board().getBytes(StandardCharsets.US_ASCII);
            byte[] p = new byte[OP_HEADER + id.length + o.json().length];
            ByteBuffer.wrap(p).put(OP).putLong(o.seq()).put((byte) id.length).put(id).put(o.json());
            located.add(new Located(o.board(), o.seq(), new Pos(segment, at + buf.position() + LogRecords.HEADER + OP_HEADER + id.length, o.json().length)));
            LogRecords.put(buf, p, crc);
        }
        byte[] mark = new byte[9];
        ByteBuffer.wrap(mark).put(COMMIT).putLong(round + 1);
        LogRecords.put(buf, mark, crc);
        buf.flip();
        int length = buf.remaining();
        try {
            io.writeFully(out, buf, committed);
            long end = committed + length;
            if (end > filled) fill(end, Math.max(end, Math.min(end + ZERO_AHEAD, segmentBytes)));
            io.force(out);
        } catch (IOException | RuntimeException e) {
            cutBack();
            throw e;
        }
        committed += length;
        round++;
        if (committed >= segmentBytes || (rollSoon && committed > 0)) {
            rollSoon = false;
            rotate();
        }
        return located;
    }

    /**
     * Writes zeros from {@code from} to {@code to}; they become durable with the round's fsync. Best effort: on a
     * disk without room for them the round goes on as an append (as before the fill), so a nearly full disk refuses
     * rounds only when their own data does not fit.
     */
    private void fill(long from, long to) throws IOException {
        try {
            for (long p = from; p < to; ) {
                ByteBuffer z = ZEROS.duplicate();
                z.limit((int) Math.min(z.capacity(), to - p));
                io.writeFully(out, z, p);
                p += z.limit();
            }
            filled = to;
        } catch (IOException e) {
            out.truncate(from);
            filled = from;
        }
    }

    /** Cuts the segment back to its last commit mark (and drops the fill after it: the next round writes it again). */
    private void cutBack() {
        filled = committed;
        try {
            if (out.size() > committed) out.truncate(committed);
            io.force(out);
            broken = false;
        } catch (IOException | RuntimeException e) {
            broken = true;
        }
    }

    boolean broken() {
        return broken;
    }

    /** Cuts a broken log back to its last commit mark. */
    void repair() throws IOException {
        if (!broken) return;
        filled = committed;
        if (out.size() > committed) out.truncate(committed);
        io.force(out);
        broken = false;
    }

    /** Starts the next segment; if that fails, the current one simply goes on growing until a later round. */
    private void rotate() {
        long next = segment + 1;
        try {
            FileChannel ch = FileChannel.open(file(next), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            syncDir(dir);
            out.close();
            out = ch;
            committed = 0;
            filled = 0;
            segment = next;
        } catch (IOException e) {
            System.getLogger(Wal.class.getName()).log(System.Logger.Level.WARNING, "could not start WAL segment " + next + ": " + e);
        }
    }

    /** After the next round, start a new segment: the current one can then be deleted once no board needs it. */
    void rollSoon() {
        rollSoon = true;
    }

    long currentSegment() {
        return segment;
    }

    /** The applied JSON at {@code pos}. */
    byte[] read(Pos pos) throws IOException {
        FileChannel ch = readers.get(pos.segment());
        if (ch == null) {
            ch = FileChannel.open(file(pos.segment()), StandardOpenOption.READ);
            FileChannel prev = readers.putIfAbsent(pos.segment(), ch);
            if (prev != null) {
                ch.close();
                ch = prev;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(pos.length());
        long p = pos.offset();
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) throw new IOException(file(pos.segment()) + " ends before byte " + (pos.offset() + pos.length()));
            p += n;
        }
        return b.array();
    }

    /** Deletes a segment no board needs any more (never the current one). */
    void delete(long seg) throws IOException {
        if (seg >= segment) return;
        FileChannel r = readers.remove(seg);
        if (r != null) r.close();
        Files.deleteIfExists(file(seg));
    }

    private Path file(long seg) {
        return dir.resolve(String.format("%020d.log", seg));
    }

    static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        for (FileChannel r : readers.values()) r.close();
        readers.clear();
        if (out != null) out.close();
    }
}
