package dev.journeyboard.server.store;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The default store: one folder per board under {@code <data-dir>/boards/} holding {@code meta.json},
 * {@code snapshot.json} (replaced atomically) and an append-only, checksummed op log. A snapshot rotates the
 * log to {@code ops.prev.log}, so the ops just before the newest snapshot stay available for resumes.
 * All file work runs on worker threads; calls from one room run in order (ordered blocking on its context).
 */
public final class EmbeddedStore implements BoardStore {
    private static final System.Logger LOG = System.getLogger(EmbeddedStore.class.getName());
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Vertx vertx;
    private final Path boards;
    private final ConcurrentHashMap<String, FileChannel> logs = new ConcurrentHashMap<>();

    public EmbeddedStore(Vertx vertx, Path dataDir) {
        this.vertx = vertx;
        this.boards = dataDir.resolve("boards");
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public Future<Void> create(BoardMeta meta, Snapshot initial) {
        return blocking(() -> {
            Path dir = dir(meta.id());
            Files.createDirectories(dir);
            writeAtomically(dir.resolve("snapshot.json"), MessageCodec.bytes(initial.toJson()));
            // meta last: a board without meta.json does not exist, so a crash mid-create leaves no half board
            writeAtomically(dir.resolve("meta.json"), MessageCodec.bytes(meta.toJson()));
            return null;
        }, false);
    }

    @Override
    public Future<Void> saveMeta(BoardMeta meta) {
        return blocking(() -> {
            writeAtomically(dir(meta.id()).resolve("meta.json"), MessageCodec.bytes(meta.toJson()));
            return null;
        }, true);
    }

    @Override
    public Future<BoardMeta> meta(String boardId) {
        return blocking(() -> readMeta(boardId), false);
    }

    private BoardMeta readMeta(String boardId) throws IOException {
        if (!SAFE_ID.matcher(boardId).matches()) return null;
        try {
            return BoardMeta.fromJson(MessageCodec.json().readTree(Files.readAllBytes(dir(boardId).resolve("meta.json"))));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public Future<StoredBoard> load(String boardId) {
        return blocking(() -> {
            BoardMeta meta = readMeta(boardId);
            if (meta == null) return null;
            Path dir = dir(boardId);
            Snapshot snapshot = Snapshot.fromJson(MessageCodec.json().readTree(Files.readAllBytes(dir.resolve("snapshot.json"))));
            var log = new ArrayList<Applied>();
            readLog(dir.resolve("ops.prev.log"), log, false);
            readLog(dir.resolve("ops.log"), log, true);
            return new StoredBoard(meta, snapshot, log);
        }, true);
    }

    private void readLog(Path file, List<Applied> into, boolean repairTornTail) throws IOException {
        LogRecords.Read read = LogRecords.read(file);
        for (byte[] payload : read.payloads()) {
            Applied a = MessageCodec.applied(MessageCodec.parseObject(payload));
            if (into.isEmpty() || a.seq() > into.getLast().seq()) into.add(a);
        }
        if (read.torn()) {
            LOG.log(System.Logger.Level.WARNING, file + ": dropping a torn record at byte " + read.validLength() + " of "
                    + read.fileLength() + " (a crash during an unacknowledged append)");
            if (repairTornTail) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(read.validLength());
                    ch.force(true);
                }
            }
        }
    }

    @Override
    public Future<Void> append(String boardId, List<Applied> batch) {
        var payloads = new ArrayList<byte[]>(batch.size());
        for (Applied a : batch) payloads.add(MessageCodec.encode(a));
        return blocking(() -> {
            FileChannel ch = logs.get(boardId);
            if (ch == null) {
                ch = FileChannel.open(dir(boardId).resolve("ops.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                logs.put(boardId, ch);
            }
            ByteBuffer buf = LogRecords.frame(payloads);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(false); // one fsync per batch: the group commit
            return null;
        }, true);
    }

    @Override
    public Future<Void> snapshot(String boardId, Snapshot snapshot) {
        return blocking(() -> {
            Path dir = dir(boardId);
            writeAtomically(dir.resolve("snapshot.json"), MessageCodec.bytes(snapshot.toJson()));
            closeLog(boardId);
            Path log = dir.resolve("ops.log");
            if (Files.exists(log)) {
                Files.move(log, dir.resolve("ops.prev.log"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                syncDir(dir);
            }
            return null;
        }, true);
    }

    @Override
    public Future<Void> release(String boardId) {
        return blocking(() -> {
            closeLog(boardId);
            return null;
        }, true);
    }

    @Override
    public Future<Void> ping() {
        return blocking(() -> {
            Files.createDirectories(boards);
            if (!Files.isWritable(boards)) throw new IOException(boards + " is not writable");
            return null;
        }, false);
    }

    @Override
    public Future<Void> close() {
        return blocking(() -> {
            for (String id : List.copyOf(logs.keySet())) closeLog(id);
            return null;
        }, false);
    }

    private void closeLog(String boardId) throws IOException {
        FileChannel ch = logs.remove(boardId);
        if (ch != null) ch.close();
    }

    private Path dir(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) throw new IllegalArgumentException("bad board id");
        return boards.resolve(boardId);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDir(target.getParent());
    }

    private static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private <T> Future<T> blocking(Callable<T> work, boolean ordered) {
        return vertx.executeBlocking(work, ordered);
    }
}
