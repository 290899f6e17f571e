package dev.journeyboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.history.BoardHistory;
import dev.journeyboard.server.history.HistoryException;
import dev.journeyboard.server.history.HistoryRange;
import dev.journeyboard.server.history.HistoryRead;
import dev.journeyboard.server.history.HistorySettings;
import dev.journeyboard.server.testing.VertxContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BoardHistory} contract, run against both stores: a board edited through many snapshots (each letting
 * the store trim its log) opens at every seq exactly as it was, after restarts too; the kept range, its errors and
 * retention. Stores keep a resume tail of {@value #TAIL} ops, snapshot every {@value #SNAPSHOT_EVERY} ops and
 * checkpoint every {@value #CHECKPOINT_EVERY}.
 */
abstract class BoardHistoryContract extends VertxContract {
    static final int TAIL = 5;
    static final int SNAPSHOT_EVERY = 7;
    static final int CHECKPOINT_EVERY = 10;
    BoardStore store;
    /** The board as it was after each seq (index = seq), as the test made it. */
    final List<Document> expected = new ArrayList<>();

    /** A store over the subclass's backing, the same one across calls (a restart makes a new one). */
    abstract BoardStore newStore(int resumeTail, HistorySettings history);

    BoardHistory history() {
        return (BoardHistory) store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) await(store.close());
    }

    void open(HistorySettings settings) {
        if (store != null) await(store.close());
        store = newStore(TAIL, settings);
    }

    static HistorySettings every(int n) {
        return new HistorySettings(n, 0, Duration.ZERO);
    }

    /** Step k of the test board: cards created, retitled and deleted. */
    static Op opFor(long k) {
        long card = k - (k - 1) % 6;
        if (k % 6 == 1) {
            return new Op.Create("c" + k, ElementType.CARD, "lane-pain", "V",
                    JsonNodeFactory.instance.objectNode().put("stage", "stage-aware").put("text", "卡片 " + k));
        }
        if (k % 6 == 0) return new Op.Delete("c" + card);
        return new Op.Update("c" + card, JsonNodeFactory.instance.objectNode().put("text", "第 " + k + " 次修改"), List.of());
    }

    static Applied applied(long k) {
        return new Applied(k, "p" + (k % 3 + 1), "tab-" + (k % 3), k, List.of(opFor(k)), 1_795_000_000_000L + k * 1000, "作者 " + k % 3);
    }

    /** A new board edited from seq 1 to {@code last}, a snapshot every {@value #SNAPSHOT_EVERY} ops, as a room does it. */
    BoardMeta edited(long last) {
        BoardMeta m = BoardStoreContract.meta("历史");
        await(store.create(m, BoardStoreContract.initial()));
        Document doc = Document.of(BoardStoreContract.initial().elements());
        expected.clear();
        expected.add(doc.copy());
        for (long k = 1; k <= last; k++) {
            Applied a = applied(k);
            doc.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
            expected.add(doc.copy());
            await(store.append(m.id(), List.of(a)));
            if (k % SNAPSHOT_EVERY == 0) {
                await(store.snapshot(m.id(), new Snapshot(k, new ArrayList<>(doc.elements()), Map.of("tab-0", k))));
            }
        }
        return m;
    }

    /** The board at {@code seq} from the history: its checkpoint and ops replayed. */
    Document at(BoardMeta m, long seq) {
        HistoryRead r = await(history().read(m.id(), seq, seq));
        assertThat(r.checkpoint().seq()).isLessThanOrEqualTo(seq);
        assertThat(r.ops()).extracting(Applied::seq).isEqualTo(seqs(r.checkpoint().seq() + 1, seq));
        Document d = Document.of(r.checkpoint().elements());
        for (Applied a : r.ops()) d.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
        return d;
    }

    static List<Long> seqs(long from, long to) {
        var out = new ArrayList<Long>();
        for (long s = from; s <= to; s++) out.add(s);
        return out;
    }

    // ------------------------------------------------------------------ the contract

    @Test
    void everyPointOpensAsItWasAcrossSnapshotsAndRestarts() {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(60);
        for (long s = 0; s <= 60; s++) assertThat(at(m, s)).as("seq " + s).isEqualTo(expected.get((int) s));
        open(every(CHECKPOINT_EVERY)); // a restart
        assertThat(await(history().range(m.id()))).isEqualTo(new HistoryRange(0, 60));
        for (long s = 0; s <= 60; s++) assertThat(at(m, s)).as("seq " + s + " after a restart").isEqualTo(expected.get((int) s));
        // the store still loads the board as before: the history took nothing from the log it needs
        StoredBoard b = await(store.load(m.id()));
        assertThat(b.snapshot().seq()).isEqualTo(56);
        assertThat(b.log().getLast().seq()).isEqualTo(60);
    }

    @Test
    void opsComeBackWithTheirTimeAndAuthorsName() {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(30);
        HistoryRead r = await(history().read(m.id(), 3, 25));
        assertThat(r.checkpoint().seq()).isLessThanOrEqualTo(3);
        List<Applied> shown = r.ops().stream().filter(a -> a.seq() > 3).toList();
        assertThat(shown).isEqualTo(seqs(4, 25).stream().map(BoardHistoryContract::applied).toList());
        assertThat(shown.getFirst().at()).isEqualTo(1_795_000_004_000L);
        assertThat(shown.getFirst().name()).isEqualTo("作者 1");
    }

    @Test
    void opensFarBackWithOneCheckpointAndFewOps() {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(100);
        HistoryRead r = await(history().read(m.id(), 15, 15));
        assertThat(r.ops().size()).as("ops replayed to open seq 15").isLessThanOrEqualTo(CHECKPOINT_EVERY + SNAPSHOT_EVERY);
        assertThat(at(m, 15)).isEqualTo(expected.get(15));
    }

    @Test
    void seqsBeyondTheBoardAndUnknownBoards() {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(12);
        Throwable beyond = failure(history().read(m.id(), 13, 13));
        assertThat(beyond).isInstanceOfSatisfying(HistoryException.class, e -> {
            assertThat(e.code()).isEqualTo(HistoryException.SEQ_NOT_FOUND);
            assertThat(e.range()).isEqualTo(new HistoryRange(0, 12));
        });
        assertThat(failure(history().read(m.id(), 5, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThat(await(history().read("nosuchboard", 0, 0))).isNull();
        assertThat(await(history().range("nosuchboard"))).isNull();
        assertThat(await(history().range(m.id()))).isEqualTo(new HistoryRange(0, 12));
        // a board without a single snapshot yet: the history is its creation and the log
        BoardMeta fresh = BoardStoreContract.meta("新");
        await(store.create(fresh, BoardStoreContract.initial()));
        await(store.append(fresh.id(), List.of(applied(1), applied(2))));
        assertThat(await(history().range(fresh.id()))).isEqualTo(new HistoryRange(0, 2));
    }

    @Test
    void keepingTheLastOpsLetsOlderPointsGo() {
        open(new HistorySettings(CHECKPOINT_EVERY, 25, Duration.ZERO));
        BoardMeta m = edited(84);
        HistoryRange r = await(history().range(m.id()));
        assertThat(r.newest()).isEqualTo(84);
        assertThat(r.oldest()).as("at least the last 25 ops are kept, older checkpoints are gone").isBetween(1L, 84L - 25);
        assertThat(failure(history().read(m.id(), r.oldest() - 1, r.oldest() - 1))).isInstanceOfSatisfying(HistoryException.class,
                e -> assertThat(e.code()).isEqualTo(HistoryException.HISTORY_EXPIRED));
        for (long s = r.oldest(); s <= 84; s++) assertThat(at(m, s)).as("seq " + s).isEqualTo(expected.get((int) s));
        open(new HistorySettings(CHECKPOINT_EVERY, 25, Duration.ZERO));
        assertThat(await(history().range(m.id()))).isEqualTo(r);
    }

    @Test
    void keepingAWhileLetsOlderPointsGo() throws InterruptedException {
        open(new HistorySettings(CHECKPOINT_EVERY, 0, Duration.ofMillis(300)));
        BoardMeta m = edited(42);
        Thread.sleep(400); // every checkpoint so far is older than what is kept
        for (long k = 43; k <= 56; k++) {
            Applied a = applied(k);
            Document d = expected.getLast().copy();
            d.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
            expected.add(d);
            await(store.append(m.id(), List.of(a)));
            if (k % SNAPSHOT_EVERY == 0) await(store.snapshot(m.id(), new Snapshot(k, new ArrayList<>(d.elements()), Map.of())));
        }
        HistoryRange r = await(history().range(m.id()));
        assertThat(r.oldest()).as("the old checkpoints are gone").isGreaterThanOrEqualTo(40);
        for (long s = r.oldest(); s <= 56; s++) assertThat(at(m, s)).as("seq " + s).isEqualTo(expected.get((int) s));
    }

    @Test
    void deletingTheHistoryLeavesTheBoardFromItsSnapshotOn() {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(30);
        await(history().deleteHistory(m.id()));
        HistoryRange r = await(history().range(m.id()));
        assertThat(r.oldest()).as("only the snapshot is left").isEqualTo(28);
        assertThat(failure(history().read(m.id(), 10, 10))).isInstanceOfSatisfying(HistoryException.class,
                e -> assertThat(e.code()).isEqualTo(HistoryException.HISTORY_EXPIRED));
        assertThat(at(m, 30)).isEqualTo(expected.get(30));
        assertThat(await(store.load(m.id())).log().getLast().seq()).isEqualTo(30);
    }
}
