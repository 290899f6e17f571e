package dev.journeyboard.server.voc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.testing.DataHttp;
import dev.journeyboard.server.testing.RedisFixture;
import dev.journeyboard.server.testing.TestServer;
import java.nio.charset.Charset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The feedback endpoints on a server with the Redis store: the log is a list under the board's hash tag. */
class FeedbackRedisHttpTest {
    @RegisterExtension
    static final RedisFixture redis = new RedisFixture();

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.perClass(Map.of("JB_REDIS_URL", redis.url()));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void importListAndTagGoThroughTheRedisLog() {
        var http = new DataHttp(server);
        var b = http.createBoard("Redis 客户之声");
        FeedbackHttpTest.seed(http, b);
        var r = http.post("/api/boards/" + b.id() + "/feedback", "text/csv", FeedbackHttpTest.CSV.getBytes(Charset.forName("GB18030")), b.data());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(DataHttp.json(r).get("matched").intValue()).isEqualTo(4);
        assertThat(redis.call("LLEN", RedisFixture.boardKey(b.id(), "feedback"))).isEqualTo("6");
        var un = DataHttp.json(http.get("/api/boards/" + b.id() + "/feedback?unmatched=1", b.viewer()));
        String item = un.get("items").get(0).get("id").textValue();
        assertThat(http.postJson("/api/boards/" + b.id() + "/feedback/tag", "{\"items\":[\"" + item + "\"],\"card\":\"t3\"}", b.editor()).statusCode())
                .isEqualTo(200);
        assertThat(redis.call("LLEN", RedisFixture.boardKey(b.id(), "feedback"))).isEqualTo("7");
        assertThat(http.seen(b).get("t3").props().get("feedback").get("count").intValue()).isEqualTo(1);
        assertThat(DataHttp.json(http.get("/api/boards/" + b.id() + "/feedback?unmatched=1", b.viewer())).get("total").intValue()).isEqualTo(1);
    }
}
