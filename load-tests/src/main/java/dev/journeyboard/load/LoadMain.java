package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.net.NetTransport;
import io.vertx.core.Context;
import io.vertx.core.Future;
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
    private final List<Long> loopThreads = Collections.synchronizedList(new ArrayList<>());
    private ServerHandle server;
    private final String loadAtStart = Proc.loadAverage();

    private LoadMain(Options opt) {
        this.opt = opt;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("compare")) {
            System.exit(Compare.cli(args));
            return;
        }
        if (args.length > 0 && args[0].equals("cluster")) {
            // "cluster ..." is short for "--scenario cluster ..."
            var rest = new ArrayList<>(List.of("--scenario", "cluster"));
            rest.addAll(List.of(args).subList(1, args.length));
            args = rest.toArray(String[]::new);
        }
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (Options.UsageException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (opt.scenario.equals("cluster")) {
            System.exit(ClusterLoad.run(opt)); // its own servers (three on one redis-server): see ClusterLoad
            return;
        }
        for (String f : opt.startOnlyFlagsWithoutStart()) System.err.println("warning: " + f + " acts only with --start-server: ignored");
        int code;
        try {
            code = new LoadMain(opt).run();
        } catch (Options.UsageException e) {
            System.err.println(e.getMessage());
            code = 2;
        } catch (Exception e) {
            // not a measurement: the server did not start, died, or the run broke (exit 1 would read as "target missed")
            System.err.println("the run failed: " + e.getMessage());
            e.printStackTrace();
            code = 4;
        }
        System.exit(code);
    }

    /** The generator's Vert.x: {@code loops} event loops on {@code transport} (epoll fails the run if it can't load). */
    static Vertx generatorVertx(int loops, NetTransport transport) {
        return Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loops)).withTransport(transport.resolve()).build();
    }

    private int run() throws Exception {
        vertx = generatorVertx(opt.eventLoops, opt.transport);
        wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(1_000_000)
                .setMaxFrameSize(1 << 24)
                .setMaxMessageSize(1 << 26)
                .setConnectTimeout(30_000)
                .setTryUsePerMessageCompression(opt.deflate));
        // one context per event loop: participants are spread over them, each with its own LoopStats
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                contexts.add(context);
                loopThreads.add(Thread.currentThread().threadId());
                return Future.succeededFuture();
            }
        }, new DeploymentOptions().setInstances(opt.eventLoops)).await(10, TimeUnit.SECONDS);
        try (ServerHandle s = ServerHandle.open(opt, http)) {
            server = s;
            ObjectNode result = opt.scenario.equals("sweep") ? sweep() : single();
            Report.write(opt, result);
            return opt.scenario.equals("sweep") ? 0 : Targets.exitCode(result);
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
        ObjectNode out = header();
        out.setAll(measure(spec, true));
        if (opt.compare != null) out.set("compare", Compare.of(out, Compare.read(opt.compare), opt.compare.getFileName().toString()));
        Targets.evaluate(opt.scenario, out);
        Verdict v = RunResult.judge(out, Verdict.lagLimitMs(Targets.tightestLatencyMs(out)));
        Targets.conclude(out, v.keptUp());
        return out;
    }

    private ObjectNode sweep() throws Exception {
        ObjectNode out = header();
        ArrayNode steps = out.putArray("steps");
        System.out.printf("%-12s %6s %6s %6s %10s %10s %10s %9s %9s %8s %8s %7s %5s%n", "dimension", "boards", "ppb", "conns",
                "op p99 ms", "ack p99 ms", "pres p99", "srv cores", "srv RSS", "gen cpu", "lag p99", "errors", "kept");
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
            Verdict verdict = RunResult.judge(r, Verdict.MAX_LAG_MS);
            steps.add(r);
            double p99 = r.path("latency").path("opDelivery").path("p99_ms").asDouble(Double.NaN);
            if (Double.isNaN(p99)) p99 = r.path("latency").path("opAck").path("p99_ms").asDouble(Double.NaN);
            System.out.printf("%-12s %6d %6d %6d %10.2f %10.2f %10.2f %9.2f %8dM %7.0f%% %8.2f %7d %5s%n", dim, bp[0], bp[1],
                    r.path("connections").path("held").asInt(), p99,
                    r.path("latency").path("opAck").path("p99_ms").asDouble(Double.NaN),
                    r.path("latency").path("presence").path("p99_ms").asDouble(Double.NaN),
                    r.path("server").path("cpuCores").asDouble(Double.NaN),
                    r.path("server").path("rssPeakBytes").asLong() >> 20,
                    100 * r.path("generator").path("cpuCores").asDouble(Double.NaN),
                    r.path("generator").path("eventLoopLag").path("p99_ms").asDouble(Double.NaN),
                    r.path("errors").path("total").asLong(), verdict.keptUp() ? "yes" : "no");
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
        int connections = spec.boards() * spec.participants() + (spec.seedElements() > 0 ? spec.boards() : 0);
        ObjectNode limits = Limits.check(connections, server.pid);
        var stats = new Stats(contexts);
        var sampler = new Sampler(server.pid, stats);
        var loops = new LoopProbe(stats, List.copyOf(loopThreads));
        long rssBefore = Proc.statusBytes(server.pid, "VmRSS");
        List<Participant.LoadBoard> boards = new ArrayList<>();
        for (int b = 0; b < spec.boards(); b++) boards.add(BoardCreation.create(http, opt.url, "负载测试 " + opt.scenario + " " + b));
        log(verbose, "created " + boards.size() + " board(s)");
        loops.start();
        sampler.start();
        FsyncProbe fsync = server.probeDir == null ? null : new FsyncProbe(server.probeDir, opt.fsyncInterval);
        List<Participant> everyone = new ArrayList<>();
        int nextIndex = 1;
        ObjectNode seed = null;
        try {
            if (spec.seedElements() > 0) {
                seed = N.objectNode();
                for (var board : boards) {
                    var fac = new Participant(nextIndex++, board, true, board.facilitatorToken, stats, stats.loop(0), opt);
                    fac.connect(wsClient).await(30, TimeUnit.SECONDS);
                    everyone.add(fac);
                    long t = System.nanoTime();
                    seedBoard(fac, board, spec.seedElements(), stats);
                    seed.put("elements", spec.seedElements()).put("seconds", (System.nanoTime() - t) / 1e9);
                }
                log(verbose, "seeded " + spec.seedElements() + " elements per board");
                stats.reset(true);
            }
            // participants: interleaved over boards so that every board fills during the ramp, spread over the loops
            List<Participant> joiners = new ArrayList<>();
            for (int j = 0; j < spec.participants(); j++) {
                for (var board : boards) {
                    boolean viewer = Math.floor((j + 1) * opt.viewerShare) > Math.floor(j * opt.viewerShare);
                    int idx = nextIndex++;
                    joiners.add(new Participant(idx, board, !viewer, viewer ? board.viewToken : board.editToken, stats,
                            stats.loop(joiners.size()), opt));
                }
            }
            long connectStart = System.nanoTime();
            ServerMetrics metricsStart = null;
            if (spec.joinStorm()) metricsStart = startWindow(sampler, loops, fsync);
            List<Future<Void>> joined = new ArrayList<>();
            long rampNanos = spec.ramp().toNanos();
            for (int i = 0; i < joiners.size(); i++) {
                long due = connectStart + rampNanos * i / Math.max(1, joiners.size());
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                Participant p = joiners.get(i);
                Future<Void> f = p.connect(wsClient);
                joined.add(f);
                // editors need the board's grid: the first of each board connects alone and learns it before the others pile in
                if (spec.opsRate() > 0 && i < boards.size() && !p.board.gridKnown()) f.await(30, TimeUnit.SECONDS);
            }
            everyone.addAll(joiners);
            // a failed or late join is reported (welcomed < target, the first problem), not a reason to abort the run
            Future.join(new ArrayList<>(joined)).timeout(60 + spec.ramp().toSeconds(), TimeUnit.SECONDS).otherwiseEmpty().await();
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            long welcomed = joined.stream().filter(Future::succeeded).count();
            log(verbose, welcomed + "/" + joiners.size() + " participants welcomed in " + String.format("%.1f", connectSeconds) + " s");
            long rssConnected = Proc.statusBytes(server.pid, "VmRSS");

            for (Participant p : everyone) p.start(spec.opsRate(), spec.cursorRate());
            if (!spec.joinStorm()) {
                Thread.sleep(spec.warmup().toMillis());
                stats.reset(false);
                metricsStart = startWindow(sampler, loops, fsync);
            }
            log(verbose, "measuring for " + spec.duration().toSeconds() + " s");
            Thread.sleep(spec.duration().toMillis());
            for (Participant p : everyone) p.stop();
            LoopStats.Snapshot atEnd = stats.snapshot();
            sampler.markEnd(stats.counters(atEnd));
            loops.markEnd();
            ObjectNode fsyncResult = fsync == null ? FsyncProbe.notMeasured("the server's data dir is not known (give --fsync-dir)") : fsync.stop();
            ServerMetrics metricsEnd = ServerMetrics.scrape(http, opt.url);
            int held = (int) joiners.stream().filter(Participant::open).count();
            Thread.sleep(2000); // let in-flight ops arrive
            long rssEnd = Proc.statusBytes(server.pid, "VmRSS");
            LoopStats.Snapshot drained = stats.snapshot();
            ObjectNode r = RunResult.build(new RunResult.Collected(spec, opt, server, stats, sampler, loops, atEnd, drained, fsyncResult,
                    metricsStart, metricsEnd, joiners.size(), joiners.stream().filter(p -> p.editor).count(), welcomed, held,
                    connectSeconds, rssBefore, rssConnected, rssEnd, seed));
            r.set("limits", limits);
            return r;
        } finally {
            loops.stop();
            sampler.stop();
            if (fsync != null) fsync.close();
            List<Future<Void>> closing = new ArrayList<>();
            for (Participant p : everyone) closing.add(p.close());
            Future.join(new ArrayList<>(closing)).timeout(20, TimeUnit.SECONDS).otherwiseEmpty().await();
        }
    }

    /** The measured window starts: the counters were reset; CPU, lag and fsync measuring begin. */
    private ServerMetrics startWindow(Sampler sampler, LoopProbe loops, FsyncProbe fsync) {
        sampler.markStart();
        loops.markStart();
        if (fsync != null) fsync.start();
        return ServerMetrics.scrape(http, opt.url);
    }

    private void seedBoard(Participant fac, Participant.LoadBoard board, int elements, Stats stats) throws InterruptedException {
        List<List<Op>> chunks = Participant.seedOps(board, elements, 500);
        long ackedBefore = stats.opsAcked.sum();
        for (List<Op> chunk : chunks) {
            fac.sendOpsFromLoop(chunk);
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

    private ObjectNode header() {
        ObjectNode out = N.objectNode();
        out.put("scenario", opt.scenario);
        out.put("startedAt", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        if (!opt.note.isEmpty()) out.put("note", opt.note);
        ObjectNode flags = out.putObject("flags");
        opt.given.forEach(flags::put);
        var warnings = out.putArray("warnings");
        List<String> shape = opt.loadShapeOverrides();
        if (!shape.isEmpty() && !opt.scenario.equals("sweep")) {
            warnings.add("the load differs from the " + opt.scenario + " preset (" + String.join(", ", shape) + "): its targets are the issue's for the preset");
        }
        for (String f : opt.startOnlyFlagsWithoutStart()) warnings.add(f + " acts only with --start-server: ignored");
        ObjectNode m = out.putObject("machine");
        m.put("cores", Runtime.getRuntime().availableProcessors()).put("cpu", Proc.cpuModel())
                .put("memoryBytes", Proc.memTotalBytes()).put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .put("loadAverageAtStart", loadAtStart);
        ObjectNode s = out.putObject("serverSettings");
        s.put("url", opt.url).put("startedByGenerator", server.started());
        if (!server.command.isEmpty()) s.put("command", String.join(" ", server.command));
        s.put("dataDir", server.dataDir == null ? "unknown" : server.dataDir.toString())
                .put("dataDirFileSystem", ServerHandle.fileSystem(server.dataDir))
                .put("fsyncProbeDir", server.probeDir == null ? "none" : server.probeDir.toString())
                .put("fsyncProbeFileSystem", ServerHandle.fileSystem(server.probeDir))
                .put("earlyBroadcast", opt.earlyBroadcast);
        Integer nice = Proc.niceness(server.pid);
        if (nice != null) s.put("niceness", nice);
        s.set("jvm", ServerJvm.describe(server.pid));
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
                .put("transport", NetTransport.name(opt.transport.resolve()))
                .put("viewerShare", opt.viewerShare).put("pasteSize", opt.pasteSize).put("maxCardsPerEditor", opt.maxCardsPerEditor)
                .put("fsyncIntervalMs", opt.fsyncInterval.toMillis())
                .put("opMix", "create card 20%, paste batch 5%, move to another cell (move+update stage) 20%, edit text 30%, emotion 20%, delete 5%");
        return out;
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }

    private static void log(boolean verbose, String s) {
        if (verbose) System.out.println(s);
    }
}
