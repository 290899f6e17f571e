package dev.journeyboard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.net.NetTransport;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar jb-load.jar cluster --start-server JAR [...]} (or {@code --scenario cluster}): the {@code cluster} scenario of issue 16. Starts a
 * {@code redis-server} and three server processes on it (loopback, free ports), spreads many boards over them (each
 * board's first participant joins on node {@code b % 3}, which then serves it), connects the other participants to
 * random nodes, and measures, for participants on the board's serving node and for relayed ones apart: the op
 * delivery (send -> {@code applied} at every other participant, recorded by the receiver) and the ack (send ->
 * the sender's own {@code applied}: for a relayed sender this crosses both relay hops). Target of issue 16:
 * relaying adds at most 5 ms at p99. Writes JSON and Markdown like the other scenarios.
 */
final class ClusterLoad {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final int NODES = 3;

    /** The flags the cluster scenario reads (with --scenario): any other would be silently ignored, so it is refused. */
    static final Set<String> FLAGS = Set.of("scenario", "start-server", "redis-server", "boards", "participants", "ops-rate", "cursor-rate",
            "warmup", "duration", "out", "server-jvm-opts", "event-loops");

    private final String jar;
    private final String redisServer;
    private final int boards;
    private final int participants;
    private final double opsRate;
    private final double cursorRate;
    private final Duration warmup;
    private final Duration duration;
    private final Path out;
    private final String serverJvmOpts;
    private final int eventLoops;
    private final NetTransport transport;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    private ClusterLoad(Options o) {
        jar = o.startServer;
        redisServer = o.redisServer;
        boards = o.boards;
        participants = o.participants;
        opsRate = o.opsRate;
        cursorRate = o.cursorRate;
        warmup = o.warmup;
        duration = o.duration;
        out = o.out;
        serverJvmOpts = o.serverJvmOpts;
        eventLoops = o.eventLoops;
        transport = o.transport;
    }

    /** Runs the cluster scenario; 0 when relaying met its target, 1 when not, 2 for flags it can't run with, 4 when the run broke. */
    static int run(Options o) {
        try {
            for (String f : o.given.keySet()) {
                if (!FLAGS.contains(f)) throw new Options.UsageException("--" + f + " does not apply to the cluster scenario");
            }
            if (o.startServer == null) throw new Options.UsageException("--start-server <server jar> is required");
            if (o.participants < 2) throw new Options.UsageException("--participants must be at least 2");
        } catch (Options.UsageException e) {
            System.err.println(e.getMessage() + "\nusage: jb-load.jar cluster --start-server JAR [--redis-server PATH] [--boards 60] "
                    + "[--participants 6] [--ops-rate 0.5] [--cursor-rate 1] [--warmup 5s] [--duration 30s] [--out DIR]");
            return 2;
        }
        var c = new ClusterLoad(o);
        try {
            return c.run();
        } catch (Exception e) {
            System.err.println("the run failed: " + e);
            e.printStackTrace();
            return 4;
        } finally {
            c.stopAll();
        }
    }

    private int run() throws Exception {
        String loadAtStart = Proc.loadAverage();
        int redisPort = freePort();
        Path redisDir = Files.createTempDirectory("jb-cluster-redis-");
        dirs.add(redisDir);
        start(List.of(redisServer, "--port", String.valueOf(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", redisDir.toString()), java.util.Map.of(), redisDir.resolve("out.log"));
        int[] ports = new int[NODES];
        long[] pids = new long[NODES];
        List<Options> nodeOpts = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            ports[n] = freePort();
            Path data = Files.createTempDirectory("jb-cluster-node" + n + "-");
            dirs.add(data);
            var cmd = new ArrayList<String>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Options.words(serverJvmOpts));
            cmd.addAll(List.of("-jar", jar, "--host", "127.0.0.1", "--port", String.valueOf(ports[n])));
            pids[n] = start(cmd, java.util.Map.of("JB_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0", "JB_NODE_ID", "load-node-" + n,
                    "JB_DATA_DIR", data.toString(), "JB_CREATES_PER_MINUTE", "1000000"), data.resolve("server.log"));
            nodeOpts.add(Options.parse(new String[] {"--scenario", "many-boards", "--url", "http://127.0.0.1:" + ports[n]}));
        }
        for (int n = 0; n < NODES; n++) awaitHealthy(ports[n]);

        Vertx vertx = LoadMain.generatorVertx(eventLoops, transport);
        List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                contexts.add(context);
                return Future.succeededFuture();
            }
        }, new DeploymentOptions().setInstances(eventLoops)).await(10, TimeUnit.SECONDS);
        WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000)
                .setMaxFrameSize(1 << 24).setMaxMessageSize(1 << 26).setConnectTimeout(30_000));
        // two LoopStats per event loop: the first set for participants on their board's serving node, the second for relayed ones
        var doubled = new ArrayList<>(contexts);
        doubled.addAll(contexts);
        Stats stats = new Stats(doubled);
        int loops = contexts.size();
        List<Participant> everyone = new ArrayList<>();
        try {
            var random = new SplittableRandom(16);
            int index = 1;
            double[] cpuStart = new double[NODES];
            List<Participant> first = new ArrayList<>();
            List<Participant.LoadBoard> created = new ArrayList<>();
            for (int b = 0; b < boards; b++) created.add(BoardCreation.create(http, "http://127.0.0.1:" + ports[b % NODES], "集群负载 " + b));
            int local = 0, relayed = 0;
            for (int b = 0; b < boards; b++) {
                var p = new Participant(index, created.get(b), true, created.get(b).editToken, stats, stats.loop(index % loops), nodeOpts.get(b % NODES));
                index++;
                first.add(p);
                p.connect(ws).await(30, TimeUnit.SECONDS); // takes the board's lease on node b % 3 and learns the grid
                local++;
            }
            everyone.addAll(first);
            List<Future<Void>> joined = new ArrayList<>();
            for (int j = 1; j < participants; j++) {
                for (int b = 0; b < boards; b++) {
                    int node = random.nextInt(NODES);
                    boolean onOwner = node == b % NODES;
                    int loop = index % loops + (onOwner ? 0 : loops);
                    var p = new Participant(index++, created.get(b), true, created.get(b).editToken, stats, stats.loops.get(loop), nodeOpts.get(node));
                    if (onOwner) local++;
                    else relayed++;
                    everyone.add(p);
                    joined.add(p.connect(ws));
                }
            }
            Future.join(new ArrayList<>(joined)).timeout(120, TimeUnit.SECONDS).otherwiseEmpty().await();
            long welcomed = joined.stream().filter(Future::succeeded).count() + first.size();
            System.out.println(welcomed + "/" + everyone.size() + " participants welcomed (" + local + " on their board's node, " + relayed + " relayed)");
            for (Participant p : everyone) p.start(opsRate, cursorRate);
            Thread.sleep(warmup.toMillis());
            stats.reset(false);
            for (int n = 0; n < NODES; n++) cpuStart[n] = Proc.cpuSeconds(pids[n]);
            double genCpuStart = Proc.cpuSeconds(ProcessHandle.current().pid());
            System.out.println("measuring for " + duration.toSeconds() + " s");
            Thread.sleep(duration.toMillis());
            for (Participant p : everyone) p.stop();
            double genCpu = (Proc.cpuSeconds(ProcessHandle.current().pid()) - genCpuStart) / duration.toSeconds();
            Thread.sleep(2000); // in-flight ops arrive
            LoopStats.Snapshot onOwner = snapshot(stats.loops.subList(0, loops));
            LoopStats.Snapshot viaRelay = snapshot(stats.loops.subList(loops, 2 * loops));

            ObjectNode r = N.objectNode().put("scenario", "cluster")
                    .put("startedAt", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            r.putObject("shape").put("nodes", NODES).put("boards", boards).put("participantsPerBoard", participants)
                    .put("opsPerSecondPerEditor", opsRate).put("cursorMovesPerSecond", cursorRate).put("seconds", duration.toSeconds())
                    .put("participantsOnServingNode", local).put("participantsRelayed", relayed).put("welcomed", welcomed)
                    .put("held", everyone.stream().filter(Participant::open).count());
            ObjectNode lat = r.putObject("latency");
            lat.set("opDeliveryOnServingNode", RunResult.hist(onOwner.delivery, "send -> applied, at participants on the board's serving node"));
            lat.set("opDeliveryRelayed", RunResult.hist(viaRelay.delivery, "send -> applied, at relayed participants"));
            lat.set("opAckOnServingNode", RunResult.hist(onOwner.ack, "send -> own applied, senders on the board's serving node"));
            lat.set("opAckRelayed", RunResult.hist(viaRelay.ack, "send -> own applied, relayed senders (both relay hops)"));
            double added = viaRelay.delivery.getTotalCount() == 0 || onOwner.delivery.getTotalCount() == 0 ? Double.NaN
                    : (viaRelay.delivery.getValueAtPercentile(99) - onOwner.delivery.getValueAtPercentile(99)) / 1000.0;
            r.put("relayAddsAtP99_ms", added).put("target", "relaying adds at most 5 ms at p99 (issue 16)")
                    .put("targetMet", !Double.isNaN(added) && added <= 5);
            ObjectNode e = r.putObject("errors");
            e.set("rejected", MessageCodec.json().valueToTree(Stats.sums(stats.rejected)));
            e.set("errors", MessageCodec.json().valueToTree(Stats.sums(stats.errors)));
            e.set("closes", MessageCodec.json().valueToTree(Stats.sums(stats.closes)));
            e.put("disconnects", stats.disconnects.sum()).put("firstProblem", stats.firstProblem);
            ObjectNode m = r.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors()).put("cpu", Proc.cpuModel())
                    .put("loadAverageAtStart", loadAtStart).put("loadAverageAtEnd", Proc.loadAverage()).put("generatorCpuCores", genCpu);
            var cpu = m.putArray("serverCpuCores");
            for (int n = 0; n < NODES; n++) cpu.add((Proc.cpuSeconds(pids[n]) - cpuStart[n]) / duration.toSeconds());
            write(r);
            for (Participant p : everyone) p.close();
            return r.path("targetMet").asBoolean() ? 0 : 1;
        } finally {
            ws.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Every loop's part of one group, each copied on its own loop (as {@link Stats#snapshot} does), merged. */
    private static LoopStats.Snapshot snapshot(List<LoopStats> group) throws Exception {
        var all = new LoopStats.Snapshot();
        for (LoopStats l : group) {
            Promise<LoopStats.Snapshot> p = Promise.promise();
            l.context.runOnContext(v -> p.complete(l.snapshot()));
            all.add(p.future().await(60, TimeUnit.SECONDS));
        }
        return all;
    }

    private void write(ObjectNode r) throws IOException {
        Files.createDirectories(out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = out.resolve("cluster-" + stamp + ".json");
        Path md = out.resolve("cluster-" + stamp + ".md");
        Files.writeString(json, MessageCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
        var sb = new StringBuilder("# Load test: cluster (" + r.path("startedAt").asText() + ")\n\n");
        JsonNode s = r.path("shape");
        sb.append(NODES).append(" server processes on one redis-server, ").append(s.path("boards").asInt()).append(" boards x ")
                .append(s.path("participantsPerBoard").asInt()).append(" editors (").append(s.path("participantsOnServingNode").asInt())
                .append(" on their board's serving node, ").append(s.path("participantsRelayed").asInt()).append(" relayed), ")
                .append(s.path("opsPerSecondPerEditor").asDouble()).append(" ops/s and ").append(s.path("cursorMovesPerSecond").asDouble())
                .append(" cursor moves/s each, ").append(s.path("seconds").asInt()).append(" s measured; held ").append(s.path("held").asLong())
                .append(" of ").append(s.path("welcomed").asLong()).append(" welcomed.\n\n");
        sb.append("| measured | count | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        r.path("latency").fields().forEachRemaining(f -> sb.append("| ").append(f.getValue().path("what").asText()).append(" | ")
                .append(f.getValue().path("count").asLong()).append(" | ").append(f.getValue().path("p50_ms").asText("-")).append(" | ")
                .append(f.getValue().path("p99_ms").asText("-")).append(" | ").append(f.getValue().path("max_ms").asText("-")).append(" |\n"));
        sb.append("\nRelaying adds ").append(r.path("relayAddsAtP99_ms").asText()).append(" ms at the delivery p99 (target <= 5 ms): ")
                .append(r.path("targetMet").asBoolean() ? "met" : "not met").append(".\n\n");
        JsonNode m = r.path("machine");
        sb.append("Machine: ").append(m.path("cores").asInt()).append(" cores (").append(m.path("cpu").asText()).append("), load average at start ")
                .append(m.path("loadAverageAtStart").asText()).append(", at end ").append(m.path("loadAverageAtEnd").asText())
                .append("; server CPU cores ").append(m.path("serverCpuCores").toString()).append(", generator ")
                .append(String.format("%.2f", m.path("generatorCpuCores").asDouble())).append(" cores. Errors: ")
                .append(r.path("errors").toString()).append(".\n");
        Files.writeString(md, sb.toString());
        System.out.println(sb);
        System.out.println("wrote " + json + " and " + md);
    }

    private long start(List<String> cmd, java.util.Map<String, String> env, Path log) throws IOException {
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p.pid();
    }

    private void awaitHealthy(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server on port " + port + " did not become healthy within 120 s");
    }

    private void stopAll() {
        for (Process p : processes.reversed()) {
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (Path d : dirs) {
            try (var walk = Files.walk(d)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind
            }
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
