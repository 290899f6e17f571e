package dev.journeyboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.Templates;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.testing.VertxContract;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BoardStore} contract, run against every store: each subclass says how to make its store.
 * Stores are made with {@link #RESUME_TAIL} = 5 and the tests snapshot every 5 ops, where the embedded
 * store (keeps the log since the previous snapshot) and Redis (keeps the last resumeTail ops) keep exactly
 * the same ops, so both are held to the same exact answers.
 */
abstract class BoardStoreContract extends VertxContract {
    static final int RESUME_TAIL = 5;
    BoardStore store;

    /** A fresh store over the subclass's backing (folder, Redis), keeping {@code resumeTail} ops for resumes. */
    abstract BoardStore newStore(int resumeTail);

    @BeforeEach
    void open() {
        store = newStore(RESUME_TAIL);
    }

    @AfterEach
    void closeStore() {
        await(store.close());
    }

    // ------------------------------------------------------------------ helpers

    static BoardMeta meta(String title) {
        Map<Role, String> hashes = new EnumMap<>(Role.class);
        for (Role r : Role.values()) hashes.put(r, Tokens.hash(Tokens.newToken()));
        return new BoardMeta(Tokens.newBoardId(), title, "journey", System.currentTimeMillis(), Map.copyOf(hashes));
    }

    static Snapshot initial() {
        return new Snapshot(0, Templates.elements("journey"), Map.of());
    }

    static Applied op(long seq, String text) {
        return new Applied(seq, "p1", "tab-a", seq,
                List.of(new Op.Update("stage-aware", JsonNodeFactory.instance.objectNode().put("title", text), List.of())));
    }

    static List<Applied> ops(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(s -> op(s, "title " + s)).toList();
    }

    BoardMeta created() {
        BoardMeta m = meta("电商购物旅程");
        await(store.create(m, initial()));
        return m;
    }

    static List<Long> seqs(List<Applied> log) {
        return log.stream().map(Applied::seq).toList();
    }

    // ------------------------------------------------------------------ the contract

    @Test
    void createdBoardHasItsMetaAndFirstSnapshot() {
        BoardMeta m = created();
        assertThat(await(store.meta(m.id()))).isEqualTo(m);
        StoredBoard b = await(store.load(m.id()));
        assertThat(b.meta()).isEqualTo(m);
        assertThat(b.snapshot()).isEqualTo(initial());
        assertThat(b.log()).isEmpty();
    }

    @Test
    void unknownBoardIsNull() {
        assertThat(await(store.meta("nosuchboard"))).isNull();
        assertThat(await(store.load("nosuchboard"))).isNull();
        assertThat(await(store.meta("../../etc"))).as("an id that is not one").isNull();
        assertThat(await(store.load("../../etc"))).isNull();
    }

    @Test
    void appendedBatchesLoadInOrder() {
        BoardMeta m = created();
        await(store.append(m.id(), ops(1, 1)));
        await(store.append(m.id(), ops(2, 4)));
        await(store.append(m.id(), ops(5, 5)));
        StoredBoard b = await(store.load(m.id()));
        assertThat(b.snapshot().seq()).isZero();
        assertThat(b.log()).isEqualTo(ops(1, 5));
    }

    @Test
    void aBigBatchIsOneAppend() {
        BoardMeta m = created();
        String big = "长".repeat(10_000);
        var batch = new ArrayList<>(ops(1, 499));
        batch.add(op(500, big));
        await(store.append(m.id(), batch));
        StoredBoard b = await(store.load(m.id()));
        assertThat(b.log()).isEqualTo(batch);
    }

    @Test
    void snapshotCoversTheLogWhichIsTrimmedKeepingAResumeTail() {
        BoardMeta m = created();
        await(store.append(m.id(), ops(1, 5)));
        var snap5 = new Snapshot(5, Templates.elements("journey"), Map.of("tab-a", 5L));
        await(store.snapshot(m.id(), snap5));
        await(store.append(m.id(), ops(6, 8)));
        await(store.append(m.id(), ops(9, 10)));
        var snap10 = new Snapshot(10, Templates.elements("blank"), Map.of("tab-a", 10L, "tab-b", 3L));
        await(store.snapshot(m.id(), snap10));
        await(store.append(m.id(), ops(11, 12)));

        StoredBoard b = await(store.load(m.id()));
        assertThat(b.snapshot()).isEqualTo(snap10);
        assertThat(seqs(b.log())).as("the resume tail up to the snapshot, then the ops after it").containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(b.log()).isEqualTo(ops(6, 12));
    }

    @Test
    void aDeletedBoardIsGoneWithItsLogSnapshotAndStateAndStaysGoneAfterARestart() throws Exception {
        BoardMeta keep = created();
        BoardMeta gone = created();
        await(store.append(gone.id(), ops(1, 3)));
        await(store.append(keep.id(), ops(1, 2)));
        await(store.snapshot(gone.id(), new Snapshot(3, Templates.elements("journey"), Map.of("tab-a", 3L))));
        await(store.append(gone.id(), ops(4, 6)));
        await(store.saveFeatureState(gone.id(), "session", "{\"timer\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(await(store.loadFeatureStates(gone.id()))).containsKey("session");

        await(store.delete(gone.id()));
        assertThat(await(store.meta(gone.id()))).isNull();
        assertThat(await(store.load(gone.id()))).isNull();
        assertThat(await(store.loadFeatureStates(gone.id()))).isEmpty();
        await(store.delete(gone.id())); // idempotent
        await(store.append(keep.id(), ops(3, 3)));
        await(store.close());
        store = newStore(RESUME_TAIL); // as after a restart: nothing of it is replayed
        assertThat(await(store.meta(gone.id()))).isNull();
        assertThat(await(store.load(gone.id()))).isNull();
        assertThat(await(store.load(keep.id())).log()).as("the other board is untouched").isEqualTo(ops(1, 3));
        assertDataGone(gone.id(), keep.id());
    }

    /** What the subclass can check of its backing: no byte of the deleted board's data left (files, keys). */
    void assertDataGone(String boardId, String otherBoard) throws Exception {}

    @Test
    void featureStateIsSavedReplacedAndRemoved() {
        BoardMeta m = created();
        byte[] a = "{\"v\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = "{\"v\":2,\"名\":\"李\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        await(store.saveFeatureState(m.id(), "session", a));
        await(store.saveFeatureState(m.id(), "session", b));
        await(store.saveFeatureState(m.id(), "emotion", a));
        var states = await(store.loadFeatureStates(m.id()));
        assertThat(states.get("session")).isEqualTo(b);
        assertThat(states.get("emotion")).isEqualTo(a);
        await(store.saveFeatureState(m.id(), "emotion", null));
        await(store.close());
        store = newStore(RESUME_TAIL);
        assertThat(await(store.loadFeatureStates(m.id())).keySet()).containsExactly("session");
    }

    @Test
    void aReleasedBoardLoadsAgainAndTakesMoreAppends() {
        BoardMeta m = created();
        await(store.append(m.id(), ops(1, 3)));
        await(store.release(m.id()));
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 3));
        await(store.append(m.id(), ops(4, 4)));
        await(store.release(m.id()));
        await(store.close());
        store = newStore(RESUME_TAIL); // as after a restart
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 4));
    }

    @Test
    void unicodeSurvivesEverywhere() {
        String text = "😀 支付方式少，步骤多 — «ok» \u200d👩‍💼 ﷺ";
        BoardMeta m = meta("旅程 🧭 " + text);
        var props = JsonNodeFactory.instance.objectNode().put("stage", "stage-aware").put("text", text);
        var elements = new ArrayList<>(Templates.elements("journey"));
        elements.add(new Element("c1", ElementType.CARD, "lane-pain", "V", props));
        await(store.create(m, new Snapshot(0, elements, Map.of("标签页-😀", 1L))));
        await(store.append(m.id(), List.of(op(1, text))));
        assertThat(await(store.meta(m.id())).title()).isEqualTo(m.title());
        StoredBoard b = await(store.load(m.id()));
        assertThat(b.meta()).isEqualTo(m);
        assertThat(b.snapshot().elements()).isEqualTo(elements);
        assertThat(b.snapshot().clientCids()).containsEntry("标签页-😀", 1L);
        assertThat(b.log()).containsExactly(op(1, text));
    }

    @Test
    void aServerCanTakeRenewAndReleaseItsLease() {
        BoardMeta m = created();
        assertThat(await(store.acquireLease(m.id()))).isTrue();
        assertThat(await(store.acquireLease(m.id()))).as("taking it again is fine").isTrue();
        assertThat(await(store.renewLease(m.id()))).isTrue();
        await(store.append(m.id(), ops(1, 1)));
        await(store.releaseLease(m.id()));
        assertThat(await(store.acquireLease(m.id()))).isTrue();
        await(store.append(m.id(), ops(2, 2)));
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 2));
    }

    @Test
    void savedMetaReplacesTheOld() {
        BoardMeta m = created();
        BoardMeta rotated = new BoardMeta(m.id(), m.title(), m.template(), m.createdAt(), meta("x").tokenHashes());
        await(store.saveMeta(rotated));
        assertThat(await(store.meta(m.id()))).isEqualTo(rotated);
        assertThat(await(store.load(m.id())).meta()).isEqualTo(rotated);
    }

    @Test
    void pingIsUp() {
        await(store.ping());
    }
}
