package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.testing.ClusterClient;
import dev.journeyboard.server.testing.RedisProcess;
import dev.journeyboard.server.testing.ServerProcess;
import dev.journeyboard.server.testing.TestServer;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three server processes on one Redis, a board edited by three editors (one per node at first) and watched by a
 * viewer; the node serving the board is SIGKILLed {@link #KILLS} times (10 by default, to keep the run within a few
 * minutes; {@code -Djb.failover.kills=20} for the 20 of issue 16). Each time another node takes the lease once it
 * lapses (2 s here), loads the board and carries on: sockets on surviving nodes keep their connection (their
 * relay joins the new room and they get the missed ops in a new welcome), sockets of the dead node reconnect to
 * any other node and resume with their pending edits. The killed node is restarted (as a new node, with a fresh
 * node id) so that three stay up. At the end every acknowledged edit is on the board, none was applied twice,
 * the seqs in Redis are 1..N without a hole, and every client holds the same document. Prints the time from each
 * kill until the board accepted an edit again (p50 / p99 / max; target p99 under the lease TTL + 2 s).
 */
class ClusterFailoverTest {
    static final int KILLS = Integer.getInteger("jb.failover.kills", 10);
    static final long LEASE_TTL_MS = 2000;

    RedisProcess redis;
    final Map<String, ServerProcess> nodes = new ConcurrentHashMap<>(); // node id -> process
    final List<Integer> alivePorts = Collections.synchronizedList(new ArrayList<>());
    Vertx clients;

    @BeforeEach
    void start() {
        redis = RedisProcess.start();
        clients = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        nodes.values().forEach(ServerProcess::close);
        if (clients != null) clients.close().await();
        if (redis != null) redis.close();
    }

    private ServerProcess startNode(String nodeId) {
        var p = new ServerProcess();
        int port = p.start(java.time.Duration.ofSeconds(120), Map.of("JB_REDIS_URL", redis.url(), "JB_NODE_ID", nodeId, "JB_REDIS_LEASE_TTL", LEASE_TTL_MS + "ms",
                        // a busy shared machine must not make commands time out; a dead node is found by its lease, not this
                        "JB_REDIS_COMMAND_TIMEOUT", "5s"),
                "--event-loops", "2", "--snapshot-every", "1000000", "--resume-tail", "1000000");
        nodes.put(nodeId, p);
        alivePorts.add(port);
        return p;
    }

    private int anyAlivePort() {
        synchronized (alivePorts) {
            return alivePorts.get(ThreadLocalRandom.current().nextInt(alivePorts.size()));
        }
    }

    @Test
    void killingTheServingNodeRepeatedlyLosesNothingAndEveryoneConverges() throws Exception {
        for (int i = 1; i <= 3; i++) startNode("node-" + i);
        int firstPort = nodes.get("node-1").port();
        TestServer.Board board = null;
        for (int attempt = 1; board == null; attempt++) {
            try {
                board = nodes.get("node-1").createBoard("故障转移", "journey");
            } catch (AssertionError slow) {
                if (attempt == 3) throw slow; // a JVM just started on a busy machine can take a while to answer
            }
        }
        String lease = "jb:board:{" + board.id() + "}:lease";

        // editor k starts on node k; on a close it resumes on any node that is up, as behind a proxy
        List<ClusterClient> editors = new ArrayList<>();
        List<Integer> starts = List.of(firstPort, nodes.get("node-2").port(), nodes.get("node-3").port());
        for (int k = 0; k < 3; k++) {
            int first = starts.get(k);
            var firstUsed = new AtomicBoolean();
            var c = new ClusterClient(clients, "editor " + k, "tab-" + k, board.id(), board.editor(),
                    () -> firstUsed.getAndSet(true) ? anyAlivePort() : first);
            c.start();
            editors.add(c);
            if (k == 0) awaitTrue("editor 0 welcomed", 30, c::welcomed); // node-1 serves the board
        }
        var viewerFirst = new AtomicBoolean();
        var viewer = new ClusterClient(clients, "viewer", "tab-v", board.id(), board.viewer(),
                () -> viewerFirst.getAndSet(true) ? anyAlivePort() : starts.get(2));
        viewer.start();
        awaitTrue("everyone welcomed", 30, () -> editors.stream().allMatch(ClusterClient::welcomed) && viewer.welcomed());
        assertThat(redis.call("GET", lease)).isEqualTo("node-1");

        // ~8 edit messages a second per editor: a card, sometimes edited again in the same message
        AtomicBoolean typing = new AtomicBoolean(true);
        Map<String, String> expected = new ConcurrentHashMap<>(); // card id -> text of the acknowledged message
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            ClusterClient c = editors.get(k);
            int editor = k;
            threads.add(Thread.ofPlatform().name("editor-" + k).start(() -> {
                for (int n = 1; typing.get(); n++) {
                    String id = "e" + editor + "n" + n;
                    c.edit(n % 3 == 0 ? List.of(card(id, "pain", "use", "卡片 " + n), text(id, "edited 😀 " + n))
                            : List.of(card(id, "pain", "use", "卡片 " + n)));
                    sleep(120);
                }
            }));
        }

        List<Long> recoveryMs = new ArrayList<>();
        int generation = 1;
        for (int kill = 1; kill <= KILLS; kill++) {
            awaitTrue("three nodes up", 60, () -> alivePorts.size() == 3);
            awaitTrue("edits flowing before kill " + kill, 60, () -> ackedSince(editors, System.nanoTime() - 1_000_000_000L));
            // on a busy machine a 2 s lease can lapse between renewals; then a node takes it again within a moment
            awaitTrue("a running node holding the lease before kill " + kill, 60, () -> nodes.containsKey(String.valueOf(redis.call("GET", lease))));
            String ownerId = redis.call("GET", lease);
            ServerProcess owner = nodes.get(ownerId);
            assertThat(owner).as("the lease names a running node: " + ownerId).isNotNull();
            alivePorts.remove(Integer.valueOf(owner.port()));
            long killedAt = System.nanoTime();
            owner.kill9();
            nodes.remove(ownerId);
            String replacement = "node-r" + (++generation);
            var restartFailed = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread restart = Thread.ofPlatform().name("restart-" + kill).start(() -> {
                try {
                    startNode(replacement);
                } catch (Throwable e) {
                    restartFailed.set(e);
                }
            });

            awaitTrue("an edit accepted after kill " + kill, 90, () -> ackedSince(editors, killedAt));
            long recovered = firstAckAfter(editors, killedAt);
            recoveryMs.add(TimeUnit.NANOSECONDS.toMillis(recovered - killedAt));
            awaitTrue("a node holding the lease after kill " + kill, 60, () -> redis.call("GET", lease) != null);
            String newOwner = redis.call("GET", lease);
            assertThat(newOwner).as("kill " + kill + ": a new owner").isNotEqualTo(ownerId).isNotNull();
            System.out.println("[ClusterFailoverTest] kill " + kill + ": " + ownerId + " -> " + newOwner + ", edits accepted again after "
                    + recoveryMs.getLast() + " ms");
            if (recoveryMs.getLast() > 10_000) {
                // far slower than the target (lease TTL + 2 s): what the nodes said meanwhile
                for (var n : nodes.entrySet()) System.out.println("[ClusterFailoverTest] " + n.getKey() + " said:\n" + tail(n.getValue().output()));
            }
            restart.join(180_000);
            if (restartFailed.get() != null) throw new AssertionError("restarting a node after kill " + kill, restartFailed.get());
        }
        typing.set(false);
        for (Thread t : threads) t.join(10_000);

        List<ClusterClient> everyone = new ArrayList<>(editors);
        everyone.add(viewer);
        awaitTrue("every edit acknowledged or refused", 120, () -> editors.stream().allMatch(c -> c.pending() == 0));
        long last = editors.getFirst().seq();
        awaitTrue("everyone at the same seq", 60, () -> everyone.stream().allMatch(c -> c.welcomed() && c.seq() == editors.stream()
                .mapToLong(ClusterClient::seq).max().orElse(0)));
        last = editors.getFirst().seq();

        for (ClusterClient c : everyone) assertThat(c.problems()).as("what " + c.clientId() + " saw").isEmpty();

        // the log of record: seqs 1..last, each message once
        Map<Long, String> log = redisLog(board.id());
        assertThat(log.keySet()).as("no hole in the board's log").containsExactlyElementsOf(ClusterClient.seqs(1, last));
        Map<String, Long> seqOf = new HashMap<>();
        for (var e : log.entrySet()) {
            assertThat(seqOf.put(e.getValue(), e.getKey())).as("message " + e.getValue() + " applied twice").isNull();
        }
        int acked = 0;
        for (int k = 0; k < 3; k++) {
            ClusterClient c = editors.get(k);
            var seen = c.history();
            for (long cid : c.acked()) {
                acked++;
                assertThat(seqOf).as("acknowledged " + c.clientId() + ":" + cid + " is in the log").containsKey(c.clientId() + ":" + cid);
                expected.put("e" + k + "n" + cid, cid % 3 == 0 ? "edited 😀 " + cid : "卡片 " + cid);
            }
            for (var s : seen.values()) {
                assertThat(log.get(s.seq())).as("seq " + s.seq() + " as " + c.clientId() + " saw it").isEqualTo(s.client() + ":" + s.cid());
            }
        }
        Document board0 = viewer.confirmed();
        for (var e : expected.entrySet()) {
            Element el = board0.get(e.getKey());
            assertThat(el).as("acknowledged card " + e.getKey()).isNotNull();
            assertThat(el.props().get("text").textValue()).isEqualTo(e.getValue());
        }
        for (ClusterClient c : everyone) assertThat(ClusterClient.elements(c.confirmed())).as(c.clientId() + " converged").isEqualTo(ClusterClient.elements(board0));

        var sorted = new ArrayList<>(recoveryMs);
        Collections.sort(sorted);
        long p50 = sorted.get((sorted.size() - 1) / 2);
        long p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
        long max = sorted.getLast();
        int reconnects = everyone.stream().mapToInt(ClusterClient::reconnects).sum();
        int welcomes = everyone.stream().mapToInt(ClusterClient::welcomes).sum();
        System.out.println("[ClusterFailoverTest] " + KILLS + " kills of the serving node, lease TTL " + LEASE_TTL_MS + " ms: edits accepted again after p50 "
                + p50 + " ms, p99 " + p99 + " ms, max " + max + " ms (target p99 < " + (LEASE_TTL_MS + 2000) + " ms); " + acked
                + " acknowledged edit messages, " + last + " seqs, all on the board once; " + reconnects + " reconnects, " + welcomes
                + " welcomes (more welcomes than connects: relayed sockets kept their connection and joined the new room)");
        // wall clock on a shared machine: only a generous bound is asserted; the numbers above are the report
        assertThat(max).as("recovery times " + recoveryMs).isLessThan(60_000);
        for (ClusterClient c : everyone) c.stop();
    }

    private static boolean ackedSince(List<ClusterClient> editors, long since) {
        return firstAckAfter(editors, since) != Long.MAX_VALUE;
    }

    /** The first ack of a message first sent after {@code since}, over all editors; MAX_VALUE if none yet. */
    private static long firstAckAfter(List<ClusterClient> editors, long since) {
        long first = Long.MAX_VALUE;
        for (ClusterClient c : editors) {
            var sent = c.sentAt();
            for (var a : c.ackedAt().entrySet()) {
                Long s = sent.get(a.getKey());
                if (s != null && s > since) first = Math.min(first, a.getValue());
            }
        }
        return first;
    }

    /** The board's op log in Redis: seq -> client:cid. */
    private Map<Long, String> redisLog(String boardId) {
        var out = new TreeMap<Long, String>();
        String flat = redis.call("XRANGE", "jb:board:{" + boardId + "}:log", "-", "+");
        if (flat == null || flat.isEmpty()) return out;
        String[] lines = flat.split("\n");
        // id, "op", json per entry (the reply flattened one value a line)
        for (int i = 0; i + 2 < lines.length; i += 3) {
            var a = MessageCodec.applied(MessageCodec.parseObject(lines[i + 2]));
            out.put(a.seq(), a.client() + ":" + a.cid());
            assertThat(lines[i]).isEqualTo(a.seq() + "-0");
        }
        return out;
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }



    private static void awaitTrue(String what, int seconds, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within " + seconds + " s");
            Thread.sleep(20);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
