package dev.journeyboard.server.metrics;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.props;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.DataHttp;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/boards/{id}/metrics} over real HTTP, watched by a participant over a real WebSocket. */
class MetricsHttpTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());
    static final DataHttp http = new DataHttp(server);

    DataHttp.Board board;

    @BeforeEach
    void board() {
        board = http.createBoard("指标看板");
        http.seed(board,
                card("t1", "touch", "purchase", "支付页面"),
                new Op.Update("t1", props().put("ext", "checkout-page"), List.of()),
                card("t2", "touch", "use", "App 首页"));
    }

    private HttpResponse<String> push(String json) {
        return http.postJson("/api/boards/" + board.id() + "/metrics", json, board.data());
    }

    @Test
    void aReadingBecomesTheCardsValueLiveForEveryoneAuthoredByTheIntegration() {
        try (TestClient watcher = server.connect(board.id(), board.viewer())) {
            watcher.hello("看板观众", "watch", null);
            var r = push("{\"touchpoint\":\"checkout-page\",\"metric\":\"csat\",\"value\":3.8,\"n\":412,\"at\":\"2026-11-30\",\"target\":4.2}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode answer = DataHttp.json(r);
            assertThat(answer.get("applied").intValue()).isEqualTo(1);
            var applied = watcher.await(ServerMessage.Applied.class, a -> a.author().equals("@integration"));
            assertThat(applied.seq()).isEqualTo(answer.get("seq").longValue());
            assertThat(applied.client()).isEqualTo("@server");
        }
        JsonNode p = http.seen(board).get("t1").props();
        assertThat(p.get("csat").doubleValue()).isEqualTo(3.8);
        assertThat(p.get("csatN").intValue()).isEqualTo(412);
        assertThat(p.get("csatTarget").doubleValue()).isEqualTo(4.2);
        assertThat(p.get("csatHistory").toString()).isEqualTo("[{\"at\":\"2026-11-30\",\"value\":3.8}]");
    }

    @Test
    void aListKeepsTheHistorySortedReplacesADayAndABackfillDoesNotTurnTheValueBack() {
        assertThat(push("""
                [{"touchpoint":"checkout-page","metric":"nps","value":10,"at":"2026-11-02"},
                 {"touchpoint":"checkout-page","metric":"nps","value":30,"n":50,"at":"2026-11-04"},
                 {"touchpoint":"t2","metric":"ces","value":5.5,"at":"2026-11-04"}]""").statusCode()).isEqualTo(200);
        // the same day again replaces it; an earlier day only fills in the history
        assertThat(push("""
                [{"touchpoint":"checkout-page","metric":"nps","value":-20,"n":60,"at":"2026-11-04"},
                 {"touchpoint":"checkout-page","metric":"nps","value":0,"n":7,"at":"2026-11-03"}]""").statusCode()).isEqualTo(200);
        var seen = http.seen(board);
        JsonNode p = seen.get("t1").props();
        assertThat(p.get("nps").intValue()).isEqualTo(-20);
        assertThat(p.get("npsN").intValue()).isEqualTo(60);
        assertThat(p.get("npsHistory").toString()).isEqualTo(
                "[{\"at\":\"2026-11-02\",\"value\":10},{\"at\":\"2026-11-03\",\"value\":0},{\"at\":\"2026-11-04\",\"value\":-20}]");
        assertThat(seen.get("t2").props().get("ces").doubleValue()).isEqualTo(5.5);
    }

    @Test
    void theHistoryKeepsSixtyReadingsDroppingTheOldest() {
        var sb = new StringBuilder("[");
        for (int d = 1; d <= 70; d++) {
            var day = java.time.LocalDate.of(2026, 1, 1).plusDays(d - 1);
            if (d > 1) sb.append(',');
            sb.append("{\"touchpoint\":\"t2\",\"metric\":\"csat\",\"value\":").append(1 + (d % 5)).append(",\"at\":\"").append(day).append("\"}");
        }
        assertThat(push(sb.append(']').toString()).statusCode()).isEqualTo(200);
        JsonNode h = http.seen(board).get("t2").props().get("csatHistory");
        assertThat(h.size()).isEqualTo(60);
        assertThat(h.get(0).get("at").textValue()).isEqualTo("2026-01-11");
        assertThat(h.get(59).get("at").textValue()).isEqualTo("2026-03-11");
    }

    @Test
    void everyBadRequestGetsItsErrorAndChangesNothing() {
        var before = http.seen(board);
        expect(push("[{\"touchpoint\":\"checkout-page\",\"metric\":\"csat\",\"value\":4},{\"touchpoint\":\"nope\",\"metric\":\"csat\",\"value\":4}]"),
                404, "ELEMENT_NOT_FOUND", "readings[1].touchpoint 'nope'");
        expect(push("[{\"touchpoint\":\"t1\",\"metric\":\"csat\",\"value\":4},{\"touchpoint\":\"t1\",\"metric\":\"csat\",\"value\":5.5}]"),
                400, "INVALID_VALUE", "readings[1].value: csat must be a number from 1 to 5");
        expect(push("{\"touchpoint\":\"t1\",\"metric\":\"nps\",\"value\":101}"), 400, "INVALID_VALUE", "readings[0].value: nps must be a number from -100 to 100");
        expect(push("{\"touchpoint\":\"t1\",\"metric\":\"ces\",\"value\":3,\"at\":\"2026-02-30\"}"), 400, "INVALID_VALUE", "readings[0].at must be a real date");
        expect(push("{\"touchpoint\":\"t1\",\"metric\":\"ces\",\"value\":3,\"at\":\"30.11.2026\"}"), 400, "INVALID_VALUE", "readings[0].at");
        expect(push("{\"touchpoint\":\"t1\",\"metric\":\"nss\",\"value\":3}"), 400, "INVALID_VALUE", "readings[0].metric must be csat, nps or ces");
        expect(push("{\"touchpoint\":\"t1\",\"metric\":\"csat\",\"value\":3,\"n\":-1}"), 400, "INVALID_VALUE", "readings[0].n");
        expect(push("{\"touchpoint\":\"t1\",\"metric\":\"csat\",\"vaule\":3}"), 400, "BAD_MESSAGE", "unknown field 'vaule'");
        expect(push("{\"touchpoint\":\"t1\",\"metric\":\"csat\",\"value\":\"3\"}"), 400, "BAD_MESSAGE", "readings[0].value");
        expect(push("{\"touchpoint\":\"t1\",\"metric\":"), 400, "BAD_MESSAGE", "not JSON");
        expect(push("[]"), 400, "BAD_MESSAGE", "no readings");
        expect(push("42"), 400, "BAD_MESSAGE", "a reading");
        String one = "{\"touchpoint\":\"t1\",\"metric\":\"csat\",\"value\":3}";
        expect(http.postJson("/api/boards/" + board.id() + "/metrics", one, board.facilitator()), 401, "UNAUTHORIZED", "data token");
        expect(http.postJson("/api/boards/" + board.id() + "/metrics", one, null), 401, "UNAUTHORIZED", "data token");
        expect(http.postJson("/api/boards/" + board.id() + "/metrics", one, "x" + board.data()), 401, "UNAUTHORIZED", "data token");
        expect(http.postJson("/api/boards/NoSuchBoard12/metrics", one, board.data()), 404, "BOARD_NOT_FOUND", "no such board");
        expect(push("[" + (one + ",").repeat(1000) + one + "]"), 413, "TOO_LARGE", "1001 readings");
        var after = http.seen(board);
        assertThat(after.seq()).isEqualTo(before.seq());
        assertThat(after.elements()).isEqualTo(before.elements());
    }

    @Test
    void theDataTokenOpensNoSocketAndReadsNothing() {
        var away = server.turnAway(board.id(), board.data());
        assertThat(away.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(away.closeStatus()).isEqualTo(4401);
        assertThat(server.get("/api/boards/" + board.id() + "?token=" + board.data()).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/boards/" + board.id() + "/export/plan.csv", board.data()).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/boards/" + board.id() + "/feedback?unmatched=1", board.data()).statusCode()).isEqualTo(401);
    }

    @Test
    void aFacilitatorOnAnyDeviceGetsTheDataTokenFromTheLinksButNoLinkWithIt() {
        JsonNode n = DataHttp.json(http.get("/api/boards/" + board.id() + "/links", board.facilitator()));
        assertThat(n.get("tokens").get("data").textValue()).isEqualTo(board.data());
        assertThat(n.get("links").has("data")).isFalse();
        assertThat(http.get("/api/boards/" + board.id() + "/links", board.data()).statusCode()).isEqualTo(401);
    }

    @Test
    void rotatingTheLinksReplacesTheDataToken() {
        String fresh;
        try (TestClient fac = server.connect(board.id(), board.facilitator())) {
            fac.hello("主持人", "fac", null);
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.RotateLinks()));
            var links = fac.await(ServerMessage.Links.class, l -> true);
            fresh = links.tokens().get("data");
            assertThat(links.links()).doesNotContainKey("data");
        }
        assertThat(fresh).isNotNull().isNotEqualTo(board.data());
        String one = "{\"touchpoint\":\"t1\",\"metric\":\"csat\",\"value\":3}";
        expect(push(one), 401, "UNAUTHORIZED", "data token");
        assertThat(http.postJson("/api/boards/" + board.id() + "/metrics", one, fresh).statusCode()).isEqualTo(200);
        assertThat(DataHttp.json(http.get("/api/boards/" + board.id() + "/links", board.facilitator())).path("code").textValue())
                .as("the old facilitator link is gone too").isEqualTo("UNAUTHORIZED");
    }

    private static void expect(HttpResponse<String> r, int status, String code, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode b = DataHttp.json(r);
        assertThat(b.get("code").textValue()).as(r.body()).isEqualTo(code);
        assertThat(b.get("message").textValue()).contains(message);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    }
}
