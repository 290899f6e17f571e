package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: Prometheus text exposition of the server's counters. */
class MetricsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void answersPrometheusTextAndCountsOps() {
        HttpResponse<String> before = server.get("/metrics");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(before.body())
                .contains("# TYPE jb_ops_applied_total counter")
                .contains("# TYPE jb_connections gauge")
                .contains("jb_rooms_loaded")
                .contains("jb_broadcast_bytes_total")
                .contains("jb_presence_frames_dropped_total")
                .contains("jb_ops_rejected_total{code=\"RATE_LIMITED\"}")
                .contains("# TYPE jb_store_append_seconds histogram")
                .contains("jvm_memory_used_bytes");
        double opsBefore = value(before.body(), "jb_ops_applied_total");

        var board = server.createBoard("metrics", "journey");
        try (var a = server.connect(board.id(), board.editor())) {
            a.hello("Ana", "tab-metrics", null);
            a.send(msg(1, card("m1", "pain", "aware", "slow checkout")));
            a.await(ServerMessage.Applied.class, x -> x.cid() == 1);

            String after = server.get("/metrics").body();
            assertThat(value(after, "jb_ops_applied_total")).isEqualTo(opsBefore + 1);
            assertThat(value(after, "jb_connections")).isGreaterThanOrEqualTo(1);
            assertThat(value(after, "jb_rooms_loaded")).isGreaterThanOrEqualTo(1);
            assertThat(value(after, "jb_broadcast_bytes_total")).isPositive();
            assertThat(value(after, "jb_store_append_seconds_count")).isGreaterThanOrEqualTo(1);
        }
    }

    /** The value of an untagged sample line {@code name value}. */
    private static double value(String body, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(body);
        assertThat(m.find()).as("a sample line for " + name + " in\n" + body).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
