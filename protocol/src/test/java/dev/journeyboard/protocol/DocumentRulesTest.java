package dev.journeyboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.op.Op;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roles and limits: the rules the JSON vectors (always applied with the default limits) don't cover. */
class DocumentRulesTest {
    private Document doc;

    private static Actor as(Role role) {
        return new Actor(role, "rules-test", false);
    }

    private static ObjectNode props() {
        return JsonNodeFactory.instance.objectNode();
    }

    @BeforeEach
    void grid() {
        doc = new Document();
        doc.apply(List.of(
                new Op.Create("s1", ElementType.STAGE, null, "V", props()),
                new Op.Create("l1", ElementType.LANE, null, "V", props().put("kind", "painpoints"))), as(Role.FACILITATOR), Limits.DEFAULT);
    }

    private void rejects(Role role, Limits limits, ErrorCode code, Op... ops) {
        Document before = doc.copy();
        assertThatThrownBy(() -> doc.apply(List.of(ops), as(role), limits))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
        assertThat(doc).isEqualTo(before);
    }

    @Test
    void viewerMayNotEditAtAll() {
        rejects(Role.VIEWER, Limits.DEFAULT, ErrorCode.FORBIDDEN,
                new Op.Create("c1", ElementType.CARD, "l1", "V", props().put("stage", "s1")));
    }

    @Test
    void editorEditsCardsButNotTheGrid() {
        doc.apply(List.of(new Op.Create("c1", ElementType.CARD, "l1", "V", props().put("stage", "s1"))), as(Role.EDITOR), Limits.DEFAULT);
        rejects(Role.EDITOR, Limits.DEFAULT, ErrorCode.FORBIDDEN, new Op.Create("s2", ElementType.STAGE, null, "k", props()));
        rejects(Role.EDITOR, Limits.DEFAULT, ErrorCode.FORBIDDEN, new Op.Update("s1", props().put("title", "x"), List.of()));
        rejects(Role.EDITOR, Limits.DEFAULT, ErrorCode.FORBIDDEN, new Op.Move("l1", false, null, "k"));
        rejects(Role.EDITOR, Limits.DEFAULT, ErrorCode.FORBIDDEN, new Op.Delete("s1"));
        assertThat(doc.size()).isEqualTo(3);
    }

    @Test
    void elementLimit() {
        var limits = new Limits(3, 100, 10);
        doc.apply(List.of(new Op.Create("c1", ElementType.CARD, "l1", "V", props().put("stage", "s1"))), as(Role.EDITOR), limits);
        rejects(Role.EDITOR, limits, ErrorCode.TOO_LARGE, new Op.Create("c2", ElementType.CARD, "l1", "k", props().put("stage", "s1")));
    }

    @Test
    void textLimitCountsCodePoints() {
        var limits = new Limits(100, 4, 10);
        // four emoji are eight UTF-16 chars but four characters: allowed
        doc.apply(List.of(new Op.Create("c1", ElementType.CARD, "l1", "V", props().put("stage", "s1").put("text", "😀😀😀😀"))), as(Role.EDITOR), limits);
        rejects(Role.EDITOR, limits, ErrorCode.TOO_LARGE, new Op.Update("c1", props().put("text", "旅程地图x"), List.of()));
    }

    @Test
    void opsPerMessageLimitCountsNestedBatches() {
        var limits = new Limits(100, 100, 3);
        var u = new Op.Update("l1", props().put("title", "x"), List.of());
        rejects(Role.FACILITATOR, limits, ErrorCode.TOO_LARGE, new Op.Batch(List.of(u, u, u)));
        doc.apply(List.of(u, u, u), as(Role.FACILITATOR), limits);
    }

    @Test
    void revertTakesBackAnAppliedChange() {
        Document before = doc.copy();
        var change = doc.apply(List.of(new Op.Create("c1", ElementType.CARD, "l1", "V", props().put("stage", "s1")),
                new Op.Delete("s1")), as(Role.FACILITATOR), Limits.DEFAULT);
        assertThat(doc.size()).isEqualTo(1);
        doc.revert(change);
        assertThat(doc).isEqualTo(before);
        // the dependents index is restored too: deleting the lane still takes a re-created card with it
        doc.apply(List.of(new Op.Create("c2", ElementType.CARD, "l1", "V", props().put("stage", "s1")), new Op.Delete("l1")),
                as(Role.FACILITATOR), Limits.DEFAULT);
        assertThat(doc.get("c2")).isNull();
    }

    @Test
    void cardByExtFollowsEveryChangeAndEveryRevert() {
        doc.apply(List.of(new Op.Create("c1", ElementType.CARD, "l1", "V", props().put("stage", "s1").put("ext", "checkout")),
                new Op.Create("c2", ElementType.CARD, "l1", "k", props().put("stage", "s1"))), as(Role.EDITOR), Limits.DEFAULT);
        assertThat(doc.cardByExt("checkout").id()).isEqualTo("c1");
        var handOver = doc.apply(List.of(new Op.Update("c1", props(), List.of("ext")), new Op.Update("c2", props().put("ext", "checkout"), List.of())),
                as(Role.EDITOR), Limits.DEFAULT);
        assertThat(doc.cardByExt("checkout").id()).isEqualTo("c2");
        doc.revert(handOver);
        assertThat(doc.cardByExt("checkout").id()).isEqualTo("c1");
        // a failed message leaves the index as it was
        rejects(Role.EDITOR, Limits.DEFAULT, ErrorCode.ELEMENT_NOT_FOUND, new Op.Update("c1", props(), List.of("ext")),
                new Op.Update("c2", props().put("ext", "checkout"), List.of()), new Op.Delete("gone"));
        assertThat(doc.cardByExt("checkout").id()).isEqualTo("c1");
        doc.apply(List.of(new Op.Delete("s1")), as(Role.FACILITATOR), Limits.DEFAULT);
        assertThat(doc.cardByExt("checkout")).as("the stage took its cards").isNull();
        assertThat(Document.of(List.of()).cardByExt("checkout")).isNull();
    }

    @Test
    void aSnapshotIndexesItsExtKeys() {
        doc.apply(List.of(new Op.Create("c1", ElementType.CARD, "l1", "V", props().put("stage", "s1").put("ext", "checkout"))),
                as(Role.EDITOR), Limits.DEFAULT);
        Document copy = doc.copy();
        assertThat(copy.cardByExt("checkout").id()).isEqualTo("c1");
        rejects(Role.EDITOR, Limits.DEFAULT, ErrorCode.INVALID_VALUE,
                new Op.Create("c2", ElementType.CARD, "l1", "k", props().put("stage", "s1").put("ext", "checkout")));
    }

    @Test
    void theServerActorIsAFacilitatorBoundByNothing() {
        assertThat(Actor.SERVER.server()).isTrue();
        assertThat(Actor.SERVER.isFacilitator()).isTrue();
        assertThat(Actor.member(Role.EDITOR, "tab", false, "d-mkt").department()).isEqualTo("d-mkt");
        assertThat(as(Role.EDITOR).server()).isFalse();
        assertThatThrownBy(() -> new Actor(Role.EDITOR, "@server", false, null, true)).isInstanceOf(IllegalArgumentException.class);
        // the server edits through a board lock
        doc.apply(List.of(new Op.Update("l1", props().put("title", "x"), List.of())), new Actor(Role.FACILITATOR, "@server", true, null, true),
                Limits.DEFAULT);
    }
}
