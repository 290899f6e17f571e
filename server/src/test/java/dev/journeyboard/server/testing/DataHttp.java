package dev.journeyboard.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The HTTP calls of the integration tests (metrics, feedback): a board with its data token, requests with any
 * body, content type and bearer token, and the board as a new participant sees it (to check that a refused
 * request changed nothing).
 */
public final class DataHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestServer server;

    /** A created board: its id, the three role tokens and the data token. */
    public record Board(String id, String facilitator, String editor, String viewer, String data) {}

    /** The board as a participant joining now is welcomed: its seq and elements (by id). */
    public record Seen(long seq, List<Element> elements) {
        public Element get(String id) {
            return elements.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
        }
    }

    public DataHttp(TestServer server) {
        this.server = server;
    }

    public Board createBoard(String title) {
        HttpResponse<String> r = server.post("/api/boards", "{\"title\":" + MessageCodec.json().valueToTree(title) + ",\"template\":\"journey\"}");
        if (r.statusCode() != 201) throw new AssertionError("create board: " + r.statusCode() + " " + r.body());
        JsonNode t = MessageCodec.parseObject(r.body()).get("tokens");
        return new Board(MessageCodec.parseObject(r.body()).get("id").textValue(), t.get("facilitator").textValue(),
                t.get("edit").textValue(), t.get("view").textValue(), t.get("data").textValue());
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body, String bearer) {
        var b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("content-type", contentType);
        if (bearer != null) b.header("authorization", "Bearer " + bearer);
        return send(b.build());
    }

    public HttpResponse<String> postJson(String path, String json, String bearer) {
        return post(path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), bearer);
    }

    public HttpResponse<String> get(String path, String bearer) {
        var b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) b.header("authorization", "Bearer " + bearer);
        return send(b.build());
    }

    /** Joins with {@code token} and returns what the welcome shows. */
    public Seen seen(Board board) {
        try (TestClient c = server.connect(board.id(), board.facilitator())) {
            ServerMessage.Welcome w = c.hello("observer", "obs-" + UUID.randomUUID().toString().substring(0, 8), null);
            var els = w.snapshot().elements().stream().sorted(Comparator.comparing(Element::id)).toList();
            return new Seen(w.seq(), els);
        }
    }

    /** Sends ops as the facilitator and waits for them to be applied. */
    public void seed(Board board, dev.journeyboard.protocol.op.Op... ops) {
        try (TestClient c = server.connect(board.id(), board.facilitator())) {
            c.hello("seeder", "seed-" + UUID.randomUUID().toString().substring(0, 8), null);
            c.send(new ClientMessage.Ops(1, null, List.of(ops)));
            var a = c.await(ServerMessage.class, m -> m instanceof ServerMessage.Applied || m instanceof ServerMessage.Rejected);
            if (a instanceof ServerMessage.Rejected rj) throw new AssertionError("seed rejected: " + rj);
        }
    }

    public static JsonNode json(HttpResponse<String> r) {
        return MessageCodec.parseObject(r.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> send(HttpRequest req) {
        return ServerHttp.send(http, req, HttpResponse.BodyHandlers.ofString());
    }
}
