package dev.journeyboard.server.room;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.RoomHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acknowledgement tells the truth: a re-sent message gets the answer the first one got (a duplicate ack only for
 * what is in the board's history, the same rejection for a refused one, STALE_CID for what the room no longer
 * remembers), across an unload and reload too; re-sends are not charged to the edit rate limit.
 */
class ResendTest {
    @RegisterExtension
    final RoomHarness room = new RoomHarness(Map.of("JB_ROOM_IDLE", "200ms", "JB_OPS_PER_SECOND", "2", "JB_RESUME_TAIL", "50"));

    private static ServerMessage answer(InMemorySocket s, long cid) {
        return s.await(ServerMessage.class, m -> m instanceof ServerMessage.Applied a && a.cid() == cid && a.client().equals(s.member().client())
                || m instanceof ServerMessage.Rejected r && r.cid() == cid || m instanceof ServerMessage.Ack k && k.cid() == cid);
    }

    /** Sends cid 1 (a new card), 2 (an edit of a card that is not there) and 3 (an edit of the new card), each after the answer to the one before. */
    private static List<ServerMessage> sendTheThree(InMemorySocket tab) {
        List<ClientMessage.Ops> three = List.of(msg(1, card("c1", "pain", "use", "one")), msg(2, text("nope", "x")), msg(3, text("c1", "three")));
        var answers = new ArrayList<ServerMessage>();
        for (int i = 0; i < three.size(); i++) {
            tab.send(three.get(i));
            answers.add(answer(tab, i + 1));
        }
        return answers;
    }

    /** Cid 1 applied, 2 refused, 3 applied; then the tab reconnects and sends them all again, and a cid it never sent. */
    @Test
    void aResendGetsTheFirstAnswerAgain() {
        var tab = room.join(Role.EDITOR, "Ana", "ana");
        var firstTime = sendTheThree(tab);
        assertThat(firstTime.get(0)).isInstanceOf(ServerMessage.Applied.class);
        var first = (ServerMessage.Rejected) firstTime.get(1);
        assertThat(first.code()).isEqualTo(ErrorCode.ELEMENT_NOT_FOUND);
        assertThat(firstTime.get(2)).isInstanceOf(ServerMessage.Applied.class);
        tab.disconnect();

        var again = sendTheThree(room.join(Role.EDITOR, "Ana", "ana", null));
        assertThat(again.get(0)).isEqualTo(new ServerMessage.Ack(1, true));
        assertThat(again.get(1)).as("not 'applied': the same rejection").isEqualTo(first);
        assertThat(again.get(2)).isEqualTo(new ServerMessage.Ack(3, true));
        assertThat(room.<String>read(d -> d.get("c1").props().get("text").textValue())).isEqualTo("three");
    }

    @Test
    void aCidOlderThanWhatTheRoomRemembersIsStale() {
        var tab = room.join(Role.EDITOR, "Ben", "ben");
        tab.send(msg(10, card("c2", "pain", "use", "ten")));
        assertThat(answer(tab, 10)).isInstanceOf(ServerMessage.Applied.class);
        tab.send(msg(7, text("c2", "seven, never sent before")));
        var stale = (ServerMessage.Rejected) answer(tab, 7);
        assertThat(stale.code()).isEqualTo(ErrorCode.STALE_CID);
        assertThat(room.rejected(ErrorCode.STALE_CID)).isEqualTo(1);
        assertThat(room.<String>read(d -> d.get("c2").props().get("text").textValue())).isEqualTo("ten");
    }

    @Test
    void outcomesSurviveAnUnloadAndReload() throws Exception {
        var tab = room.join(Role.EDITOR, "Cai", "cai");
        tab.send(msg(1, card("c3", "pain", "use", "one")));
        answer(tab, 1);
        tab.send(msg(2, text("ghost", "x")));
        var first = (ServerMessage.Rejected) answer(tab, 2);
        tab.send(msg(3, text("c3", "three")));
        answer(tab, 3);
        tab.disconnect();
        awaitUnloaded();

        var back = room.join(Role.EDITOR, "Cai", "cai", null);
        back.send(msg(2, text("ghost", "x")));
        assertThat(answer(back, 2)).as("the refusal was saved with the snapshot").isEqualTo(first);
        back.send(msg(1, card("c3", "pain", "use", "one")));
        assertThat(answer(back, 1)).as("the log tail still holds cid 1").isEqualTo(new ServerMessage.Ack(1, true));
    }

    @Test
    void resendsAreNotChargedToTheRateLimitAndRateLimitedIsCounted() {
        var tab = room.join(Role.EDITOR, "Dai", "dai");
        for (long cid = 1; cid <= 4; cid++) tab.send(msg(cid, card("r" + cid, "pain", "use", "burst")));
        for (long cid = 1; cid <= 4; cid++) assertThat(answer(tab, cid)).isInstanceOf(ServerMessage.Applied.class);
        tab.send(msg(5, card("r5", "pain", "use", "one too many")));
        assertThat(((ServerMessage.Rejected) answer(tab, 5)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(room.rejected(ErrorCode.RATE_LIMITED)).as("counted in jb_ops_rejected_total").isEqualTo(1);
        for (int round = 0; round < 5; round++) {
            for (long cid = 1; cid <= 4; cid++) {
                tab.send(msg(cid, card("r" + cid, "pain", "use", "burst")));
                assertThat(answer(tab, cid)).as("a re-send, never RATE_LIMITED").isEqualTo(new ServerMessage.Ack(cid, true));
            }
        }
        assertThat(room.rejected(ErrorCode.RATE_LIMITED)).isEqualTo(1);
    }

    private void awaitUnloaded() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (room.loadedRooms() > 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("the room did not unload");
            Thread.sleep(50);
        }
    }
}
