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
 * <p>A failed round (no space, I/O error) is cut off again and synced, so the log is exactly as it was before
 * it; if even that fails the log is {@link #broken()} and refuses rounds until {@link #repair()} succeeds. The
 * writer thread is the only caller of the write methods; {@link #read} and {@link #delete} may be called from
 * any thread.
 */
final class Wal implements Closeable {
    static final byte OP = 1;
    static final byte COMMIT = 2;
    private static final int OP_HEADER = 1 + 8 + 1;

    /** Where one op's applied JSON lies. */
    record Pos(long segment, long offset, int length) {}

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
    private ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    private volatile long segment;
    private FileChannel out;
    /** End of the last committed round in the current segment. */
    private long committed;
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
        for (int i = 0; i < segments.size(); i++) {
            long seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            long end = wal.recover(seg, last, found);
            if (last) {
                wal.segment = seg;
                wal.committed = end;
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
        if (wal.out.size() != wal.committed) {
            // the torn last round: never acknowledged, cut off so the next round follows the last commit mark
            wal.out.truncate(wal.committed);
            wal.out.force(false);
        }
        return wal;
    }

    /** Reads one segment; @return the end of its last commit mark */
    private long recover(long seg, boolean last, List<Located> found) throws IOException {
        Path f = file(seg);
        LogRecords.Read read = LogRecords.read(f, last ? p -> p.length > 0 && p[0] == COMMIT : LogRecords.ANY_RECORD);
        if (read.corrupt() || (!last && read.torn())) {
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
                round = Math.max(round, ByteBuffer.wrap(p, 1, 8).getLong());
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
        if (read.torn() || !pending.isEmpty()) {
            System.getLogger(Wal.class.getName()).log(System.Logger.Level.WARNING, f + ": dropping an unacknowledged last round ("
                    + pending.size() + " intact op record(s), " + (read.fileLength() - end) + " bytes after the last commit mark)");
        }
        return end;
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

    private void cutBack() {
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
