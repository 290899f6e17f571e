package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.FractionalIndex;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.protocol.sync.SyncState;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Convergence: several clients over real sockets make random edits with random delays, interleave freely,
 * drop their connections and resume with unacknowledged edits pending; at the end every client's document
 * equals the server's. The resume tail is tiny, so resumes take both paths (missed ops and snapshot). Clients
 * also re-send, with their original cid, messages that were already refused or applied (as a client that missed
 * the answer does): such a re-send must never be applied again nor acknowledged as applied when it was refused;
 * it gets the first answer again, or STALE_CID once the room has forgotten it.
 */
class ConvergenceTest {
    static final TestServer server = TestServer.perClass(Map.of("JB_OPS_PER_SECOND", "10000", "JB_RESUME_TAIL", "8", "JB_SNAPSHOT_EVERY", "25"));

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 12)
    void everyClientEndsWithTheServersDocument(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int clients,
                                               @ForAll @IntRange(min = 10, max = 50) int steps) throws Exception {
        var board = server.createBoard("convergence", "journey");
        var pool = Executors.newFixedThreadPool(clients);
        var sims = new ArrayList<Sim>();
        try {
            for (int i = 0; i < clients; i++) sims.add(new Sim(board, "sim" + i, new Random(seed + i)));
            var runs = new ArrayList<Future<?>>();
            for (Sim s : sims) runs.add(pool.submit(() -> s.play(steps)));
            for (Future<?> f : runs) f.get(60, TimeUnit.SECONDS);
            for (Sim s : sims) s.reconnectIfNeeded();
            // everyone's pending edits settle (applied, rejected or recognised as duplicates)
            awaitUntil(() -> sims.stream().allMatch(s -> s.pump() && s.state.pending().isEmpty()), "pending queues drain");
            ServerMessage.Welcome truth;
            try (var observer = server.connect(board.id(), board.viewer())) {
                truth = observer.hello("observer", "observer", null);
            }
            Document expected = Document.of(truth.snapshot().elements());
            awaitUntil(() -> sims.stream().allMatch(s -> s.pump() && s.state.seq() == truth.seq()), "clients reach seq " + truth.seq());
            for (Sim s : sims) {
                assertThat(s.state.confirmed()).as(s.name + " confirmed").isEqualTo(expected);
                assertThat(s.state.visible()).as(s.name + " visible").isEqualTo(expected);
            }
        } finally {
            sims.forEach(Sim::close);
            pool.shutdownNow();
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    /** One simulated participant: a SyncState fed by a real socket that comes and goes. */
    private static final class Sim {
        final TestServer.Board board;
        final String name;
        final Random rnd;
        final SyncState state;
        TestClient socket;
        int created;
        /** Every message sent, by cid; what the server answered to the first sending of those answered. */
        final Map<Long, ClientMessage.Ops> sent = new java.util.HashMap<>();
        final Map<Long, dev.journeyboard.protocol.ErrorCode> refused = new java.util.HashMap<>();
        final java.util.Set<Long> applied = new java.util.HashSet<>();
        int resends;

        Sim(TestServer.Board board, String name, Random rnd) {
            this.board = board;
            this.name = name;
            this.rnd = rnd;
            this.state = new SyncState(name);
            connect();
        }

        void play(int steps) {
            for (int i = 0; i < steps; i++) {
                pump();
                int dice = rnd.nextInt(100);
                if (socket == null) {
                    if (dice < 40) connect();
                    else edit();
                } else if (dice < 6) {
                    socket.close(); // pending edits stay queued
                    socket = null;
                } else if (dice < 25) {
                    sleep(rnd.nextInt(15));
                } else if (dice < 33) {
                    resendAnswered();
                } else {
                    edit();
                }
            }
        }

        void reconnectIfNeeded() {
            if (socket == null) connect();
        }

        private void connect() {
            socket = server.connect(board.id(), board.editor());
            socket.send(state.hello(name));
            state.welcome(socket.await(ServerMessage.Welcome.class, w -> true));
            for (ClientMessage.Ops p : state.pending()) socket.send(p);
        }

        /** Applies everything received so far. @return true, for use in conditions */
        synchronized boolean pump() {
            if (socket == null) return true;
            for (ServerMessage m : socket.drain()) {
                switch (m) {
                    case ServerMessage.Applied a -> {
                        if (a.client().equals(name) && !applied.add(a.cid())) throw new AssertionError(name + ": cid " + a.cid() + " applied twice");
                        if (a.client().equals(name) && refused.containsKey(a.cid())) throw new AssertionError(name + ": refused cid " + a.cid() + " applied");
                        state.applied(a);
                    }
                    case ServerMessage.Rejected r -> {
                        boolean transientRefusal = r.code() == dev.journeyboard.protocol.ErrorCode.RATE_LIMITED
                                || r.code() == dev.journeyboard.protocol.ErrorCode.STORE_UNAVAILABLE;
                        var first = transientRefusal ? null : refused.putIfAbsent(r.cid(), r.code());
                        if (first != null && r.code() != first && r.code() != dev.journeyboard.protocol.ErrorCode.STALE_CID) {
                            throw new AssertionError(name + ": re-sent cid " + r.cid() + " refused " + first + " first, then " + r.code());
                        }
                        if (applied.contains(r.cid()) && r.code() != dev.journeyboard.protocol.ErrorCode.STALE_CID) {
                            throw new AssertionError(name + ": applied cid " + r.cid() + " refused on re-send with " + r.code());
                        }
                        state.settled(r.cid());
                    }
                    case ServerMessage.Ack a -> {
                        if (refused.containsKey(a.cid())) throw new AssertionError(name + ": refused cid " + a.cid() + " acknowledged as applied");
                        state.settled(a.cid());
                    }
                    case ServerMessage.Error e -> throw new AssertionError(name + " got an error: " + e);
                    default -> { }
                }
            }
            return true;
        }

        private void edit() {
            List<Op> ops = randomOps();
            if (ops.isEmpty()) return;
            ClientMessage.Ops msg;
            try {
                msg = state.edit(ops, Limits.DEFAULT);
            } catch (ProtocolException e) {
                return; // an edit the UI would not have offered
            }
            sent.put(msg.cid(), msg);
            if (socket != null) socket.send(msg);
        }

        /** Sends again a message that was already answered (refused or applied), with its original cid. */
        private synchronized void resendAnswered() {
            var answered = new ArrayList<Long>(refused.keySet());
            if (answered.isEmpty() || rnd.nextBoolean()) answered.addAll(applied);
            if (answered.isEmpty()) return;
            answered.sort(null);
            long cid = answered.get(rnd.nextInt(answered.size()));
            socket.send(sent.get(cid));
            resends++;
        }

        private List<Op> randomOps() {
            Document doc = state.visible();
            List<Element> lanes = doc.elements().stream().filter(e -> e.type() == ElementType.LANE).toList();
            List<Element> stages = doc.elements().stream().filter(e -> e.type() == ElementType.STAGE).toList();
            List<Element> cards = doc.elements().stream().filter(e -> e.type() == ElementType.CARD)
                    .sorted(java.util.Comparator.comparing(Element::id)).toList();
            var p = JsonNodeFactory.instance;
            int dice = rnd.nextInt(100);
            if (cards.isEmpty() || dice < 35) {
                Element lane = lanes.get(rnd.nextInt(lanes.size()));
                Element stage = stages.get(rnd.nextInt(stages.size()));
                return List.of(new Op.Create(name + "-c" + (++created), ElementType.CARD, lane.id(), index(),
                        p.objectNode().put("stage", stage.id()).put("text", name + " 卡片 " + created)));
            }
            Element card = cards.get(rnd.nextInt(cards.size()));
            if (dice < 60) {
                return List.of(new Op.Update(card.id(), p.objectNode().put("text", name + " 编辑 " + rnd.nextInt(1000))
                        .put("emotion", rnd.nextInt(5) - 2), List.of()));
            }
            if (dice < 80) {
                Element lane = lanes.get(rnd.nextInt(lanes.size()));
                Element stage = stages.get(rnd.nextInt(stages.size()));
                return List.of(new Op.Batch(List.of(new Op.Move(card.id(), true, lane.id(), index()),
                        new Op.Update(card.id(), p.objectNode().put("stage", stage.id()), List.of()))));
            }
            return List.of(new Op.Delete(card.id()));
        }

        private String index() {
            return FractionalIndex.between(null, null) + FractionalIndex.DIGITS.charAt(1 + rnd.nextInt(61));
        }

        void close() {
            if (socket != null) socket.close();
        }

        private static void sleep(int ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
