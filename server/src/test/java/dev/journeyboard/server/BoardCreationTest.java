package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may create boards: a per-address allowance (beyond it 429 RATE_LIMITED) and, when configured, a creation
 * key carried as {@code Authorization: Bearer}. Each test has its own server (its own allowance).
 */
class BoardCreationTest {
    static final String BODY = "{\"title\":\"创建\",\"template\":\"blank\"}";

    private static HttpResponse<String> create(TestServer s, String authorization) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/boards"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (authorization != null) b.header("Authorization", authorization);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void beyondTheAllowanceAnAddressGets429() throws Exception {
        try (var s = new TestServer(Map.of("JB_CREATES_PER_MINUTE", "3"))) {
            for (int i = 0; i < 3; i++) assertThat(create(s, null).statusCode()).as("creation " + (i + 1)).isEqualTo(201);
            var refused = create(s, null);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(TestServer.json(refused.body()).get("code").textValue()).isEqualTo("RATE_LIMITED");
            assertThat(refused.headers().firstValue("retry-after")).hasValue("60");
            assertThat(s.get("/api/boards/x").statusCode()).as("reading is not limited").isEqualTo(404);
        }
    }

    @Test
    void withACreationKeyOnlyRequestsCarryingItCreate() throws Exception {
        try (var s = new TestServer(Map.of("JB_CREATE_TOKEN", "k3y-for-our-team"))) {
            for (String wrong : new String[] {null, "Bearer nope", "k3y-for-our-team", "Basic k3y-for-our-team"}) {
                var r = create(s, wrong);
                assertThat(r.statusCode()).as(String.valueOf(wrong)).isEqualTo(401);
                assertThat(TestServer.json(r.body()).get("code").textValue()).isEqualTo("UNAUTHORIZED");
            }
            assertThat(create(s, "Bearer k3y-for-our-team").statusCode()).isEqualTo(201);
            assertThat(create(s, "bearer  k3y-for-our-team ").statusCode()).as("scheme in any case, blanks trimmed").isEqualTo(201);
        }
    }
}
