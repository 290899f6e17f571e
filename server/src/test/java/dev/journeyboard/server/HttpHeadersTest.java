package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP surface over a real server: the page is revalidated on every load (only content-hashed assets are
 * cached for good), and every answer, page and API, carries the security headers.
 */
class HttpHeadersTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void thePageIsRevalidatedAndOnlyHashedAssetsAreImmutable() {
        for (String page : new String[] {"/", "/b/b7Qk2mX9aZ", "/index.html"}) {
            var r = server.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).contains("<div id=\"app\">");
            assertThat(r.headers().firstValue("cache-control")).as(page).hasValue("no-cache");
            assertSecurityHeaders(r, page);
        }
        var m = Pattern.compile("/assets/[A-Za-z0-9_.-]+\\.js").matcher(server.get("/").body());
        assertThat(m.find()).as("the page names its script").isTrue();
        var asset = server.get(m.group());
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
        assertSecurityHeaders(asset, m.group());
    }

    @Test
    void apiAnswersCarryTheHeadersToo() {
        var http = new dev.journeyboard.server.testing.ServerHttp(server::port); // a connection of its own
        var created = http.post("/api/boards", "{\"title\":\"headers\",\"template\":\"blank\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertSecurityHeaders(created, "POST /api/boards");
        assertThat(created.headers().firstValue("cache-control")).hasValue("no-store");
        var missing = http.get("/api/boards/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertSecurityHeaders(missing, "404");
        assertSecurityHeaders(http.get("/health"), "/health");
    }

    static void assertSecurityHeaders(HttpResponse<String> r, String what) {
        String csp = r.headers().firstValue("content-security-policy").orElse("");
        assertThat(csp).as(what + " CSP").contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'");
        assertThat(csp).as(what + ": no inline or eval'd scripts").doesNotContain("script-src 'self' 'unsafe", "unsafe-eval");
        assertThat(csp).as(what + ": the WebSocket origin").contains("ws://127.0.0.1:" + server.port());
        assertThat(r.headers().firstValue("x-content-type-options")).as(what).hasValue("nosniff");
        assertThat(r.headers().firstValue("referrer-policy")).as(what).hasValue("no-referrer");
        assertThat(r.headers().firstValue("x-frame-options")).as(what).hasValue("DENY");
    }
}
