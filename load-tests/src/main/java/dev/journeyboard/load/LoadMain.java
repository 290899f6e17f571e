package dev.journeyboard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.op.Op;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code java -jar jb-load.jar --scenario workshop ...}: plays workshops against a Journey Board server over
 * real WebSockets, measures with HdrHistogram and writes a JSON result and a Markdown summary.
 */
public final class LoadMain {
    static final JsonNodeFactory N = JsonNodeFactory.instance;

    private final Options opt;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Vertx vertx;
    private WebSocketClient wsClient; // a field: an unreferenced client can be collected mid-handshake
    private final List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
    private ServerHandle server;
    private final String loadAtStart = Proc.loadAverage();

    private LoadMain(Options opt) {
        this.opt = opt;
    }

    public static void main(String[] args) throws Exception {
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (Options.UsageException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int code = new LoadMain(opt).run();
        System.exit(code);
    }

    private int run() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(opt.eventLoops));
        wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(1_000_000)
                .setMaxFrameSize(1 << 24)
                .setMaxMessageSize(1 << 26)
                .setConnectTimeout(30_000)
                .setTryUsePerMessageCompression(opt.deflate));
        // one context per event loop: participants are spread over them, and each gets a lag probe
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                contexts.add(context);
                return Future.succeededFuture();
            }
        }, new DeploymentOptions().setInstances(opt.eventLoops)).await(10, TimeUnit.SECONDS);
        try (ServerHandle s = ServerHandle.open(opt, http)) {
            server = s;
            ObjectNode result = opt.scenario.equals("sweep") ? sweep() : single();
            Report.write(opt, result);
            return result.path("passed").asBoolean(true) ? 0 : 1;
        } finally {
            wsClient.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ one measured run

    /** What one run does; the sweep runs many with different sizes. */
    record Spec(int boards, int participants, double opsRate, double cursorRate, Duration warmup, Duration duration,
                Duration ramp, int seedElements, boolean joinStorm) {}

    private ObjectNode single() throws Exception {
        boolean storm = opt.scenario.equals("join-storm");
        var spec = new Spec(opt.boards, opt.participants, opt.opsRate, opt.cursorRate, opt.warmup, opt.duration,
                storm ? opt.joinWindow : opt.ramp, opt.seedElements, storm);
        ObjectNode r = measure(spec, true);
        ObjectNode out = header();
        out.setAll(r);
        Targets.evaluate(opt.scenario, out);
        return out;
    }

    private ObjectNode sweep() throws Exception {
        ObjectNode out = header();
        ArrayNode steps = out.putArray("steps");
        System.out.printf("%-12s %6s %6s %6s %10s %10s %10s %9s %9s %8s %8s %7s%n", "dimension", "boards", "ppb", "conns",
                "op p99 ms", "ack p99 ms", "pres p99", "srv cores", "srv RSS", "gen cpu", "lag p99", "errors");
        sweepDimension("participants", opt.sweepParticipants, n -> new int[] {1, n}, steps);
        sweepDimension("boards", opt.sweepBoards, n -> new int[] {n, opt.sweepBoardParticipants}, steps);
        out.put("passed", true);
        return out;
    }

    private void sweepDimension(String dim, List<Integer> values, java.util.function.IntFunction<int[]> size, ArrayNode steps) throws Exception {
        for (int v : values) {
            int[] bp = size.apply(v);
            var spec = new Spec(bp[0], bp[1], opt.opsRate, opt.cursorRate, opt.warmup, opt.stepDuration, opt.ramp, 0, false);
            ObjectNode r = measure(spec, false);
            r.put("dimension", dim);
            steps.add(r);
            double p99 = r.path("latency").path("opDelivery").path("p99_ms").asDouble(Double.NaN);
            if (Double.isNaN(p99)) p99 = r.path("latency").path("opAck").path("p99_ms").asDouble(Double.NaN);
            System.out.printf("%-12s %6d %6d %6d %10.2f %10.2f %10.2f %9.2f %8dM %7.0f%% %8.2f %7d%n", dim, bp[0], bp[1],
                    r.path("connections").path("held").asInt(), p99,
                    r.path("latency").path("opAck").path("p99_ms").asDouble(Double.NaN),
                    r.path("latency").path("presence").path("p99_ms").asDouble(Double.NaN),
                    r.path("server").path("cpuCores").asDouble(Double.NaN),
                    r.path("server").path("rssPeakBytes").asLong() >> 20,
                    100 * r.path("generator").path("cpuCores").asDouble(Double.NaN),
                    r.path("generator").path("eventLoopLag").path("p99_ms").asDouble(Double.NaN),
                    r.path("errors").path("total").asLong());
            if (!server.alive()) throw new IllegalStateException("the server died during the sweep");
            boolean broken = r.path("errors").path("total").asLong() > 0 || r.path("connections").path("held").asInt() < bp[0] * bp[1];
            if (p99 > opt.sweepStopP99.toMillis() || broken) {
                System.out.println("  (stopping the " + dim + " dimension: " + (broken ? "errors or lost connections" : "op p99 above " + opt.sweepStopP99.toMillis() + " ms") + ")");
                break;
            }
            Thread.sleep(2000);
        }
    }

    /** Creates boards, connects everyone, runs, measures and disconnects. */
    private ObjectNode measure(Spec spec, boolean verbose) throws Exception {
        var stats = new Stats();
        var sampler = new Sampler(server.pid, stats);
        long rssBefore = Proc.statusBytes(server.pid, "VmRSS");
        List<Participant.LoadBoard> boards = new ArrayList<>();
        for (int b = 0; b < spec.boards(); b++) boards.add(createBoard("负载测试 " + opt.scenario + " " + b));
        log(verbose, "created " + boards.size() + " board(s)");
        long[] probe = startLagProbe(stats);
        sampler.start();
        List<Participant> everyone = new ArrayList<>();
        int nextIndex = 1;
        ObjectNode seed = null;
        try {
            if (spec.seedElements() > 0) {
                seed = N.objectNode();
                for (var board : boards) {
                    var fac = new Participant(nextIndex++, board, true, board.facilitatorToken, stats, opt, vertx);
                    fac.connect(wsClient, contexts.get(0)).await(30, TimeUnit.SECONDS);
                    everyone.add(fac);
                    long t = System.nanoTime();
                    seedBoard(fac, board, spec.seedElements(), stats);
                    seed.put("elements", spec.seedElements()).put("seconds", (System.nanoTime() - t) / 1e9);
                }
                log(verbose, "seeded " + spec.seedElements() + " elements per board");
                stats.join.reset();
                stats.reset();
            }
            // participants: interleaved over boards so that every board fills during the ramp
            List<Participant> joiners = new ArrayList<>();
            for (int j = 0; j < spec.participants(); j++) {
                for (var board : boards) {
                    boolean viewer = Math.floor((j + 1) * opt.viewerShare) > Math.floor(j * opt.viewerShare);
                    int idx = nextIndex++;
                    joiners.add(new Participant(idx, board, !viewer, viewer ? board.viewToken : board.editToken, stats, opt, vertx));
                }
            }
            long connectStart = System.nanoTime();
            ServerMetrics metricsAtConnect = null;
            if (spec.joinStorm()) {
                sampler.markStart();
                metricsAtConnect = ServerMetrics.scrape(http, opt.url);
            }
            List<Future<Void>> joined = new ArrayList<>();
            long rampNanos = spec.ramp().toNanos();
            for (int i = 0; i < joiners.size(); i++) {
                long due = connectStart + rampNanos * i / Math.max(1, joiners.size());
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                Participant p = joiners.get(i);
                // the first of each board connects alone so that it learns the grid before the others pile in
                Future<Void> f = p.connect(wsClient, contexts.get(i % contexts.size()));
                joined.add(f);
                if (i < boards.size() && !p.board.gridKnown()) f.await(30, TimeUnit.SECONDS);
            }
            everyone.addAll(joiners);
            Future.join(new ArrayList<>(joined)).timeout(60 + spec.ramp().toSeconds(), TimeUnit.SECONDS).await();
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            long welcomed = joined.stream().filter(Future::succeeded).count();
            log(verbose, welcomed + "/" + joiners.size() + " participants welcomed in " + String.format("%.1f", connectSeconds) + " s");
            long rssConnected = Proc.statusBytes(server.pid, "VmRSS");

            for (Participant p : everyone) p.start(spec.opsRate(), spec.cursorRate());
            ServerMetrics metricsStart = spec.joinStorm() ? metricsAtConnect : null;
            if (!spec.joinStorm()) {
                Thread.sleep(spec.warmup().toMillis());
                stats.reset();
                sampler.markStart();
                metricsStart = ServerMetrics.scrape(http, opt.url);
            }
            log(verbose, "measuring for " + spec.duration().toSeconds() + " s");
            Thread.sleep(spec.duration().toMillis());
            for (Participant p : everyone) p.stop();
            sampler.markEnd();
            ServerMetrics metricsEnd = ServerMetrics.scrape(http, opt.url);
            int held = (int) joiners.stream().filter(Participant::open).count();
            Thread.sleep(2000); // let in-flight ops arrive
            long rssEnd = Proc.statusBytes(server.pid, "VmRSS");

            ObjectNode r = N.objectNode();
            ObjectNode run = r.putObject("run");
            run.put("boards", spec.boards()).put("participantsPerBoard", spec.participants())
                    .put("editors", joiners.stream().filter(p -> p.editor).count())
                    .put("viewers", joiners.stream().filter(p -> !p.editor).count())
                    .put("opsPerSecondPerEditor", spec.opsRate()).put("cursorMovesPerSecondPerParticipant", spec.cursorRate())
                    .put("warmupSeconds", spec.joinStorm() ? 0 : spec.warmup().toMillis() / 1000.0)
                    .put("measuredSeconds", sampler.windowSeconds())
                    .put("rampSeconds", spec.ramp().toMillis() / 1000.0).put("connectSeconds", connectSeconds);
            if (seed != null) r.set("seed", seed);
            ObjectNode conns = r.putObject("connections");
            conns.put("target", joiners.size()).put("welcomed", welcomed).put("held", held)
                    .put("connectFailures", stats.connectFailures.sum()).put("disconnects", stats.disconnects.sum());

            ObjectNode lat = r.putObject("latency");
            putHist(lat, "opAck", Stats.take(stats.ack), "send of an ops message -> its applied back at the sender");
            putHist(lat, "opDelivery", Stats.take(stats.delivery), "send of an ops message -> its applied at every other participant");
            putHist(lat, "presence", Stats.take(stats.presence), "cursor move sent -> presence frame carrying it at each participant (server coalesces at <= 30 Hz)");
            putHist(lat, "join", Stats.take(stats.join), "WebSocket connect start -> welcome arrived (board of " + (spec.seedElements() > 0 ? spec.seedElements() + " seeded" : "template") + " elements)");

            double secs = Math.max(0.001, sampler.windowSeconds());
            long[] c = sampler.windowCounters();
            ObjectNode tp = r.putObject("throughput");
            tp.put("opsMessagesInPerSecond", c[0] / secs).put("opsDeliveredOutPerSecond", c[1] / secs)
                    .put("opWeightInPerSecond", stats.opsWeightSent.sum() / secs)
                    .put("presenceInPerSecond", c[2] / secs).put("presenceFramesOutPerSecond", c[3] / secs)
                    .put("bytesOutPerSecond", c[4] / secs).put("bytesInPerSecond", c[5] / secs)
                    .put("opsSent", stats.opsSent.sum()).put("opsAcked", stats.opsAcked.sum()).put("opsDelivered", stats.delivered.sum())
                    .put("unacked", Math.max(0, stats.opsSent.sum() - stats.opsAcked.sum() - stats.rejectedTotal()));

            ObjectNode err = r.putObject("errors");
            err.set("rejectedByCode", MessageCodec.json().valueToTree(Stats.sums(stats.rejected)));
            err.set("errorsByCode", MessageCodec.json().valueToTree(Stats.sums(stats.errors)));
            err.put("decodeErrors", stats.decodeErrors.sum());
            err.put("total", stats.rejectedTotal() + stats.errorsTotal() + stats.disconnects.sum() + stats.connectFailures.sum() + stats.decodeErrors.sum());
            if (stats.firstProblem != null) err.put("first", stats.firstProblem);

            ObjectNode srv = r.putObject("server");
            double cpu = sampler.serverCpuSeconds();
            srv.put("pid", server.pid).put("cpuSeconds", cpu).put("cpuCores", cpu / secs)
                    .put("cpuSecondsPer1000DeliveredOps", c[1] == 0 ? Double.NaN : cpu / (c[1] / 1000.0))
                    .put("rssBeforeBytes", rssBefore).put("rssConnectedBytes", rssConnected).put("rssEndBytes", rssEnd)
                    .put("rssPeakBytes", sampler.rssPeak())
                    .put("rssPerConnectionBytes", held == 0 ? 0 : (double) (Math.max(sampler.rssPeak(), rssConnected) - rssBefore) / held)
                    .put("threads", Proc.threads(server.pid));
            srv.set("metrics", ServerMetrics.delta(metricsStart, metricsEnd));
            ObjectNode gen = r.putObject("generator");
            double genCpu = sampler.selfCpuSeconds();
            Histogram lag = Stats.take(stats.lag);
            gen.put("cpuSeconds", genCpu).put("cpuCores", genCpu / secs).put("eventLoops", opt.eventLoops);
            putHist(gen, "eventLoopLag", lag, "drift of a 10 ms periodic timer on each generator event loop");
            gen.put("machineBusyCores", sampler.machineBusyCores());
            double lagP99 = ms(lag.getValueAtPercentile(99));
            double busy = sampler.machineBusyCores();
            int cores = Runtime.getRuntime().availableProcessors();
            double others = Math.max(0, busy - genCpu / secs - (Double.isNaN(cpu) ? 0 : cpu / secs));
            gen.put("otherProcessesCores", Math.round(others * 100) / 100.0);
            boolean lagging = lagP99 > 5;
            String verdict;
            if (!lagging) {
                verdict = "the generator kept up (event-loop lag p99 " + lagP99 + " ms)";
            } else if (busy >= 0.9 * cores) {
                verdict = String.format("the machine was CPU-saturated (%.2f of %d cores busy: server %.2f, generator %.2f, other processes %.2f); "
                        + "the generator's event loops lagged (p99 %.1f ms), so the latencies include CPU-scheduling delay on both sides, "
                        + "not only the server's own work", busy, cores, cpu / secs, genCpu / secs, others, lagP99);
            } else if (genCpu / secs < 0.5 * opt.eventLoops && others > 0.3) {
                verdict = String.format("the generator's event loops lagged (p99 %.1f ms) while it used only %.2f cores: CPU contention from "
                        + "other processes (%.2f cores; machine busy %.2f of %d), so the latencies include scheduling delay, not only "
                        + "the server's own work", lagP99, genCpu / secs, others, busy, cores);
            } else {
                verdict = String.format("the generator itself was saturated (event-loop lag p99 %.1f ms, CPU %.2f cores): part of the "
                        + "measured latency is the generator's own queueing, not the server's", lagP99, genCpu / secs);
            }
            gen.put("saturated", lagging);
            gen.put("verdict", verdict);
            r.set("timeline", sampler.timeline());
            return r;
        } finally {
            for (long id : probe) vertx.cancelTimer(id);
            sampler.stop();
            List<Future<Void>> closing = new ArrayList<>();
            for (Participant p : everyone) closing.add(p.close());
            Future.join(new ArrayList<>(closing)).timeout(20, TimeUnit.SECONDS).otherwiseEmpty().await();
        }
    }

    private void seedBoard(Participant fac, Participant.LoadBoard board, int elements, Stats stats) throws InterruptedException {
        List<List<Op>> chunks = Participant.seedOps(board, elements, 500);
        long ackedBefore = stats.opsAcked.sum();
        for (List<Op> chunk : chunks) {
            fac.sendOps(chunk);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long want = ackedBefore + 1;
            while (stats.opsAcked.sum() < want && stats.rejectedTotal() == 0) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("seeding: no ack within 30 s");
                Thread.sleep(5);
            }
            if (stats.rejectedTotal() > 0) throw new IllegalStateException("seeding was rejected: " + stats.firstProblem);
            ackedBefore = want;
        }
    }

    private long[] startLagProbe(Stats stats) {
        long period = 10;
        long[] ids = new long[contexts.size()];
        for (int i = 0; i < contexts.size(); i++) {
            Context ctx = contexts.get(i);
            Promise<Long> id = Promise.promise();
            ctx.runOnContext(v -> {
                long[] last = {System.nanoTime()};
                id.complete(vertx.setPeriodic(period, t -> {
                    long now = System.nanoTime();
                    long drift = (now - last[0]) / 1000 - period * 1000;
                    stats.lag.recordValue(Math.max(0, drift));
                    last[0] = now;
                }));
            });
            ids[i] = id.future().await();
        }
        return ids;
    }

    private Participant.LoadBoard createBoard(String title) throws Exception {
        String body = "{\"title\":" + MessageCodec.json().writeValueAsString(title) + ",\"template\":\"journey\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(opt.url + "/api/boards"))
                .header("content-type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("POST /api/boards: " + r.statusCode() + " " + r.body());
        JsonNode n = MessageCodec.parseObject(r.body());
        JsonNode t = n.get("tokens");
        return new Participant.LoadBoard(n.get("id").textValue(), t.get("facilitator").textValue(), t.get("edit").textValue(), t.get("view").textValue());
    }

    private ObjectNode header() {
        ObjectNode out = N.objectNode();
        out.put("scenario", opt.scenario);
        out.put("startedAt", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        if (!opt.note.isEmpty()) out.put("note", opt.note);
        ObjectNode flags = out.putObject("flags");
        opt.given.forEach(flags::put);
        ObjectNode m = out.putObject("machine");
        m.put("cores", Runtime.getRuntime().availableProcessors()).put("cpu", Proc.cpuModel())
                .put("memoryBytes", Proc.memTotalBytes()).put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .put("loadAverageAtStart", loadAtStart);
        ObjectNode s = out.putObject("serverSettings");
        s.put("url", opt.url).put("startedByGenerator", server.started());
        if (server.started()) s.put("command", String.join(" ", server.command));
        try {
            s.set("health", MessageCodec.parseObject(http.send(HttpRequest.newBuilder(URI.create(opt.url + "/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()));
        } catch (Exception e) {
            s.put("health", "unavailable: " + e);
        }
        s.put("store", "embedded unless the server was started with --redis-url");
        s.put("opsPerSecondLimitPerConnection", "server default 50 unless --server-args set --ops-per-second");
        ObjectNode g = out.putObject("generatorSettings");
        g.put("deflate", opt.deflate).put("fullDecode", opt.fullDecode).put("eventLoops", opt.eventLoops)
                .put("viewerShare", opt.viewerShare).put("pasteSize", opt.pasteSize).put("maxCardsPerEditor", opt.maxCardsPerEditor)
                .put("opMix", "create card 20%, paste batch 5%, move to another cell (move+update stage) 20%, edit text 30%, emotion 20%, delete 5%");
        return out;
    }

    static void putHist(ObjectNode parent, String name, Histogram h, String what) {
        ObjectNode o = parent.putObject(name);
        o.put("what", what);
        o.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) return;
        o.put("p50_ms", ms(h.getValueAtPercentile(50))).put("p90_ms", ms(h.getValueAtPercentile(90)))
                .put("p99_ms", ms(h.getValueAtPercentile(99))).put("p999_ms", ms(h.getValueAtPercentile(99.9)))
                .put("max_ms", ms(h.getMaxValue())).put("mean_ms", Math.round(h.getMean()) / 1000.0);
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }

    private static void log(boolean verbose, String s) {
        if (verbose) System.out.println(s);
    }
}
