package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Personal links over real HTTP and sockets: a facilitator issues one per named person with a role, the person joins
 * with it in that role, revoking it closes that person's socket with 4401 and nobody else's, and both last across a
 * restart.
 */
class PersonalLinksTest {

    private static JsonNode issue(TestServer s, TestServer.Board b, String name, String role) {
        var r = s.post("/api/boards/" + b.id() + "/links", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}", b.facilitator());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r.body());
    }

    @Test
    void aPersonalLinkIsRevokedAloneAndBothLastAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory("jb-personal-");
        TestServer.Board b;
        String samToken;
        String kimToken;
        try (var s = new TestServer(data, Map.of())) {
            b = s.createBoard("个人链接", "journey");
            JsonNode sam = issue(s, b, "Sam", "editor");
            samToken = sam.get("token").textValue();
            assertThat(sam.get("link").textValue()).endsWith("/b/" + b.id() + "#t=" + samToken);
            assertThat(sam.get("role").textValue()).isEqualTo("editor");
            kimToken = issue(s, b, "金敏", "viewer").get("token").textValue();

            // the links list shows them, without their tokens (kept only as hashes)
            JsonNode listed = TestServer.json(s.get("/api/boards/" + b.id() + "/links", b.facilitator()).body()).get("personal");
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).get("name").textValue()).isEqualTo("Sam");
            assertThat(listed.toString()).doesNotContain(samToken).doesNotContain(kimToken);

            try (TestClient samSocket = s.connect(b.id(), samToken); TestClient kimSocket = s.connect(b.id(), kimToken);
                 TestClient other = s.connect(b.id(), b.editor())) {
                assertThat(samSocket.hello("Sam", "tab-sam", null).you().role()).isEqualTo(Role.EDITOR);
                assertThat(kimSocket.hello("金敏", "tab-kim", null).you().role()).isEqualTo(Role.VIEWER);
                other.hello("Other", "tab-other", null);

                var del = s.delete("/api/boards/" + b.id() + "/links/" + sam.get("id").textValue(), b.facilitator());
                assertThat(del.statusCode()).as(del.body()).isEqualTo(204);
                var error = samSocket.await(ServerMessage.Error.class, e -> true, Duration.ofSeconds(10));
                assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                assertThat(samSocket.awaitClosed(Duration.ofSeconds(10))).isTrue();
                assertThat(samSocket.closeStatus()).isEqualTo((short) 4401);
                // everyone else stays: the other personal link and the shared one
                assertThat(kimSocket.awaitClosed(Duration.ofSeconds(1))).isFalse();
                assertThat(other.awaitClosed(Duration.ofMillis(200))).isFalse();
            }
            var again = s.delete("/api/boards/" + b.id() + "/links/" + sam.get("id").textValue(), b.facilitator());
            assertThat(again.statusCode()).isEqualTo(404);
        }
        try (var s = new TestServer(data, Map.of())) {
            var revoked = s.turnAway(b.id(), samToken);
            assertThat(revoked.closeStatus()).as("a revoked link stays revoked after a restart").isEqualTo(4401);
            assertThat(revoked.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            try (TestClient kim = s.connect(b.id(), kimToken)) {
                assertThat(kim.hello("金敏", "tab-kim", null).you().role()).as("a personal link lasts").isEqualTo(Role.VIEWER);
            }
        }
    }

    @Test
    void onlyFacilitatorsIssueAndRevokeAndBadRequestsChangeNothing() {
        try (var s = TestServer.perClass(Map.of())) {
            var b = s.createBoard("Links", "blank");
            String path = "/api/boards/" + b.id() + "/links";
            var byEditor = s.post(path, "{\"name\":\"Sam\",\"role\":\"editor\"}", b.editor());
            assertThat(byEditor.statusCode()).isEqualTo(403);
            assertThat(TestServer.json(byEditor.body()).get("code").textValue()).isEqualTo("FORBIDDEN");
            var badRole = s.post(path, "{\"name\":\"Sam\",\"role\":\"owner\"}", b.facilitator());
            assertThat(badRole.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(badRole.body()).get("code").textValue()).isEqualTo("BAD_MESSAGE");
            var blankName = s.post(path, "{\"name\":\"\\u200b\",\"role\":\"viewer\"}", b.facilitator());
            assertThat(blankName.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(blankName.body()).get("code").textValue()).isEqualTo("INVALID_VALUE");
            var notJson = s.post(path, "{name", b.facilitator());
            assertThat(notJson.statusCode()).isEqualTo(400);
            var id = issue(s, b, "Sam", "viewer").get("id").textValue();
            assertThat(s.delete(path + "/" + id, b.editor()).statusCode()).isEqualTo(403);
            assertThat(s.delete(path + "/nope", b.facilitator()).statusCode()).isEqualTo(404);
            JsonNode listed = TestServer.json(s.get(path, b.facilitator()).body()).get("personal");
            assertThat(listed).as("only the good request made a link").hasSize(1);
        }
    }
}
