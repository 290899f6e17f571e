package dev.journeyboard.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.JourneyBoardServer;
import dev.journeyboard.server.ServerConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a free port with its own data folder, plus the HTTP calls tests need. One server for a whole
 * test class: {@code @RegisterExtension static final TestServer server = TestServer.perClass(Map.of(...));}
 * (it stops after the class's last test).
 */
public final class TestServer implements AutoCloseable, AfterAllCallback {
    private final JourneyBoardServer server;
    private final Path dataDir;
    private final Vertx clientVertx = Vertx.vertx();
    private final ServerHttp http = new ServerHttp(this::port);

    /** A created board: its id and its tokens. */
    public record Board(String id, String facilitator, String editor, String viewer, String commenter) {}

    /** Started now, closed after the test class that registers it as an extension. */
    public static TestServer perClass(Map<String, String> env) {
        try {
            return new TestServer(env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
        all.put("JB_CREATES_PER_MINUTE", "1000000"); // tests create many boards from one address; CreationTest sets its own
        all.putAll(env);
        server = new JourneyBoardServer(ServerConfig.from(all, new String[0]));
        TestClient.await(server.start(), "server start");
    }

    public int port() {
        return server.port();
    }

    /** The sockets' transport the server runs on: {@code epoll} or {@code nio}. */
    public String transport() {
        return server.transport();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A Vert.x instance for clients, separate from the server's. */
    public Vertx clients() {
        return clientVertx;
    }

    public Board createBoard(String title, String template) {
        return http.createBoard(title, template);
    }

    public TestClient connect(String boardId, String token) {
        return TestClient.connect(clientVertx, port(), boardId, token);
    }

    /** Opens a socket the server is expected to turn away: its error and close code. */
    public TurnedAway turnAway(String boardId, String token) {
        return TurnedAway.at(port(), boardId, token);
    }

    public HttpResponse<String> get(String path) {
        return http.get(path);
    }

    public HttpResponse<String> get(String path, String bearer) {
        return http.get(path, bearer);
    }

    public HttpResponse<String> delete(String path, String bearer) {
        return http.delete(path, bearer);
    }

    public HttpResponse<String> post(String path, String body, String bearer) {
        return http.post(path, body, bearer);
    }

    public HttpResponse<String> post(String path, String body) {
        return http.post(path, body);
    }

    public static JsonNode json(String s) {
        return MessageCodec.parseObject(s);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        TestClient.await(server.stop(), "server stop");
        TestClient.await(clientVertx.close(), "client vertx close");
    }
}
