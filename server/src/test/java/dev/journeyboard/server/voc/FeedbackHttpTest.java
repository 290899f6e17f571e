package dev.journeyboard.server.voc;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.props;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.DataHttp;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Customer feedback over real HTTP: CSV imports (UTF-8 and GB18030), matching, lists, tags, and every refusal. */
class FeedbackHttpTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());
    @RegisterExtension
    static final TestServer small = TestServer.perClass(Map.of("JB_FEEDBACK_MAX_ROWS", "5", "JB_FEEDBACK_MAX_BYTES", "2000",
            "JB_FEEDBACK_MAX_TEXT", "40"));
    static final DataHttp http = new DataHttp(server);
    static final DataHttp smallHttp = new DataHttp(small);

    static final String CSV = """
            文本,渠道,日期,评分,触点
            支付页面一直转圈，付款失败,App,2026-11-28,2,
            "Checkout was slow, but payment worked",Web,2026/11/29,4,
            快递太慢了，物流信息不更新,微信,2026年11月30日,1,
            The delivery guy called support,Phone,2026-11-30,3,
            Nice app overall,,2026-11-27,5,checkout-page
            随便说说,,2026-11-26,,
            """;

    DataHttp.Board board;

    @BeforeEach
    void board() {
        board = http.createBoard("客户之声");
        seed(http, board);
    }

    static void seed(DataHttp h, DataHttp.Board b) {
        h.seed(b,
                card("t1", "touch", "purchase", "支付页面"),
                new Op.Update("t1", props().put("ext", "checkout-page").set("keywords", list("支付", "Payment", "checkout")), List.of()),
                card("t2", "touch", "use", "物流"),
                new Op.Update("t2", props().set("keywords", list("物流", "delivery", "快递")), List.of()),
                card("t3", "touch", "loyal", "客服"),
                new Op.Update("t3", props().set("keywords", list("客服", "SUPPORT")), List.of()));
    }

    static JsonNode list(String... words) {
        var a = props().arrayNode();
        for (String w : words) a.add(w);
        return a;
    }

    private HttpResponse<String> upload(byte[] csv, String type, String token) {
        return http.post("/api/boards/" + board.id() + "/feedback", type, csv, token);
    }

    private JsonNode listed(String query, String token) {
        var r = http.get("/api/boards/" + board.id() + "/feedback?" + query, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return DataHttp.json(r);
    }

    @Test
    void aUtf8FileWithBomIsImportedMatchedAndSummarisedOnTheCardsLive() {
        try (TestClient watcher = server.connect(board.id(), board.viewer())) {
            watcher.hello("观众", "watch", null);
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] body = concat(bom, CSV.getBytes(StandardCharsets.UTF_8));
            var r = upload(body, "text/csv", board.facilitator());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode a = DataHttp.json(r);
            assertThat(a.get("rows").intValue()).isEqualTo(6);
            assertThat(a.get("imported").intValue()).isEqualTo(6);
            assertThat(a.get("matched").intValue()).isEqualTo(4);
            assertThat(a.get("unmatched").intValue()).isEqualTo(2);
            assertThat(a.get("matchedBy").toString()).isEqualTo("{\"touchpoint\":1,\"keywords\":3}");
            assertThat(a.get("charset").textValue()).isEqualTo("UTF-8");
            assertThat(a.get("errors").size()).isZero();
            var applied = watcher.await(ServerMessage.Applied.class, x -> x.author().equals("@feedback"));
            assertThat(applied.ops()).hasSize(2); // one op message: t1 and t2
            var notice = watcher.await(ServerMessage.Feedback.class, f -> true);
            assertThat(notice.cards()).containsExactlyInAnyOrder("t1", "t2");
            assertThat(notice.unmatched()).isEqualTo(2);
            assertThat(notice.seq()).isEqualTo(applied.seq());
        }
        var seen = http.seen(board);
        JsonNode f1 = seen.get("t1").props().get("feedback");
        assertThat(f1.get("count").intValue()).isEqualTo(3);
        assertThat(f1.get("rating").doubleValue()).isEqualTo(3.67);
        assertThat(f1.get("quotes").toString()).isEqualTo("[{\"text\":\"Checkout was slow, but payment worked\",\"date\":\"2026-11-29\",\"rating\":4,\"channel\":\"Web\"},"
                + "{\"text\":\"支付页面一直转圈，付款失败\",\"date\":\"2026-11-28\",\"rating\":2,\"channel\":\"App\"},"
                + "{\"text\":\"Nice app overall\",\"date\":\"2026-11-27\",\"rating\":5}]");
        assertThat(seen.get("t2").props().get("feedback").get("count").intValue()).isEqualTo(1);
        assertThat(seen.get("t3").props().has("feedback")).isFalse();

        JsonNode t1 = listed("card=t1", board.viewer());
        assertThat(t1.get("total").intValue()).isEqualTo(3);
        assertThat(texts(t1)).containsExactly("Checkout was slow, but payment worked", "支付页面一直转圈，付款失败", "Nice app overall");
        assertThat(t1.get("items").get(2).get("match").textValue()).isEqualTo("touchpoint");
        assertThat(t1.get("items").get(2).get("row").intValue()).isEqualTo(6);
        JsonNode un = listed("unmatched=1", board.editor());
        assertThat(texts(un)).containsExactly("The delivery guy called support", "随便说说");
        JsonNode page = listed("unmatched=1&offset=1&limit=1", board.facilitator());
        assertThat(page.get("total").intValue()).isEqualTo(2);
        assertThat(texts(page)).containsExactly("随便说说");
    }

    @Test
    void gb18030IsDetectedOrNamedAndReadsTheSame() {
        byte[] gb = CSV.getBytes(Charset.forName("GB18030"));
        var r = upload(gb, "text/csv", board.data());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(DataHttp.json(r).get("charset").textValue()).isEqualTo("GB18030");
        assertThat(DataHttp.json(r).get("matched").intValue()).isEqualTo(4);
        var r2 = upload(gb, "text/csv; charset=GBK", board.data());
        assertThat(DataHttp.json(r2).get("imported").intValue()).isEqualTo(6);
        assertThat(texts(listed("card=t2", board.viewer()))).containsExactly("快递太慢了，物流信息不更新", "快递太慢了，物流信息不更新");
        assertThat(http.seen(board).get("t1").props().get("feedback").get("count").intValue()).isEqualTo(6);
    }

    @Test
    void taggingMovesAnItemOntoACardAndOffItLiveForEveryone() {
        assertThat(upload(CSV.getBytes(StandardCharsets.UTF_8), "text/csv", board.facilitator()).statusCode()).isEqualTo(200);
        String item = listed("unmatched=1", board.editor()).get("items").get(0).get("id").textValue();
        try (TestClient watcher = server.connect(board.id(), board.viewer())) {
            watcher.hello("观众", "watch2", null);
            var r = http.postJson("/api/boards/" + board.id() + "/feedback/tag", "{\"items\":[\"" + item + "\"],\"card\":\"t3\"}", board.editor());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(watcher.await(ServerMessage.Feedback.class, f -> true).cards()).containsExactly("t3");
        }
        assertThat(http.seen(board).get("t3").props().get("feedback").get("count").intValue()).isEqualTo(1);
        assertThat(listed("unmatched=1", board.editor()).get("total").intValue()).isEqualTo(1);
        assertThat(listed("card=t3", board.editor()).get("items").get(0).get("match").textValue()).isEqualTo("tag");

        var back = http.postJson("/api/boards/" + board.id() + "/feedback/tag", "{\"items\":[\"" + item + "\"],\"card\":null}", board.facilitator());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(http.seen(board).get("t3").props().has("feedback")).isFalse();
        assertThat(listed("unmatched=1", board.editor()).get("total").intValue()).isEqualTo(2);

        expect(http.postJson("/api/boards/" + board.id() + "/feedback/tag", "{\"items\":[\"f999\"],\"card\":\"t3\"}", board.editor()), 404, "ELEMENT_NOT_FOUND", "no feedback item 'f999'");
        expect(http.postJson("/api/boards/" + board.id() + "/feedback/tag", "{\"items\":[\"" + item + "\"],\"card\":\"zz\"}", board.editor()), 404, "ELEMENT_NOT_FOUND", "no card 'zz'");
        expect(http.postJson("/api/boards/" + board.id() + "/feedback/tag", "{\"items\":[],\"card\":\"t3\"}", board.editor()), 400, "BAD_MESSAGE", "items");
        expect(http.postJson("/api/boards/" + board.id() + "/feedback/tag", "{\"items\":[\"" + item + "\"],\"card\":\"t3\"}", board.viewer()), 403, "FORBIDDEN", "viewer");
        expect(http.postJson("/api/boards/" + board.id() + "/feedback/tag", "{\"items\":[\"" + item + "\"],\"card\":\"t3\"}", board.data()), 401, "UNAUTHORIZED", "edit");
    }

    @Test
    void badRowsAreReportedWithTheirRowAndSkipped() {
        String csv = "text,date,rating,touchpoint,channel\n"
                + "good one,2026-11-01,4,,\n"
                + ",2026-11-01,4,,\n"
                + "bad date,2026-13-01,4,,\n"
                + "bad rating,2026-11-01,11,,\n"
                + "bad rating too,2026-11-01,great,,\n"
                + "\n"
                + "\"multi\nline\",2026-11-02,,,\n"
                + "unknown touchpoint about payment,,,no-such-card,\n"
                + "long channel,,,," + "x".repeat(65) + "\n";
        var r = upload(csv.getBytes(StandardCharsets.UTF_8), "text/csv", board.facilitator());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = DataHttp.json(r);
        assertThat(a.get("rows").intValue()).isEqualTo(8);
        assertThat(a.get("imported").intValue()).isEqualTo(3);
        assertThat(a.get("skipped").intValue()).isEqualTo(5);
        assertThat(a.get("errors").toString()).isEqualTo("[{\"row\":3,\"column\":\"text\",\"message\":\"text is empty\"},"
                + "{\"row\":4,\"column\":\"date\",\"message\":\"date '2026-13-01' is not a date like 2026-11-30\"},"
                + "{\"row\":5,\"column\":\"rating\",\"message\":\"rating '11' is not a number from 0 to 10\"},"
                + "{\"row\":6,\"column\":\"rating\",\"message\":\"rating 'great' is not a number from 0 to 10\"},"
                + "{\"row\":11,\"column\":\"channel\",\"message\":\"channel is longer than 64 characters\"}]");
        assertThat(a.get("warnings").get(0).get("row").intValue()).isEqualTo(10);
        assertThat(a.get("warnings").get(0).get("message").textValue()).contains("'no-such-card' is no card's ext key or id");
        assertThat(listed("card=t1", board.viewer()).get("total").intValue()).as("matched by keywords instead").isEqualTo(1);
    }

    @Test
    void aFileThatCannotBeReadIsRefusedAndChangesNothing() {
        upload(CSV.getBytes(StandardCharsets.UTF_8), "text/csv", board.facilitator());
        var before = http.seen(board);
        int unmatched = listed("unmatched=1", board.editor()).get("total").intValue();
        String f = board.facilitator();
        expect(upload(new byte[0], "text/csv", f), 400, "BAD_CSV", "the file is empty");
        expect(upload("text\nhello\u0000world\n".getBytes(StandardCharsets.UTF_8), "text/csv", f), 400, "BAD_CSV", "a zero byte");
        expect(upload(new byte[] {0x50, 0x4B, 0x03, 0x04, 1, 2, 3}, "text/csv", f), 400, "BAD_CSV", "Excel workbook (.xlsx)");
        expect(upload("text\nhi\n".getBytes(StandardCharsets.UTF_16), "text/csv", f), 400, "BAD_CSV", "UTF-16");
        expect(upload("comment,date\nhello,2026-11-01\n".getBytes(StandardCharsets.UTF_8), "text/csv", f), 400, "MISSING_COLUMN", "no text column (text, 文本 or 内容); it names: comment, date");
        expect(upload("text\n\"never closed\nmore\n".getBytes(StandardCharsets.UTF_8), "text/csv", f), 400, "BAD_CSV", "opened on row 2 is never closed");
        expect(upload("文本\n支付\n".getBytes(Charset.forName("GB18030")), "text/csv; charset=utf-8", f), 400, "BAD_CSV", "not valid UTF-8");
        expect(upload("text\nhi\n".getBytes(StandardCharsets.UTF_8), "text/csv; charset=latin1", f), 400, "BAD_CSV", "charset 'latin1' is not supported");
        expect(upload("{\"text\":1}".getBytes(StandardCharsets.UTF_8), "application/json", f), 415, "UNSUPPORTED_MEDIA_TYPE", "text/csv");
        expect(upload(CSV.getBytes(StandardCharsets.UTF_8), "text/csv", board.editor()), 403, "FORBIDDEN", "facilitator");
        expect(upload(CSV.getBytes(StandardCharsets.UTF_8), "text/csv", board.viewer()), 403, "FORBIDDEN", "facilitator");
        expect(upload(CSV.getBytes(StandardCharsets.UTF_8), "text/csv", null), 401, "UNAUTHORIZED", "data token");
        var after = http.seen(board);
        assertThat(after.seq()).isEqualTo(before.seq());
        assertThat(after.elements()).isEqualTo(before.elements());
        assertThat(listed("unmatched=1", board.editor()).get("total").intValue()).isEqualTo(unmatched);
        expect(http.get("/api/boards/" + board.id() + "/feedback", board.editor()), 400, "BAD_MESSAGE", "?card=");
        expect(http.get("/api/boards/" + board.id() + "/feedback?card=zz", board.editor()), 404, "ELEMENT_NOT_FOUND", "no card 'zz'");
        expect(http.get("/api/boards/" + board.id() + "/feedback?unmatched=1&limit=501", board.editor()), 400, "BAD_MESSAGE", "limit");
        expect(http.get("/api/boards/" + board.id() + "/feedback?unmatched=1", null), 401, "UNAUTHORIZED", "links");
    }

    @Test
    void theLimitsAreSettingsWithClearErrors() {
        var b = smallHttp.createBoard("limits");
        seed(smallHttp, b);
        var before = smallHttp.seen(b);
        String path = "/api/boards/" + b.id() + "/feedback";
        expect(smallHttp.post(path, "text/csv", ("text\n" + "a\n".repeat(6)).getBytes(StandardCharsets.UTF_8), b.facilitator()),
                413, "TOO_LARGE", "more than 5 rows (JB_FEEDBACK_MAX_ROWS)");
        expect(smallHttp.post(path, "text/csv", ("text\n" + "x".repeat(2100)).getBytes(StandardCharsets.UTF_8), b.facilitator()),
                413, "TOO_LARGE", "JB_FEEDBACK_MAX_BYTES");
        assertThat(smallHttp.seen(b)).isEqualTo(before);
        var r = smallHttp.post(path, "text/csv", ("text\nshort\n" + "y".repeat(41) + "\n").getBytes(StandardCharsets.UTF_8), b.facilitator());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(DataHttp.json(r).get("errors").get(0).get("message").textValue()).isEqualTo("text has 41 characters; at most 40 (JB_FEEDBACK_MAX_TEXT)");
        assertThat(DataHttp.json(r).get("imported").intValue()).isEqualTo(1);
    }

    private static List<String> texts(JsonNode page) {
        var out = new ArrayList<String>();
        page.get("items").forEach(i -> out.add(i.get("text").textValue()));
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void expect(HttpResponse<String> r, int status, String code, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode b = DataHttp.json(r);
        assertThat(b.get("code").textValue()).as(r.body()).isEqualTo(code);
        assertThat(b.get("message").textValue()).as(r.body()).contains(message);
    }
}
