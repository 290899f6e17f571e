package dev.journeyboard.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.message.MessageCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntSupplier;

/** The HTTP calls tests make to a server on loopback, whether it runs in the test's JVM or as a child process. */
public final class ServerHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final IntSupplier port;

    /** @param port read at each call: a child process learns its port only once started */
    public ServerHttp(IntSupplier port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** A GET carrying a board token as {@code Authorization: Bearer}. */
    public HttpResponse<String> get(String path, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer).GET().build());
    }

    /** A DELETE, with a board token as {@code Authorization: Bearer} unless {@code bearer} is null. */
    public HttpResponse<String> delete(String path, String bearer) {
        var b = request(path).DELETE();
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(request(path).header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A JSON POST carrying a board token as {@code Authorization: Bearer}. */
    public HttpResponse<String> post(String path, String body, String bearer) {
        return send(request(path).header("content-type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Creates a board through the API; fails the test unless the server answers 201. */
    public TestServer.Board createBoard(String title, String template) {
        HttpResponse<String> r = post("/api/boards", "{\"title\":" + MessageCodec.json().valueToTree(title) + ",\"template\":\"" + template + "\"}");
        if (r.statusCode() != 201) throw new AssertionError("create board: " + r.statusCode() + " " + r.body());
        JsonNode n = MessageCodec.parseObject(r.body());
        JsonNode t = n.get("tokens");
        return new TestServer.Board(n.get("id").textValue(), t.get("facilitator").textValue(), t.get("edit").textValue(), t.get("view").textValue(),
                t.get("comment").textValue());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest req) {
        return send(http, req, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Checks that a {@code /health} answer says the store is down (503, {@code degraded}, store {@code down}) and
     * returns the store's error text, for the test to check the cause.
     */
    public static String storeDownError(HttpResponse<String> health) {
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        JsonNode h = MessageCodec.parseObject(health.body());
        assertThat(h.path("status").textValue()).isEqualTo("degraded");
        assertThat(h.path("store").path("status").textValue()).isEqualTo("down");
        return h.path("store").path("error").textValue();
    }

    /** Sends {@code req} and waits for the answer; a failed exchange (refused, reset, timed out) fails the test. */
    public static <T> HttpResponse<T> send(HttpClient http, HttpRequest req, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(req, body);
        } catch (IOException e) {
            throw new AssertionError(req.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
