package dev.journeyboard.load.voc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A demo board for the data integration: the journey template with four touchpoint cards that integrations can
 * address by their ext keys ({@code app-home}, {@code checkout-page}, {@code delivery}, {@code support-desk}),
 * each with keywords for feedback matching and a CSAT target. Prints the board's links and tokens as shell
 * variables ({@code scripts/push-metrics.sh} reads them).
 *
 * <pre>java -cp load-tests/target/jb-load.jar dev.journeyboard.load.voc.DemoBoard http://127.0.0.1:8080</pre>
 */
public final class DemoBoard {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** id, stage, ext, keywords, text */
    static final String[][] TOUCHPOINTS = {
            {"tp-app", "stage-consider", "app-home", "闪退,crash", "App 首页 / App home"},
            {"tp-checkout", "stage-purchase", "checkout-page", "支付,付款,payment,checkout", "支付页面 / Checkout"},
            {"tp-delivery", "stage-use", "delivery", "物流,快递,delivery", "物流配送 / Delivery"},
            {"tp-support", "stage-loyal", "support-desk", "客服,support", "客服 / Support"}};

    /** A created board: its id and tokens (facilitator, edit, view, data). */
    record Created(String id, JsonNode tokens) {
        String token(String role) {
            return tokens.get(role).textValue();
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        Created b = create(url, "客户旅程 · 数据接入演示 / Data demo", List.of());
        System.out.println("BOARD=" + b.id());
        System.out.println("DATA_TOKEN=" + b.token("data"));
        System.out.println("FACILITATOR_URL=" + url + "/b/" + b.id() + "#t=" + b.token("facilitator"));
        System.out.println("VIEW_URL=" + url + "/b/" + b.id() + "#t=" + b.token("view"));
    }

    /** Creates the board and its touchpoint cards (plus {@code extra} ops), through the real protocol. */
    static Created create(String url, String title, List<Op> extra) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/boards")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":" + MessageCodec.json().valueToTree(title) + ",\"template\":\"journey\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("create board: " + r.statusCode() + " " + r.body());
        JsonNode created = MessageCodec.parseObject(r.body());
        var b = new Created(created.get("id").textValue(), created.get("tokens"));
        var ops = new ArrayList<Op>();
        for (int i = 0; i < TOUCHPOINTS.length; i++) {
            String[] c = TOUCHPOINTS[i];
            ObjectNode p = NODES.objectNode().put("stage", c[1]).put("text", c[4]).put("ext", c[2]).put("csatTarget", 4.2);
            var kw = p.putArray("keywords");
            for (String k : c[3].split(",")) kw.add(k);
            ops.add(new Op.Create(c[0], ElementType.CARD, "lane-touch", "V" + (char) ('a' + i), p));
        }
        ops.addAll(extra);
        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient wsc = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(64 << 20).setMaxMessageSize(64 << 20));
            URI u = URI.create(url);
            ClientWebSocket ws = wsc.webSocket();
            var done = new CompletableFuture<Void>();
            ws.textMessageHandler(t -> {
                ServerMessage m = MessageCodec.decodeServer(t);
                if (m instanceof ServerMessage.Welcome) {
                    ws.writeTextMessage(new String(MessageCodec.encode(new ClientMessage.Ops(1, null, ops)), StandardCharsets.UTF_8));
                } else if (m instanceof ServerMessage.Applied a && a.client().equals("demo-seed")) {
                    done.complete(null);
                } else if (m instanceof ServerMessage.Rejected rj) {
                    done.completeExceptionally(new IllegalStateException("seed rejected: " + rj));
                }
            });
            ws.binaryMessageHandler(buf -> {
                if (buf.toString(StandardCharsets.UTF_8).contains("\"client\":\"demo-seed\"")) done.complete(null);
            });
            ws.connect(new WebSocketConnectOptions().setHost(u.getHost()).setPort(u.getPort()).setURI("/ws/boards/" + b.id() + "?token=" + b.token("facilitator")))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ws.writeTextMessage(new String(MessageCodec.encode(new ClientMessage.Hello(MessageCodec.VERSION, "demo", "demo-seed", null)), StandardCharsets.UTF_8));
            done.get(20, TimeUnit.SECONDS);
            ws.close();
            wsc.close();
        } finally {
            vertx.close();
        }
        return b;
    }
}
