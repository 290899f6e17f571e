package dev.journeyboard.server.voc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The feedback log of the embedded store: {@code <data-dir>/boards/<id>/feedback.log}, records framed as
 * {@code [length:int][crc32c:int][json]} and fsynced before an append completes. A crash can tear only the last
 * append, which was never acknowledged: reading stops at the first record whose length or checksum does not fit,
 * and the next append (which names where the log validly ends) cuts the torn bytes off first. File work runs on
 * worker threads.
 */
public final class EmbeddedFeedbackLog implements FeedbackLog {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int HEADER = 8;

    private final Vertx vertx;
    private final Path boards;

    public EmbeddedFeedbackLog(Vertx vertx, Path dataDir) {
        this.vertx = vertx;
        this.boards = dataDir.resolve("boards");
    }

    Path file(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) throw new IllegalArgumentException("bad board id");
        return boards.resolve(boardId).resolve("feedback.log");
    }

    @Override
    public Future<Long> append(String boardId, long at, List<byte[]> records) {
        return vertx.executeBlocking(() -> {
            Path f = file(boardId);
            boolean created = !Files.exists(f);
            if (created) Files.createDirectories(f.getParent());
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = ch.size();
                if (size < at) throw new IOException(f + " ends at byte " + size + ", not at " + at + " as expected");
                if (size > at) {
                    // a valid record there means another writer appended (our view is stale); anything else is the
                    // torn tail of an append a crash interrupted, never acknowledged: cut it off
                    if (recordAt(ch, at, size)) throw new IOException(f + " holds records after byte " + at + "; read it again");
                    ch.truncate(at);
                }
                ByteBuffer buf = frame(records);
                long end = at + buf.remaining();
                ch.position(at);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(false);
                if (created) syncDir(f.getParent());
                return end;
            }
        }, false);
    }

    @Override
    public Future<Chunk> read(String boardId, long from) {
        return vertx.executeBlocking(() -> {
            Path f = file(boardId);
            if (!Files.exists(f)) return new Chunk(List.of(), 0);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size < from) return new Chunk(List.of(), 0);
                ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
                ch.position(from);
                while (buf.hasRemaining() && ch.read(buf) >= 0) { /* read it all */ }
                buf.flip();
                var out = new ArrayList<byte[]>();
                long valid = from;
                while (buf.remaining() >= HEADER) {
                    int len = buf.getInt(buf.position());
                    int crc = buf.getInt(buf.position() + 4);
                    if (len < 0 || len > buf.remaining() - HEADER) break;
                    byte[] payload = new byte[len];
                    buf.get(buf.position() + HEADER, payload);
                    if (crc32c(payload) != crc) break;
                    out.add(payload);
                    buf.position(buf.position() + HEADER + len);
                    valid += HEADER + len;
                }
                return new Chunk(out, valid);
            }
        }, false);
    }

    @Override
    public Future<Void> delete(String boardId) {
        return vertx.executeBlocking(() -> {
            Files.deleteIfExists(file(boardId));
            return null;
        }, false);
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }

    /** Whether a whole record with a matching checksum starts at {@code pos}. */
    private static boolean recordAt(FileChannel ch, long pos, long size) throws IOException {
        if (size - pos < HEADER) return false;
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        while (head.hasRemaining() && ch.read(head, pos + head.position()) >= 0) { /* read the header */ }
        int len = head.getInt(0);
        if (len < 0 || len > size - pos - HEADER) return false;
        ByteBuffer payload = ByteBuffer.allocate(len);
        while (payload.hasRemaining() && ch.read(payload, pos + HEADER + payload.position()) >= 0) { /* read it */ }
        return crc32c(payload.array()) == head.getInt(4);
    }

    private static ByteBuffer frame(List<byte[]> records) {
        int size = 0;
        for (byte[] r : records) size += HEADER + r.length;
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (byte[] r : records) buf.putInt(r.length).putInt(crc32c(r)).put(r);
        return buf.flip();
    }

    private static int crc32c(byte[] b) {
        var c = new CRC32C();
        c.update(b);
        return (int) c.getValue();
    }

    private static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
