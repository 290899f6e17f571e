package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.server.persona.Images;
import dev.journeyboard.server.testing.ServerHttp;
import dev.journeyboard.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Persona photos over real HTTP: uploads of good, bad and oversized images, fetching them back with the right type,
 * and the tokens (editors and facilitators upload, every link of the board reads, nobody else).
 */
class PersonaImagesTest {
    static final int LIMIT = 64 * 1024;

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("JB_MAX_IMAGE_BYTES", String.valueOf(LIMIT)));
    static final HttpClient http = HttpClient.newHttpClient();

    final TestServer.Board board = server.createBoard("画像", "journey");

    static HttpResponse<byte[]> upload(String boardId, String token, byte[] body, String contentType) {
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/boards/" + boardId + "/images" + (token == null ? "" : "?token=" + token)))
                .timeout(Duration.ofSeconds(20)).header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send(req);
    }

    static HttpResponse<byte[]> fetch(String boardId, String imageId, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/boards/" + boardId + "/images/" + imageId + "?token=" + token))
                .timeout(Duration.ofSeconds(20)).GET().build());
    }

    private static HttpResponse<byte[]> send(HttpRequest req) {
        return ServerHttp.send(http, req, HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        return TestServer.json(new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void pngJpegAndWebpAreStoredAndServedBackWithTheirType() {
        record Case(byte[] bytes, String type) {}
        for (Case c : new Case[] {new Case(Images.png(96, 80), "image/png"), new Case(Images.jpeg(120, 90), "image/jpeg"),
                new Case(Images.WEBP_LOSSY, "image/webp"), new Case(Images.WEBP_ALPHA, "image/webp")}) {
            // the Content-Type sent is ignored: the bytes decide
            var up = upload(board.id(), board.editor(), c.bytes(), "application/octet-stream");
            assertThat(up.statusCode()).as(new String(up.body(), StandardCharsets.UTF_8)).isEqualTo(201);
            String id = json(up).get("id").textValue();
            assertThat(id).matches("[A-Za-z0-9_-]{1,64}");
            assertThat(json(up).get("type").textValue()).isEqualTo(c.type());
            for (String token : new String[] {board.viewer(), board.editor(), board.facilitator()}) {
                var got = fetch(board.id(), id, token);
                assertThat(got.statusCode()).isEqualTo(200);
                assertThat(got.body()).isEqualTo(c.bytes());
                assertThat(got.headers().firstValue("content-type")).hasValue(c.type());
                assertThat(got.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            }
        }
        var up = upload(board.id(), board.facilitator(), Images.png(10, 12), "image/png");
        assertThat(json(up).get("width").intValue()).isEqualTo(10);
        assertThat(json(up).get("height").intValue()).isEqualTo(12);
    }

    @Test
    void anythingButAnImageIsRefusedByItsBytesAndNothingIsStored() throws IOException {
        var svg = upload(board.id(), board.editor(), "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8), "image/png");
        assertThat(svg.statusCode()).isEqualTo(415);
        assertThat(json(svg).get("code").textValue()).isEqualTo("INVALID_VALUE");
        assertThat(json(svg).get("message").textValue()).isEqualTo("not a PNG, JPEG or WebP image");
        var gif = upload(board.id(), board.editor(), "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), "image/gif");
        assertThat(gif.statusCode()).isEqualTo(415);
        var truncated = upload(board.id(), board.editor(), Arrays.copyOf(Images.png(10, 10), 20), "image/png");
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(json(truncated).get("message").textValue()).isEqualTo("a broken PNG: no IHDR header");
        var empty = upload(board.id(), board.editor(), new byte[0], "image/png");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("code").textValue()).isEqualTo("INVALID_VALUE");
        assertThat(imageFiles(board.id())).isZero();
    }

    @Test
    void anImageOverTheLimitIsTooLarge() throws IOException {
        byte[] big = Arrays.copyOf(Images.png(16, 16), LIMIT + 1); // a PNG with trailing bytes: the size decides first
        var r = upload(board.id(), board.editor(), big, "image/png");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("code").textValue()).isEqualTo("TOO_LARGE");
        assertThat(json(r).get("message").textValue()).isEqualTo("an image of " + (LIMIT + 1) + " bytes; at most " + LIMIT + " (JB_MAX_IMAGE_BYTES)");
        var atLimit = upload(board.id(), board.editor(), Arrays.copyOf(Images.png(16, 16), LIMIT), "image/png");
        assertThat(atLimit.statusCode()).isEqualTo(201);
        assertThat(imageFiles(board.id())).isEqualTo(1);
        // the server answered and still serves this connection's next request
        assertThat(upload(board.id(), board.editor(), Images.png(2, 2), "image/png").statusCode()).isEqualTo(201);
    }

    @Test
    void tokensDecideWhoUploadsAndWhoReads() {
        var other = server.createBoard("另一个", "blank");
        var noToken = upload(board.id(), null, Images.png(4, 4), "image/png");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(json(noToken).get("code").textValue()).isEqualTo("UNAUTHORIZED");
        assertThat(upload(board.id(), other.editor(), Images.png(4, 4), "image/png").statusCode()).as("another board's token").isEqualTo(401);
        var view = upload(board.id(), board.viewer(), Images.png(4, 4), "image/png");
        assertThat(view.statusCode()).isEqualTo(403);
        assertThat(json(view).get("code").textValue()).isEqualTo("FORBIDDEN");
        assertThat(upload("nosuchboard1", board.editor(), Images.png(4, 4), "image/png").statusCode()).isEqualTo(404);

        String id = json(upload(board.id(), board.editor(), Images.png(4, 4), "image/png")).get("id").textValue();
        assertThat(fetch(board.id(), id, "wrong").statusCode()).isEqualTo(401);
        assertThat(fetch(board.id(), id, other.viewer()).statusCode()).isEqualTo(401);
        assertThat(fetch(other.id(), id, other.viewer()).statusCode()).as("an image belongs to its board").isEqualTo(404);
        var missing = fetch(board.id(), "nope", board.viewer());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("code").textValue()).isEqualTo("IMAGE_NOT_FOUND");
        assertThat(fetch(board.id(), "..%2Fmeta.json", board.viewer()).statusCode()).isEqualTo(404);
    }

    private long imageFiles(String boardId) throws IOException {
        var dir = server.dataDir().resolve("boards").resolve(boardId).resolve("images");
        if (!Files.isDirectory(dir)) return 0;
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
