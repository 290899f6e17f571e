package dev.journeyboard.load.voc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Issue 13's feedback measurement: how long a 10,000-row CSV import takes, and whether edits on the same board keep
 * their op latency while imports run. Against a running server on loopback ({@code --url}): it creates a board with
 * four touchpoint cards (ext keys, keywords), connects {@code --editors} editors that each edit their own card
 * {@code --rate} times a second and one observer, measures op latency (send -> the observer's {@code applied}) for
 * {@code --baseline} seconds, then posts {@code --imports} imports of {@code --rows} rows one after the other while
 * the edits go on, and prints both latency distributions, every import's time and the machine's load average.
 *
 * <pre>java -cp load-tests/target/jb-load.jar dev.journeyboard.load.voc.FeedbackImportRun --url http://127.0.0.1:18940</pre>
 */
public final class FeedbackImportRun {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[][] KINDS = {
            {"支付页面卡住了，付款失败，重试了三次还是不行", ""}, {"Payment failed at checkout, the card was charged twice", ""},
            {"快递太慢，物流信息三天不更新，客服电话也打不通", ""}, {"Delivery was late again and the box was damaged", ""},
            {"服务态度一般，等了很久才有人回复", "support-desk"}, {"The app crashed on startup after the last update", ""},
            {"整体还行，没什么特别的，价格可以再便宜一点", ""}, {"Nice experience overall, would recommend to friends", ""},
            {"退货流程太复杂，找不到入口", ""}, {"客服说快递明天到", ""}};
    private static final String[] CHANNELS = {"App", "微信", "Web", "电话", "小程序"};

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("url", "http://127.0.0.1:8080");
        if (!URI.create(url).getHost().matches("127\\.0\\.0\\.1|localhost|::1")) throw new IllegalArgumentException("loopback URLs only");
        int rows = Integer.parseInt(o.getOrDefault("rows", "10000"));
        int imports = Integer.parseInt(o.getOrDefault("imports", "5"));
        int editors = Integer.parseInt(o.getOrDefault("editors", "5"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "2"));
        int baseline = Integer.parseInt(o.getOrDefault("baseline", "20"));

        var extra = new ArrayList<Op>();
        for (int e = 0; e < editors; e++) {
            extra.add(new Op.Create("ed-" + e, ElementType.CARD, "lane-actions", "W" + (char) ('a' + e % 26) + (e / 26 + 1), NODES.objectNode().put("stage", "stage-aware").put("text", "editor " + e)));
        }
        DemoBoard.Created created = DemoBoard.create(url, "客户之声 load", extra);
        String board = created.id();
        JsonNode tokens = created.tokens();
        HttpClient http = HttpClient.newHttpClient();
        byte[] csv = csv(rows);
        System.out.printf(Locale.ROOT, "board %s, CSV of %d rows, %d bytes; load average before: %s%n", board, rows, csv.length, loadAverage());

        Vertx vertx = Vertx.vertx();
        WebSocketClient wsc = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(64 << 20).setMaxMessageSize(64 << 20));
        URI u = URI.create(url);
        var sent = new ConcurrentHashMap<String, Long>();
        var phase = new Histogram[] {new Histogram(60_000_000_000L, 3)};
        var baseHist = phase[0];
        var importHist = new Histogram(60_000_000_000L, 3);
        // the observer: every applied of an editor's cid is one delivered op
        ClientWebSocket observer = connect(wsc, u, board, tokens.get("view").textValue(), "observer", text -> {
            ServerMessage m = MessageCodec.decodeServer(text);
            List<ServerMessage> all = m instanceof ServerMessage.Batch b ? b.messages() : List.of(m);
            long now = System.nanoTime();
            for (ServerMessage x : all) {
                if (x instanceof ServerMessage.Applied a) {
                    Long t0 = sent.remove(a.client() + "/" + a.cid());
                    if (t0 != null) synchronized (phase) { phase[0].recordValue(now - t0); }
                }
            }
        });
        var sockets = new ArrayList<ClientWebSocket>();
        for (int e = 0; e < editors; e++) sockets.add(connect(wsc, u, board, tokens.get("edit").textValue(), "editor-" + e, text -> {}));
        long period = (long) (1_000_000_000L / rate);
        var running = new boolean[] {true};
        var threads = new ArrayList<Thread>();
        for (int e = 0; e < editors; e++) {
            int ed = e;
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                long next = System.nanoTime() + (long) (Math.random() * period);
                for (long cid = 1; running[0]; cid++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) sleepNanos(wait);
                    next += period;
                    var ops = List.<Op>of(new Op.Update("ed-" + ed, NODES.objectNode().put("text", "edit " + cid), List.of()));
                    String frame = new String(MessageCodec.encode(new ClientMessage.Ops(cid, null, ops)), StandardCharsets.UTF_8);
                    sent.put("editor-" + ed + "/" + cid, System.nanoTime());
                    sockets.get(ed).writeTextMessage(frame);
                }
            });
            threads.add(t);
        }
        Thread.sleep(baseline * 1000L);
        synchronized (phase) { phase[0] = importHist; }
        var times = new ArrayList<String>();
        for (int i = 0; i < imports; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/boards/" + board + "/feedback")).timeout(Duration.ofMinutes(2))
                    .header("authorization", "Bearer " + tokens.get("data").textValue()).header("content-type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(), HttpResponse.BodyHandlers.ofString());
            double s = (System.nanoTime() - t0) / 1e9;
            JsonNode a = json(r);
            times.add(String.format(Locale.ROOT, "%.2f s", s));
            System.out.printf(Locale.ROOT, "import %d: HTTP %d in %.2f s: rows %s, imported %s, matched %s, unmatched %s, skipped %s%n", i + 1, r.statusCode(), s,
                    a.path("rows"), a.path("imported"), a.path("matched"), a.path("unmatched"), a.path("skipped"));
        }
        running[0] = false;
        for (Thread t : threads) t.join();
        Thread.sleep(1000);
        System.out.printf(Locale.ROOT, "op latency (ms)      %8s %8s %8s %8s %8s%n", "count", "p50", "p99", "p99.9", "max");
        print("before the imports", baseHist);
        print("during the imports", importHist);
        System.out.printf(Locale.ROOT, "imports: %s; load average after: %s%n", String.join(", ", times), loadAverage());
        observer.close();
        for (var s : sockets) s.close();
        wsc.close();
        vertx.close();
    }

    /** Rows like Chinese survey exports: Chinese and English, channels, dates, ratings, some tagged by touchpoint. */
    static byte[] csv(int rows) {
        var sb = new StringBuilder("\uFEFF文本,渠道,日期,评分,触点\r\n");
        for (int i = 0; i < rows; i++) {
            String[] k = KINDS[i % KINDS.length];
            String text = k[0] + " #" + (i + 1);
            sb.append('"').append(text.replace("\"", "\"\"")).append("\",").append(CHANNELS[i % CHANNELS.length]).append(',')
                    .append(String.format(Locale.ROOT, "2026-%02d-%02d", 1 + (i / 28) % 11, 1 + i % 28)).append(',').append(1 + i % 5).append(',')
                    .append(k[1]).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ClientWebSocket connect(WebSocketClient wsc, URI u, String board, String token, String client,
                                           java.util.function.Consumer<String> onText) throws Exception {
        ClientWebSocket ws = wsc.webSocket();
        var welcomed = new CountDownLatch(1);
        ws.textMessageHandler(t -> {
            if (welcomed.getCount() > 0 && t.contains("\"type\":\"welcome\"")) welcomed.countDown();
            else onText.accept(t);
        });
        ws.binaryMessageHandler(b -> onText.accept(b.toString(StandardCharsets.UTF_8)));
        ws.connect(new WebSocketConnectOptions().setHost(u.getHost()).setPort(u.getPort()).setURI("/ws/boards/" + board + "?token=" + token))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.writeTextMessage(new String(MessageCodec.encode(new ClientMessage.Hello(MessageCodec.VERSION, client, client, null)), StandardCharsets.UTF_8));
        if (!welcomed.await(10, TimeUnit.SECONDS)) throw new IllegalStateException(client + ": no welcome");
        return ws;
    }

    private static void print(String what, Histogram h) {
        System.out.printf(Locale.ROOT, "%-20s %8d %8.2f %8.2f %8.2f %8.2f%n", what, h.getTotalCount(), h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "?";
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        return MessageCodec.parseObject(r.body());
    }

    private static void sleepNanos(long n) {
        try {
            TimeUnit.NANOSECONDS.sleep(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> options(String[] args) {
        var o = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected " + args[i]);
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
