package dev.journeyboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on the embedded store, plus what only it has: the shared write-ahead log a crash can
 * tear, damage that must not be taken for a torn tail, failed writes (a disk that fills up part-way through a
 * write, through {@link DiskIo}), the group commit across boards and the checkpoint. The old per-board layout's
 * upgrade is in {@link LegacyLayoutTest}; a real full file system in {@link FullDiskStoreTest}.
 */
class EmbeddedStoreTest extends BoardStoreContract {
    static final long SEGMENT = EmbeddedStore.SEGMENT_BYTES;

    @TempDir
    Path dataDir;

    @Override
    BoardStore newStore(int resumeTail) {
        return new EmbeddedStore(vertx, dataDir, resumeTail);
    }

    /**
     * Once the other board's ops that shared a log segment with the deleted board's are covered by its snapshot,
     * no file of the data folder holds a byte of the deleted board (its id is in every one of its log records).
     */
    @Override
    void assertDataGone(String boardId, String otherBoard) throws Exception {
        await(store.snapshot(otherBoard, new Snapshot(3, dev.journeyboard.server.board.Templates.elements("journey"), Map.of())));
        byte[] id = boardId.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(indexOf(bytes, id)).as(dataDir.relativize(f) + " holds the deleted board's id").isEqualTo(-1);
            }
        }
        assertThat(Files.exists(dataDir.resolve("boards").resolve(boardId))).isFalse();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** A store with one stripe of the log, so a test knows which files a board's ops are in. */
    private void reopen(DiskIo io, long segmentBytes) {
        await(store.close());
        store = new EmbeddedStore(vertx, dataDir, RESUME_TAIL, io, segmentBytes, 1);
    }

    private void reopen() {
        reopen(DiskIo.REAL, SEGMENT);
    }

    private EmbeddedStore oneStripe() {
        return new EmbeddedStore(vertx, dataDir, RESUME_TAIL, DiskIo.REAL, SEGMENT, 1);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dataDir.resolve("wal").resolve("0"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /**
     * A board whose log holds {@code rounds} (each one append, acknowledged), in a store that is then closed: the
     * disk as a crash would leave it, for the test to damage before the next open.
     */
    @SafeVarargs
    private BoardMeta crashedWith(List<Applied>... rounds) {
        reopen();
        BoardMeta m = created();
        for (List<Applied> round : rounds) await(store.append(m.id(), round));
        await(store.close());
        return m;
    }

    private Path lastSegment() throws IOException {
        return segments().getLast();
    }

    /** Where the log's records end (the segment is filled with zeros after them). */
    private static long dataEnd(Path log) throws IOException {
        return LogRecords.scan(Files.readAllBytes(log), p -> false).validLength();
    }

    /** Writes {@code bytes} at {@code position} (over the fill), as a crash part-way through a round leaves them. */
    private static void writeAt(Path log, long position, ByteBuffer bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) position += ch.write(bytes, position);
        }
    }

    // ------------------------------------------------------------------ crashes and damage

    @Test
    void aTornLastRoundIsDroppedAndTheEarlierOnesLoad() throws IOException {
        BoardMeta m = crashedWith(ops(1, 2), ops(3, 3));
        Path log = lastSegment();
        long full = dataEnd(log);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(full - 5); // the crash hit during the write of the round holding op 3 (an appending round)
        }
        store = oneStripe();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 2));
        assertThat(Files.size(log)).as("the torn round is cut off").isLessThan(full - 5);

        await(store.append(m.id(), ops(3, 4))); // the room goes on from seq 2
        reopen();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 4));
    }

    @Test
    void intactOpRecordsWithoutTheirCommitMarkAreNotAcknowledgedAndAreDropped() throws IOException {
        BoardMeta m = crashedWith(ops(1, 1));
        Path log = lastSegment();
        long intact = dataEnd(log);
        // the crash came after the op records of a round reached the disk, before its commit mark
        byte[] json = dev.journeyboard.protocol.message.MessageCodec.encode(op(2, "never acknowledged"));
        byte[] id = m.id().getBytes(StandardCharsets.US_ASCII);
        byte[] p = ByteBuffer.allocate(10 + id.length + json.length).put(Wal.OP).putLong(2).put((byte) id.length).put(id).put(json).array();
        writeAt(log, intact, LogRecords.frame(List.of(p)));
        store = oneStripe();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 1));
        assertThat(Files.size(log)).isEqualTo(intact);
    }

    @Test
    void garbageAfterTheLastRoundIsDropped() throws IOException {
        BoardMeta m = crashedWith(ops(1, 3));
        Path log = lastSegment();
        long intact = dataEnd(log);
        // a plausible header (length 40, wrong checksum) followed by half a body
        writeAt(log, intact, ByteBuffer.allocate(64).putInt(40).putInt(0xdeadbeef).put("{\"type\":\"applied\",\"se".getBytes()).flip());
        store = oneStripe();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 3));
        assertThat(Files.size(log)).isEqualTo(intact);
    }

    @Test
    void damageWithAnAcknowledgedRoundAfterItIsCorruptionNotATornTail() throws IOException {
        BoardMeta m = crashedWith(ops(1, 2), ops(3, 3)); // the round of op 3 is acknowledged, after the damage below
        Path log = lastSegment();
        byte[] before = Files.readAllBytes(log);
        byte[] damaged = before.clone();
        damaged[30] ^= 0x5a; // inside op 1's record
        Files.write(log, damaged);

        store = oneStripe();
        assertThat(failure(store.load(m.id()))).hasMessageContaining("corrupt").hasMessageContaining("byte 0");
        assertThat(failure(store.append(m.id(), ops(1, 1)))).hasMessageContaining("corrupt");
        assertThat(failure(store.ping())).hasMessageContaining("corrupt");
        assertThat(Files.readAllBytes(log)).as("nothing dropped, nothing overwritten").isEqualTo(damaged);
    }

    @Test
    void theZerosAfterTheLastRoundAreTheFillNotDamageAndTheNextRoundsOverwriteThem() throws IOException {
        BoardMeta m = crashedWith(ops(1, 2), ops(3, 3));
        Path log = lastSegment();
        long end = dataEnd(log);
        long size = Files.size(log);
        assertThat(size).as("filled ahead of the rounds").isGreaterThan(end).isLessThanOrEqualTo(end + Wal.ZERO_AHEAD);
        store = oneStripe();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 3));
        assertThat(Files.size(log)).as("the fill is kept").isEqualTo(size);
        await(store.append(m.id(), ops(4, 4)));
        assertThat(dataEnd(log)).as("the next round follows the last one").isGreaterThan(end);
        assertThat(Files.size(log)).as("written over the fill, the file did not grow").isEqualTo(size);
        reopen();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 4));
    }

    @Test
    void aLastRoundWhoseMarkReachedTheDiskWithoutItsOpsIsTornNotCorruption() throws IOException {
        BoardMeta m = crashedWith(ops(1, 2), ops(3, 4));
        Path log = lastSegment();
        byte[] bytes = Files.readAllBytes(log);
        var records = LogRecords.scan(bytes, p -> false).records();
        // records: op 1, op 2, mark 1, op 3, op 4, mark 2. A power cut during round 2's overwrite of the fill kept
        // the block with its mark but not the one with its ops: that round was never acknowledged
        LogRecords.Rec op3 = records.get(3);
        assertThat(op3.payload()[0]).isEqualTo(Wal.OP);
        LogRecords.Rec mark2 = records.get(5);
        assertThat(mark2.payload()[0]).isEqualTo(Wal.COMMIT);
        writeAt(log, op3.offset(), ByteBuffer.allocate((int) (mark2.offset() - op3.offset())));

        store = oneStripe();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 2));
        assertThat(dataEnd(log)).as("cut back to round 1's mark").isEqualTo(op3.offset());
        await(store.append(m.id(), ops(3, 3)));
        reopen();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 3));
    }

    @Test
    void damageInARoundWithALaterRoundsMarkAfterItIsCorruptionInAFilledSegmentToo() throws IOException {
        BoardMeta m = crashedWith(ops(1, 2), ops(3, 3), ops(4, 4));
        Path log = lastSegment();
        byte[] damaged = Files.readAllBytes(log);
        var records = LogRecords.scan(damaged, p -> false).records();
        LogRecords.Rec op3 = records.get(3); // round 2's op; round 3's mark comes after it
        damaged[(int) op3.offset() + LogRecords.HEADER + 3] ^= 0x5a;
        Files.write(log, damaged);

        store = oneStripe();
        assertThat(failure(store.load(m.id()))).hasMessageContaining("corrupt").hasMessageContaining("byte " + op3.offset());
        assertThat(Files.readAllBytes(log)).as("nothing dropped, nothing overwritten").isEqualTo(damaged);
    }

    @Test
    void aSegmentLeftBeforeItWasFullKeepsItsFillAndStillLoads() throws IOException {
        reopen();
        BoardMeta a = created();
        BoardMeta b = created();
        await(store.append(a.id(), ops(1, 2)));
        await(store.append(b.id(), ops(1, 1)));
        await(store.delete(b.id())); // every stripe starts a new segment
        await(store.append(a.id(), ops(3, 3)));
        List<Path> segs = segments();
        assertThat(segs).hasSizeGreaterThan(1);
        Path left = segs.getFirst();
        assertThat(Files.size(left)).as("zeros after its last round").isGreaterThan(dataEnd(left));
        reopen();
        assertThat(await(store.load(a.id())).log()).isEqualTo(ops(1, 3));
    }

    // ------------------------------------------------------------------ failed writes

    /** A disk with {@code free} bytes left: a write past them is short, the next one fails as ENOSPC does. */
    static class FillingDisk implements DiskIo {
        volatile long free = Long.MAX_VALUE;
        volatile boolean syncFails;
        final AtomicInteger syncs = new AtomicInteger();

        @Override
        public int write(FileChannel ch, ByteBuffer src, long position) throws IOException {
            long left = free;
            if (left <= 0) throw new IOException("No space left on device");
            if (src.remaining() > left) {
                ByteBuffer part = src.slice(src.position(), (int) left);
                int n = ch.write(part, position);
                src.position(src.position() + n);
                free = 0;
                return n;
            }
            int n = ch.write(src, position);
            if (free != Long.MAX_VALUE) free -= n;
            return n;
        }

        @Override
        public void force(FileChannel ch) throws IOException {
            syncs.incrementAndGet();
            if (syncFails) throw new IOException("Input/output error");
            ch.force(false);
        }
    }

    private static void eventually(String what, java.util.function.BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within 15 s");
            Thread.sleep(20);
        }
    }

    /** A store on {@code disk} and a board with {@code ops} written there, while the disk still has room. */
    /** A board written on a disk that is about to fail, and the size of the log's last segment before it does. */
    private record Written(BoardMeta meta, Path log, long size) {}

    private Written writtenOn(FillingDisk disk, List<Applied> ops) throws IOException {
        reopen(disk, SEGMENT);
        BoardMeta m = created();
        await(store.append(m.id(), ops));
        Path log = lastSegment();
        return new Written(m, log, dataEnd(log));
    }

    /** Once the disk is well again the probe brings the store back by itself, and the room's re-sent ops are kept. */
    private void resumes(Written w, List<Applied> resent, List<Applied> all) throws InterruptedException {
        eventually("the store up again", this::up);
        await(store.append(w.meta().id(), resent));
        reopen();
        assertThat(await(store.load(w.meta().id())).log()).as("every acknowledged op, nothing of the failed round").isEqualTo(all);
    }

    private boolean up() {
        return store.ping().toCompletionStage().toCompletableFuture().handle((v, e) -> e == null).join();
    }

    @Test
    void aWriteTheDiskCutsShortLeavesTheLogAsItWasAndEditingResumesWhenSpaceReturns() throws Exception {
        var disk = new FillingDisk();
        Written w = writtenOn(disk, ops(1, 3));
        BoardMeta m = w.meta();

        disk.free = 20; // the next round gets 20 bytes onto the disk, then ENOSPC
        assertThat(failure(store.append(m.id(), ops(4, 6)))).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("space");
        assertThat(Files.size(w.log())).as("the half-written round is cut off again").isEqualTo(w.size());
        assertThat(failure(store.ping())).hasMessageContaining("space");
        assertThat(failure(store.append(m.id(), ops(4, 4)))).as("refused at once while the disk is full").hasMessageContaining("space");
        assertThat(failure(store.snapshot(m.id(), new Snapshot(3, initial().elements(), java.util.Map.of())))).hasMessageContaining("space");

        disk.free = Long.MAX_VALUE; // space returns: the probe finds it without anyone's help
        resumes(w, ops(4, 6), ops(1, 6)); // the room re-sends the same seqs
    }

    @Test
    void aFailedSyncIsCutBackAndWritesAreRefusedUntilTheLogIsRepaired() throws Exception {
        var disk = new FillingDisk();
        Written w = writtenOn(disk, ops(1, 2));

        disk.syncFails = true; // the round's data went out, its fsync (and the one after cutting back) failed
        assertThat(failure(store.append(w.meta().id(), ops(3, 3)))).hasMessageContaining("Input/output error");
        assertThat(Files.size(w.log())).isEqualTo(w.size());
        Thread.sleep(300); // probes run meanwhile and keep failing
        assertThat(failure(store.ping())).isInstanceOf(StoreUnavailableException.class);

        disk.syncFails = false;
        resumes(w, ops(3, 4), ops(1, 4));
    }

    // ------------------------------------------------------------------ the group commit and the checkpoint

    @Test
    void waitingBatchesOfAllBoardsShareOneFsync() throws Exception {
        var gate = new CountDownLatch(1);
        var inSync = new CountDownLatch(1);
        var hold = new AtomicBoolean();
        var disk = new FillingDisk() {
            @Override
            public void force(FileChannel ch) throws IOException {
                if (hold.compareAndSet(true, false)) {
                    inSync.countDown();
                    try {
                        gate.await(15, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                super.force(ch);
            }
        };
        reopen(disk, SEGMENT);
        var boards = new ArrayList<BoardMeta>();
        for (int i = 0; i < 20; i++) boards.add(created());
        int syncsBefore = disk.syncs.get();
        hold.set(true);
        var first = store.append(boards.getFirst().id(), ops(1, 1));
        assertThat(inSync.await(15, TimeUnit.SECONDS)).isTrue(); // the writer is syncing board 0's round
        var rest = new ArrayList<io.vertx.core.Future<Void>>();
        for (BoardMeta b : boards.subList(1, boards.size())) rest.add(store.append(b.id(), ops(1, 2)));
        gate.countDown();
        await(first);
        rest.forEach(BoardStoreContract::await);
        assertThat(disk.syncs.get() - syncsBefore).as("board 0's round, then one round for the 19 others").isEqualTo(2);
        for (BoardMeta b : boards.subList(1, boards.size())) assertThat(await(store.load(b.id())).log()).isEqualTo(ops(1, 2));
    }

    @Test
    void anAppendCompletesOnTheCallersContext() throws Exception {
        BoardMeta m = created();
        Context ctx = vertx.getOrCreateContext();
        Promise<Boolean> sameContext = Promise.promise();
        ctx.runOnContext(v -> store.append(m.id(), ops(1, 1)).onComplete(ar -> sameContext.complete(ar.succeeded() && Vertx.currentContext() == ctx)));
        assertThat(await(sameContext.future())).isTrue();
    }

    @Test
    void segmentsNoBoardNeedsAreDeletedAndTheResumeTailOutlivesThem() throws IOException {
        reopen(DiskIo.REAL, 2048); // small segments: a new one every few rounds
        BoardMeta a = created();
        BoardMeta b = created();
        for (long k = 1; k <= 20; k++) {
            await(store.append(a.id(), ops(2 * k - 1, 2 * k)));
            await(store.append(b.id(), ops(k, k)));
        }
        int many = segments().size();
        assertThat(many).isGreaterThan(3);
        await(store.snapshot(a.id(), new Snapshot(40, initial().elements(), java.util.Map.of())));
        assertThat(segments()).as("b's ops still hold their segments").hasSize(many);
        await(store.snapshot(b.id(), new Snapshot(20, initial().elements(), java.util.Map.of())));
        assertThat(segments()).as("only the segment being written is left").hasSize(1);

        reopen(DiskIo.REAL, 2048);
        assertThat(seqs(await(store.load(a.id())).log())).containsExactly(36L, 37L, 38L, 39L, 40L);
        await(store.append(a.id(), ops(41, 41)));
        reopen(DiskIo.REAL, 2048);
        assertThat(seqs(await(store.load(a.id())).log())).containsExactly(36L, 37L, 38L, 39L, 40L, 41L);
        assertThat(seqs(await(store.load(b.id())).log())).containsExactly(16L, 17L, 18L, 19L, 20L);
    }

    @Test
    void boardsSpreadOverStripesAllLoadAndAStoreWithFewerStripesStillReadsThemAll() {
        var boards = new ArrayList<BoardMeta>();
        for (int i = 0; i < 12; i++) {
            BoardMeta m = created();
            boards.add(m);
            await(store.append(m.id(), ops(1, 2)));
        }
        assertThat(dataDir.resolve("wal").resolve(String.valueOf(EmbeddedStore.STRIPES - 1))).isDirectory();
        reopen(); // one stripe for writing: the ops in the others are still found
        for (BoardMeta m : boards) await(store.append(m.id(), ops(3, 3)));
        await(store.close());
        store = newStore(RESUME_TAIL);
        for (BoardMeta m : boards) assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 3));
    }
}
