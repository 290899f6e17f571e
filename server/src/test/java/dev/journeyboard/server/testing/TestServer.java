package dev.journeyboard.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.JourneyBoardServer;
import dev.journeyboard.server.ServerConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real server on a free port with its own data folder, plus the HTTP calls tests need. */
public final class TestServer implements AutoCloseable {
    private final JourneyBoardServer server;
    private final Path dataDir;
    private final Vertx clientVertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A created board: its id and the three tokens. */
    public record Board(String id, String facilitator, String editor, String viewer) {}

    public TestServer(Map<String, String> env) throws IOException {
        this(Files.createTempDirectory("jb-test-"), env);
    }

    public TestServer(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        var all = new HashMap<String, String>();
        all.put("JB_PORT", "0");
        all.put("JB_HOST", "127.0.0.1");
        all.put("JB_DATA_DIR", dataDir.toString());
        all.put("JB_EVENT_LOOPS", "2");
        all.putAll(env);
        server = new JourneyBoardServer(ServerConfig.from(all, new String[0]));
        TestClient.await(server.start(), "server start");
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A Vert.x instance for clients, separate from the server's. */
    public Vertx clients() {
        return clientVertx;
    }

    public Board createBoard(String title, String template) {
        HttpResponse<String> r = post("/api/boards", "{\"title\":" + MessageCodec.json().valueToTree(title) + ",\"template\":\"" + template + "\"}");
        if (r.statusCode() != 201) throw new AssertionError("create board: " + r.statusCode() + " " + r.body());
        JsonNode n = json(r.body());
        JsonNode t = n.get("tokens");
        return new Board(n.get("id").textValue(), t.get("facilitator").textValue(), t.get("edit").textValue(), t.get("view").textValue());
    }

    public TestClient connect(String boardId, String token) {
        return TestClient.connect(clientVertx, port(), boardId, token);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).GET().build());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static JsonNode json(String s) {
        return MessageCodec.parseObject(s);
    }

    @Override
    public void close() {
        TestClient.await(server.stop(), "server stop");
        TestClient.await(clientVertx.close(), "client vertx close");
    }
}
