package dev.journeyboard.server.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.history.BoardHistory;
import dev.journeyboard.server.history.HistoryException;
import dev.journeyboard.server.history.HistoryRange;
import dev.journeyboard.server.history.HistoryRead;
import dev.journeyboard.server.history.HistorySettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The default store, for one server and its disk:
 *
 * <pre>
 * &lt;data-dir&gt;/wal/&lt;s&gt;/&lt;n&gt;.log           the shared write-ahead log, in {@value #STRIPES} stripes ({@link Wal})
 * &lt;data-dir&gt;/boards/&lt;id&gt;/meta.json      title, template, token hashes; the board exists iff this does
 * &lt;data-dir&gt;/boards/&lt;id&gt;/snapshot.json  the document at a seq
 * &lt;data-dir&gt;/boards/&lt;id&gt;/tail.log       the resume tail: the last ops at or below the snapshot ({@link StoredOps})
 * &lt;data-dir&gt;/boards/&lt;id&gt;/history/       the board's history: ops and checkpoints ({@link EmbeddedHistory})
 * </pre>
 *
 * Appends go through a few writer threads, one per stripe of the log ({@link LogStripes}, {@link GroupCommitter}); a board always
 * writes to the same stripe. Each writer makes one write and one fsync per round for every board of its stripe
 * that had a batch waiting, so the disk's fsync cost no longer multiplies by the number of boards, while a disk
 * that completes several flushes at once (as virtual disks often do) still gets a few in parallel, and one slow
 * fsync holds up a quarter of the boards rather than all of them. A snapshot writes the board's tail and snapshot files and then lets go of the board's ops in the
 * log, having first kept every op it lets go of in the board's history; a segment no board needs any more is deleted.
 * Loads, snapshots, history reads and new boards run on worker threads.
 * Boards of the older per-board layout are upgraded on their first load ({@link LegacyLayout}).
 */
public final class EmbeddedStore implements BoardStore, BoardHistory {
    private static final System.Logger LOG = System.getLogger(EmbeddedStore.class.getName());
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    /** Stripes of the log, each with its own writer and fsync; boards are spread over them by id. */
    static final int STRIPES = 4;

    private final Vertx vertx;
    private final Path boards;
    private final int resumeTail;
    private final DiskIo io;
    private final EmbeddedHistory history;
    /** Held by each file task of a board (snapshot, feature-state save, history read, deletion): one at a time. */
    private final BoardLocks locks = new BoardLocks();
    /** The shared log; null when the store can't be used at all. */
    private final LogStripes log;
    /** Boards deleted while this store runs: a write of theirs still on its way is dropped, not logged. */
    private final java.util.Set<String> deleted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Set when the store can't be used at all (a corrupt log): nothing is loaded or written until repaired. */
    private final String unusable;

    public EmbeddedStore(Vertx vertx, Path dataDir, int resumeTail) {
        this(vertx, dataDir, resumeTail, HistorySettings.DEFAULT);
    }

    public EmbeddedStore(Vertx vertx, Path dataDir, int resumeTail, HistorySettings historySettings) {
        this(vertx, dataDir, resumeTail, DiskIo.REAL, SEGMENT_BYTES, STRIPES, historySettings);
    }

    EmbeddedStore(Vertx vertx, Path dataDir, int resumeTail, DiskIo io, long segmentBytes, int writeStripes) {
        this(vertx, dataDir, resumeTail, io, segmentBytes, writeStripes, HistorySettings.DEFAULT);
    }

    EmbeddedStore(Vertx vertx, Path dataDir, int resumeTail, DiskIo io, long segmentBytes, int writeStripes, HistorySettings historySettings) {
        this.vertx = vertx;
        this.boards = dataDir.resolve("boards");
        this.resumeTail = resumeTail;
        this.io = io;
        this.history = new EmbeddedHistory(io, historySettings);
        LogStripes.Opened opened;
        try {
            Files.createDirectories(boards);
            opened = LogStripes.open(dataDir.resolve("wal"), io, segmentBytes, writeStripes, deleted::contains, this::coveredAtOpen);
        } catch (IOException | RuntimeException e) {
            opened = new LogStripes.Opened(null, "the data folder " + dataDir.toAbsolutePath() + " can't be opened: " + GroupCommitter.describe(e));
        }
        if (opened.unusable() != null) LOG.log(System.Logger.Level.ERROR, "EMBEDDED STORE UNUSABLE: " + opened.unusable());
        this.log = opened.stripes();
        this.unusable = opened.unusable();
    }

    /** At a start: a board without meta.json was deleted (or never finished being created), so none of its ops are needed. */
    private long coveredAtOpen(String boardId) throws IOException {
        return SAFE_ID.matcher(boardId).matches() && !Files.exists(dir(boardId).resolve("meta.json")) ? Long.MAX_VALUE : snapshotSeq(boardId);
    }

    /** The seq of the board's snapshot, read from its first field only; -1 if it has none. */
    private long snapshotSeq(String boardId) throws IOException {
        if (!SAFE_ID.matcher(boardId).matches()) return -1;
        try (InputStream in = Files.newInputStream(dir(boardId).resolve("snapshot.json"));
             JsonParser p = MessageCodec.json().getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("seq")) return p.getLongValue();
                p.skipChildren();
            }
            return -1;
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public Future<Void> create(BoardMeta meta, Snapshot initial) {
        return writing(() -> {
            Path dir = dir(meta.id());
            Files.createDirectories(dir);
            BoardFiles.replaceAndSync(io, dir.resolve("snapshot.json"), MessageCodec.bytes(initial.toJson()));
            // meta last: a board without meta.json does not exist, so a crash mid-create leaves no half board
            BoardFiles.replaceAndSync(io, dir.resolve("meta.json"), MessageCodec.bytes(meta.toJson()));
            return null;
        });
    }

    @Override
    public Future<Void> saveMeta(BoardMeta meta) {
        return writing(() -> {
            BoardFiles.replaceAndSync(io, dir(meta.id()).resolve("meta.json"), MessageCodec.bytes(meta.toJson()));
            return null;
        });
    }

    @Override
    public Future<BoardMeta> meta(String boardId) {
        return vertx.executeBlocking(() -> readMeta(boardId), false);
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
        return vertx.executeBlocking(() -> {
            if (unusable != null) throw new StoreUnavailableException(unusable);
            BoardMeta meta = readMeta(boardId);
            if (meta == null) return null;
            Path dir = dir(boardId);
            if (LegacyLayout.present(dir)) LegacyLayout.upgrade(io, dir, boardId);
            Snapshot snapshot = Snapshot.fromJson(MessageCodec.json().readTree(Files.readAllBytes(dir.resolve("snapshot.json"))));
            var bySeq = new TreeMap<Long, Applied>();
            for (LogRecords.Rec r : StoredOps.readTail(dir.resolve(StoredOps.TAIL))) {
                bySeq.putIfAbsent(StoredOps.seq(r.payload()), MessageCodec.applied(MessageCodec.parseObject(StoredOps.json(r.payload()))));
            }
            log.ops(boardId, -1, Long.MAX_VALUE).forEach((seq, json) -> bySeq.put(seq, MessageCodec.applied(MessageCodec.parseObject(json))));
            return new StoredBoard(meta, snapshot, new ArrayList<>(bySeq.values()));
        }, false);
    }

    @Override
    public Future<Void> append(String boardId, List<Applied> batch) {
        if (batch.isEmpty()) return Future.succeededFuture();
        if (unusable != null) return Future.failedFuture(new StoreUnavailableException(unusable));
        if (!SAFE_ID.matcher(boardId).matches()) return Future.failedFuture(new IllegalArgumentException("bad board id"));
        long[] seqs = new long[batch.size()];
        var payloads = new ArrayList<byte[]>(batch.size());
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = batch.get(i).seq();
            payloads.add(MessageCodec.encode(batch.get(i)));
        }
        return log.submit(boardId, seqs, payloads, Vertx.currentContext());
    }

    @Override
    public Future<Void> snapshot(String boardId, Snapshot snapshot) {
        return writing(() -> {
          synchronized (locks.of(boardId)) {
            Path dir = dir(boardId);
            long s = snapshot.seq();
            var tail = new TreeMap<Long, byte[]>();
            TreeMap<Long, byte[]> logged = log.ops(boardId, -1, s);
            byte[] snapshotJson = MessageCodec.bytes(snapshot.toJson());
            // the history first: every op the log is about to let go of is kept there (durable) before anything else
            history.keep(dir, snapshotSeq(boardId), logged, s, snapshotJson);
            if (logged.size() < resumeTail) {
                for (LogRecords.Rec r : StoredOps.readTail(dir.resolve(StoredOps.TAIL))) {
                    if (StoredOps.seq(r.payload()) <= s) tail.put(StoredOps.seq(r.payload()), r.payload());
                }
            }
            logged.forEach((seq, json) -> tail.put(seq, StoredOps.record(seq, json)));
            while (tail.size() > resumeTail) tail.pollFirstEntry();
            // the tail first, then the snapshot, each made durable: whichever survives a crash, the log still has
            // every op after the older snapshot, because the log lets go of them only after both
            BoardFiles.replaceAndSync(io, dir.resolve(StoredOps.TAIL), LogRecords.frame(new ArrayList<>(tail.values())).array());
            BoardFiles.replaceAndSync(io, dir.resolve("snapshot.json"), snapshotJson);
            log.trim(boardId, s);
            return null;
          }
        });
    }

    /**
     * Deletes the board: {@code meta.json} first (from then on it does not exist, and at the next start its logged
     * ops are let go like covered ones), its ops in the log are released (segments no other board needs are
     * deleted now; a segment shared with other boards' unsnapshotted ops goes when they snapshot, and its
     * records of this board are never read or replayed again), then the rest of its folder (snapshot, resume
     * tail, feature state). Each stripe then starts a new segment, so the one being written can go too.
     */
    @Override
    public Future<Void> delete(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) return Future.succeededFuture();
        deleted.add(boardId);
        return writing(() -> {
          // the board's lock: a snapshot, a session save or a history read of it runs wholly before or after
          synchronized (locks.of(boardId)) {
            Path dir = dir(boardId);
            if (Files.exists(dir)) {
                Files.deleteIfExists(dir.resolve("meta.json"));
                Wal.syncDir(dir);
            }
            log.trim(boardId, Long.MAX_VALUE);
            BoardFiles.deleteTree(dir);
            Wal.syncDir(boards);
            log.rollAll(boardId);
            return null;
          }
        });
    }

    @Override
    public Future<Void> saveFeatureState(String boardId, String feature, byte[] state) {
        if (!feature.matches("[a-z][a-z0-9-]{0,31}")) return Future.failedFuture(new IllegalArgumentException("bad feature name"));
        return writing(() -> {
            synchronized (locks.of(boardId)) {
                // a save still on its way when the board was deleted must not bring its folder back
                if (deleted.contains(boardId) || !Files.exists(dir(boardId).resolve("meta.json"))) return null;
                BoardFiles.writeState(io, dir(boardId), feature, state);
                return null;
            }
        });
    }

    @Override
    public Future<java.util.Map<String, byte[]>> loadFeatureStates(String boardId) {
        return vertx.executeBlocking(() -> BoardFiles.readStates(dir(boardId)), false);
    }

    @Override
    public Future<Void> release(String boardId) {
        return Future.succeededFuture();
    }

    // ------------------------------------------------------------------ history

    @Override
    public Future<HistoryRange> range(String boardId) {
        return vertx.executeBlocking(() -> {
            if (unusable != null) throw new StoreUnavailableException(unusable);
            if (readMeta(boardId) == null) return null;
            synchronized (locks.of(boardId)) {
                return EmbeddedHistory.range(EmbeddedHistory.list(dir(boardId)), snapshotSeq(boardId), log.top(boardId));
            }
        }, false);
    }

    @Override
    public Future<HistoryRead> read(String boardId, long from, long to) {
        if (from > to) return Future.failedFuture(new IllegalArgumentException("from " + from + " is after to " + to));
        return vertx.executeBlocking(() -> {
            if (unusable != null) throw new StoreUnavailableException(unusable);
            if (readMeta(boardId) == null) return null;
            Path dir = dir(boardId);
            synchronized (locks.of(boardId)) {
                var listing = EmbeddedHistory.list(dir);
                long snapshotSeq = snapshotSeq(boardId);
                HistoryRange range = EmbeddedHistory.range(listing, snapshotSeq, log.top(boardId));
                HistoryException.check(range, from, to);
                // the newest checkpoint at or below from: one of the history's, or the snapshot itself
                long c = EmbeddedHistory.checkpointAtOrBelow(listing, from);
                byte[] cp = snapshotSeq <= from && snapshotSeq > c ? Files.readAllBytes(dir.resolve("snapshot.json"))
                        : EmbeddedHistory.readCheckpoint(listing, c);
                Snapshot checkpoint = Snapshot.fromJson(MessageCodec.parseObject(cp));
                var ops = new TreeMap<Long, Applied>();
                EmbeddedHistory.ops(listing, checkpoint.seq(), to, ops);
                for (var logged : log.ops(boardId, checkpoint.seq(), to).entrySet()) {
                    if (!ops.containsKey(logged.getKey())) ops.put(logged.getKey(), MessageCodec.applied(MessageCodec.parseObject(logged.getValue())));
                }
                return HistoryRead.complete(range, checkpoint, ops, to);
            }
        }, false);
    }

    @Override
    public Future<Void> deleteHistory(String boardId) {
        return writing(() -> {
            synchronized (locks.of(boardId)) {
                history.delete(dir(boardId));
            }
            return null;
        });
    }

    /** Up when the store takes writes now: the last write (or the probe after a failed one) succeeded. */
    @Override
    public Future<Void> ping() {
        if (unusable != null) return Future.failedFuture(new StoreUnavailableException(unusable));
        String down = log.down();
        return down == null ? Future.succeededFuture() : Future.failedFuture(new StoreUnavailableException(down));
    }

    @Override
    public Future<Void> close() {
        return vertx.executeBlocking(() -> {
            if (log != null) log.close();
            return null;
        }, false);
    }

    /** Runs a file write on a worker; an I/O failure marks the store down (and the probe brings it back). */
    private <T> Future<T> writing(Callable<T> work) {
        if (unusable != null) return Future.failedFuture(new StoreUnavailableException(unusable));
        String down = log.down();
        if (down != null) return Future.failedFuture(new StoreUnavailableException(down));
        return vertx.executeBlocking(() -> {
            try {
                return work.call();
            } catch (IOException e) {
                String why = GroupCommitter.describe(e);
                log.markDown(why);
                throw new StoreUnavailableException("the board could not be saved: " + why, e);
            }
        }, true);
    }

    private Path dir(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) throw new IllegalArgumentException("bad board id");
        return boards.resolve(boardId);
    }
}
