package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a facilitator decides applies to the person ({@code hello.person}, kept by the browser across reloads and
 * tabs), not to one tab, and lasts: a demoted editor who reloads (a new tab id, the same person) is a viewer, in
 * every tab; a removed person who reloads is refused with FORBIDDEN and 4403; both hold after a server restart.
 */
class PersonsTest {
    private static ServerMessage.Welcome hello(TestClient c, String name, String tab, String person) {
        c.send(new ClientMessage.Hello(MessageCodec.VERSION, name, tab, null, null, person));
        return c.await(ServerMessage.Welcome.class, w -> true);
    }

    private static void refused(TestClient c, String tab, String person) {
        c.send(new ClientMessage.Hello(MessageCodec.VERSION, "again", tab, null, null, person));
        assertThat(c.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(c.awaitClosed(Duration.ofSeconds(30))).isTrue();
        assertThat(c.closeStatus()).isEqualTo((short) 4403);
    }

    @Test
    void demotionsAndRemovalsApplyToThePersonAndHoldAcrossReloadsAndRestarts() throws Exception {
        Path data = Files.createTempDirectory("jb-persons-");
        TestServer.Board board;
        try (var s = new TestServer(data, Map.of())) {
            board = s.createBoard("人员", "journey");
            var fac = s.connect(board.id(), board.facilitator());
            hello(fac, "主持人", "tab-fac", "person-fac");
            var ana = s.connect(board.id(), board.editor());
            String anaId = hello(ana, "Ana", "tab-ana-1", "person-ana").you().id();
            var anaSecondTab = s.connect(board.id(), board.editor());
            hello(anaSecondTab, "Ana", "tab-ana-2", "person-ana");
            var ben = s.connect(board.id(), board.editor());
            String benId = hello(ben, "Ben", "tab-ben-1", "person-ben").you().id();
            var other = s.connect(board.id(), board.editor());
            hello(other, "Other", "tab-other", "person-other");

            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.SetRole(anaId, Role.VIEWER)));
            // every tab of that person is a viewer now, not only the one the facilitator picked
            for (TestClient c : new TestClient[] {ana, anaSecondTab}) {
                c.await(ServerMessage.ParticipantChanged.class, p -> p.participant().id().equals(anaId) && p.participant().role() == Role.VIEWER);
            }
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.Remove(benId)));
            assertThat(ben.awaitClosed(Duration.ofSeconds(30))).isTrue();
            assertThat(ben.closeStatus()).isEqualTo((short) 4403);

            // reloads: new tab ids, the same persons
            try (var reloaded = s.connect(board.id(), board.editor())) {
                assertThat(hello(reloaded, "Ana", "tab-ana-3", "person-ana").you().role()).as("still a viewer").isEqualTo(Role.VIEWER);
            }
            try (var reloaded = s.connect(board.id(), board.editor())) {
                refused(reloaded, "tab-ben-2", "person-ben");
            }
            try (var c = s.connect(board.id(), board.editor())) {
                assertThat(hello(c, "Other", "tab-other-2", "person-other").you().role()).as("everyone else keeps their link's role")
                        .isEqualTo(Role.EDITOR);
            }
            for (TestClient c : new TestClient[] {fac, ana, anaSecondTab, ben, other}) c.close();
        }
        try (var s = new TestServer(data, Map.of())) { // restarted: the decisions are in the board's metadata
            try (var c = s.connect(board.id(), board.editor())) {
                assertThat(hello(c, "Ana", "tab-ana-4", "person-ana").you().role()).isEqualTo(Role.VIEWER);
            }
            try (var c = s.connect(board.id(), board.editor())) {
                refused(c, "tab-ben-3", "person-ben");
            }
        }
    }
}
