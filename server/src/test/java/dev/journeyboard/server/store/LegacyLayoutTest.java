package dev.journeyboard.server.store;

import static dev.journeyboard.server.testing.VertxContract.await;
import static dev.journeyboard.server.testing.VertxContract.failure;
import static dev.journeyboard.server.store.BoardStoreContract.initial;
import static dev.journeyboard.server.store.BoardStoreContract.meta;
import static dev.journeyboard.server.store.BoardStoreContract.ops;
import static dev.journeyboard.server.store.BoardStoreContract.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.Templates;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boards written by the previous layout ({@code boards/<id>/meta.json, snapshot.json, ops.log, ops.prev.log},
 * one log per board) load in the new store, once, and go on from there. The fixtures are written here with the
 * old framing ({@code [length][crc32c][applied JSON]} per op message), as the old store wrote them.
 */
class LegacyLayoutTest {
    static final int RESUME_TAIL = 5;
    @TempDir
    Path dataDir;
    Vertx vertx;
    EmbeddedStore store;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        if (store != null) await(store.close());
        await(vertx.close());
    }

    /** Writes one board as the old store left it on disk. */
    static Path writeOldBoard(Path dataDir, BoardMeta meta, Snapshot snapshot, List<Applied> prev, List<Applied> log, byte[] afterLog)
            throws IOException {
        Path dir = dataDir.resolve("boards").resolve(meta.id());
        Files.createDirectories(dir);
        Files.write(dir.resolve("meta.json"), MessageCodec.bytes(meta.toJson()));
        Files.write(dir.resolve("snapshot.json"), MessageCodec.bytes(snapshot.toJson()));
        if (!prev.isEmpty()) Files.write(dir.resolve("ops.prev.log"), oldFraming(prev));
        var out = new ByteArrayOutputStream();
        out.write(oldFraming(log));
        out.write(afterLog);
        Files.write(dir.resolve("ops.log"), out.toByteArray());
        return dir;
    }

    static byte[] oldFraming(List<Applied> ops) {
        ByteBuffer b = LogRecords.frame(ops.stream().map(MessageCodec::encode).toList());
        return Arrays.copyOf(b.array(), b.limit());
    }

    private EmbeddedStore open() {
        if (store != null) await(store.close());
        store = new EmbeddedStore(vertx, dataDir, RESUME_TAIL);
        return store;
    }

    @Test
    void anOldBoardLoadsOnceUpgradedAndGoesOn() throws IOException {
        BoardMeta m = meta("旧格式");
        var snap5 = new Snapshot(5, Templates.elements("journey"), Map.of("tab-a", 5L));
        // a torn last record, as a crash during an unacknowledged append left it
        byte[] torn = Arrays.copyOf(oldFraming(ops(9, 9)), 20);
        Path dir = writeOldBoard(dataDir, m, snap5, ops(1, 5), ops(6, 8), torn);

        StoredBoard b = await(open().load(m.id()));
        assertThat(b.meta()).isEqualTo(m);
        assertThat(b.snapshot()).isEqualTo(snap5);
        assertThat(b.log()).as("the resume tail before the snapshot and the ops after it").isEqualTo(ops(1, 8));
        assertThat(dir.resolve("ops.log")).doesNotExist();
        assertThat(dir.resolve("ops.prev.log")).doesNotExist();
        assertThat(dir.resolve("tail.log")).exists();

        await(store.append(m.id(), ops(9, 10)));
        open(); // a restart: the upgraded board loads from the new layout
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 10));
        await(store.snapshot(m.id(), new Snapshot(10, initial().elements(), Map.of())));
        open();
        assertThat(seqs(await(store.load(m.id())).log())).containsExactly(6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void anOldBoardWithoutAnyOpsLoads() throws IOException {
        BoardMeta m = meta("empty");
        writeOldBoard(dataDir, m, initial(), List.of(), List.of(), new byte[0]);
        StoredBoard b = await(open().load(m.id()));
        assertThat(b.snapshot()).isEqualTo(initial());
        assertThat(b.log()).isEmpty();
    }

    @Test
    void anUpgradeInterruptedBeforeTheOldFilesWentIsDoneAgain() throws IOException {
        BoardMeta m = meta("half");
        Path dir = writeOldBoard(dataDir, m, initial(), List.of(), ops(1, 3), new byte[0]);
        byte[] oldLog = Files.readAllBytes(dir.resolve("ops.log"));
        assertThat(await(open().load(m.id())).log()).isEqualTo(ops(1, 3));
        Files.write(dir.resolve("ops.log"), oldLog); // as if the crash came right before the old file was deleted
        assertThat(await(open().load(m.id())).log()).isEqualTo(ops(1, 3));
        assertThat(dir.resolve("ops.log")).doesNotExist();
    }

    @Test
    void anOldLogWithAcknowledgedOpsBehindDamageKeepsTheBoardUnavailableAndUntouched() throws IOException {
        // what the old store left after a full disk: a partial record, then later appends that were acknowledged
        BoardMeta m = meta("满盘");
        var bytes = new ByteArrayOutputStream();
        bytes.write(oldFraming(ops(1, 2)));
        bytes.write(Arrays.copyOf(oldFraming(ops(3, 3)), 30));
        bytes.write(oldFraming(ops(3, 5)));
        Path dir = writeOldBoard(dataDir, m, initial(), List.of(), List.of(), bytes.toByteArray());
        byte[] before = Files.readAllBytes(dir.resolve("ops.log"));

        Throwable e = failure(open().load(m.id()));
        assertThat(e).hasMessageContaining("damaged").hasMessageContaining("kept unavailable");
        assertThat(Files.readAllBytes(dir.resolve("ops.log"))).isEqualTo(before);
        assertThat(dir.resolve("tail.log")).doesNotExist();
        assertThat(failure(store.load(m.id()))).as("still, on the next join").hasMessageContaining("damaged");
    }
}
