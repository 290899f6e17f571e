package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.SharedLinks;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/boards/{id}/links: a facilitator on a second device sees the board's links, and nothing is rotated. */
class LinksApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    private static JsonNode links(String boardId, String token) {
        var r = server.get("/api/boards/" + boardId + "/links", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("cache-control")).contains("no-store");
        return TestServer.json(r.body());
    }

    @Test
    void aFacilitatorSeesTheRoleLinksAgainWithoutReplacingThem() {
        var b = server.createBoard("第二台设备", "journey");
        JsonNode n = links(b.id(), b.facilitator());
        assertThat(n.get("tokens").get("facilitator").textValue()).isEqualTo(b.facilitator());
        assertThat(n.get("tokens").get("edit").textValue()).isEqualTo(b.editor());
        assertThat(n.get("tokens").get("view").textValue()).isEqualTo(b.viewer());
        assertThat(n.get("links").get("edit").textValue()).endsWith("/b/" + b.id() + "#t=" + b.editor());
        assertThat(n.get("links").get("view").textValue()).startsWith("http://127.0.0.1:" + server.port() + "/b/");
        // the same with the query parameter, and the links still work: nothing was rotated
        var q = server.get("/api/boards/" + b.id() + "/links?token=" + b.facilitator());
        assertThat(TestServer.json(q.body()).get("tokens").get("view").textValue()).isEqualTo(b.viewer());
        try (var ed = server.connect(b.id(), b.editor())) {
            assertThat(ed.hello("Editor", "ed", null).you().role()).isEqualTo(Role.EDITOR);
        }
    }

    @Test
    void onlyTheFacilitatorTokenOpensThem() {
        var b = server.createBoard("Links", "blank");
        String path = "/api/boards/" + b.id() + "/links";
        assertThat(server.get(path, b.editor()).statusCode()).isEqualTo(403);
        assertThat(TestServer.json(server.get(path, b.viewer()).body()).get("code").textValue()).isEqualTo(ErrorCode.FORBIDDEN.name());
        var wrong = server.get(path, Tokens.newToken());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(wrong.body()).get("code").textValue()).isEqualTo(ErrorCode.UNAUTHORIZED.name());
        assertThat(server.get(path).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/boards/nosuchboard00/links", b.facilitator()).statusCode()).isEqualTo(404);
    }

    @Test
    void newLinksReplaceTheSharedOnes() {
        var b = server.createBoard("Rotate", "journey");
        try (TestClient fac = server.connect(b.id(), b.facilitator())) {
            fac.hello("主持人", "fac", null);
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.RotateLinks()));
            var rotated = fac.await(ServerMessage.Links.class, l -> true).tokens();
            JsonNode n = links(b.id(), rotated.get("facilitator"));
            assertThat(n.get("tokens").get("edit").textValue()).isEqualTo(rotated.get("edit"));
            assertThat(n.get("tokens").get("view").textValue()).isEqualTo(rotated.get("view"));
            assertThat(server.get("/api/boards/" + b.id() + "/links", b.facilitator()).statusCode()).as("the old facilitator link").isEqualTo(401);
        }
    }

    @Test
    void theDataFolderHoldsNoWorkingShareToken() throws IOException {
        var b = server.createBoard("Leak", "blank");
        try (Stream<Path> files = Files.walk(server.dataDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(b.editor()).doesNotContain(b.viewer()).doesNotContain(b.facilitator());
            }
        }
    }

    @Test
    void sealedLinksOpenOnlyWithTheirFacilitatorTokenAndSurviveTheStore() {
        var issued = Tokens.issue();
        String sealed = SharedLinks.seal(issued);
        assertThat(SharedLinks.open(sealed, issued.tokens().get(Role.FACILITATOR)))
                .containsEntry("edit", issued.tokens().get(Role.EDITOR)).containsEntry("view", issued.tokens().get(Role.VIEWER));
        assertThat(SharedLinks.open(sealed, Tokens.newToken())).isEmpty();
        assertThat(SharedLinks.open(sealed.substring(0, sealed.length() - 2) + "AA", issued.tokens().get(Role.FACILITATOR))).isEmpty();
        assertThat(SharedLinks.open(null, issued.tokens().get(Role.FACILITATOR))).isEmpty();
        var meta = new BoardMeta("b1", "t", "blank", 1L, issued.hashes()).withLinks(issued);
        assertThat(BoardMeta.fromJson(meta.toJson())).isEqualTo(meta);
        // a board stored before shared links were kept reads back without them
        var old = meta.toJson().without("sharedLinks");
        assertThat(BoardMeta.fromJson(old).sharedLinks()).isNull();
    }
}
