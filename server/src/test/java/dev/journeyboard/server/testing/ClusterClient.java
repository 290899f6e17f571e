package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.protocol.sync.SyncState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A participant that behaves like the web client across server failures: it keeps its pending messages,
 * resumes after any close (with {@code hello.lastSeq}, on a node {@code pickPort} chooses: any node, as a proxy
 * would), re-sends its pending messages with their cids after every welcome (also a second welcome on the same
 * socket, after its relay joined a new room), keeps STORE_UNAVAILABLE messages and tries them again. It checks
 * what the protocol promises as it goes: seqs contiguous, each seq always the same message, no message applied
 * at two seqs. Confined to its own Vert.x context; the test reads it through {@link #call}.
 */
public final class ClusterClient {
    /** One applied message as seen: what was applied at a seq. */
    public record Seen(long seq, String client, long cid) {}

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient ws;
    private final String name;
    private final String boardId;
    private final String token;
    private final IntSupplier pickPort;
    private final SyncState state;
    private ClientWebSocket socket;
    private boolean welcomed;
    private boolean stopped;
    private int welcomes;
    private int reconnects;
    private final Map<Long, Seen> bySeq = new HashMap<>();
    private final Map<String, Long> seqOfMessage = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Long, Long> sentAt = new LinkedHashMap<>();
    /** cid -> nanoTime of its ack (its applied) */
    private final Map<Long, Long> ackedAt = new LinkedHashMap<>();
    private final Map<ErrorCode, Integer> rejected = new HashMap<>();
    private int port = -1;

    public ClusterClient(Vertx vertx, String name, String clientId, String boardId, String token, IntSupplier pickPort) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(64 << 20).setMaxMessageSize(64 << 20)
                .setConnectTimeout(5000));
        this.name = name;
        this.boardId = boardId;
        this.token = token;
        this.pickPort = pickPort;
        this.state = new SyncState(clientId);
    }

    public String clientId() {
        return state.client();
    }

    public void start() {
        context.runOnContext(v -> connect());
    }

    /** Runs {@code f} on the client's context and returns its result. */
    public <T> T call(Supplier<T> f) {
        var out = new CompletableFuture<T>();
        context.runOnContext(v -> {
            try {
                out.complete(f.get());
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        });
        try {
            return out.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + ": " + e, e);
        }
    }

    /** Applies an edit locally and sends it (now if connected, else after the next welcome). False if it does not apply. */
    public boolean edit(List<Op> ops) {
        return call(() -> {
            ClientMessage.Ops m;
            try {
                m = state.edit(ops, Limits.UNLIMITED);
            } catch (ProtocolException e) {
                problem("edit does not apply locally: " + e.getMessage());
                return false;
            }
            sentAt.put(m.cid(), System.nanoTime());
            if (welcomed) write(m);
            return true;
        });
    }

    public boolean welcomed() {
        return call(() -> welcomed);
    }

    public long seq() {
        return call(state::seq);
    }

    public int pending() {
        return call(() -> state.pending().size());
    }

    public int welcomes() {
        return call(() -> welcomes);
    }

    public int reconnects() {
        return call(() -> reconnects);
    }

    public int port() {
        return call(() -> port);
    }

    public List<String> problems() {
        return call(() -> List.copyOf(problems));
    }

    public Map<Long, Seen> history() {
        return call(() -> Map.copyOf(bySeq));
    }

    public Map<Long, Long> sentAt() {
        return call(() -> Map.copyOf(sentAt));
    }

    public Map<Long, Long> ackedAt() {
        return call(() -> Map.copyOf(ackedAt));
    }

    public Map<ErrorCode, Integer> rejected() {
        return call(() -> Map.copyOf(rejected));
    }

    /** The document as the server confirmed it to this client. */
    public Document confirmed() {
        return call(() -> state.confirmed().copy());
    }

    /** Closes its socket as if the network dropped it: it resumes on the node {@code pickPort} gives. */
    public void drop() {
        context.runOnContext(v -> {
            if (socket != null) socket.close();
        });
    }

    public void stop() {
        call(() -> {
            stopped = true;
            if (socket != null) socket.close();
            return null;
        });
        ws.close();
    }

    private void connect() {
        if (stopped) return;
        welcomed = false;
        port = pickPort.getAsInt();
        var options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws/boards/" + boardId + "?token=" + token);
        ClientWebSocket s = ws.webSocket();
        socket = s;
        s.textMessageHandler(t -> context.runOnContext(v -> frame(s, t)));
        s.binaryMessageHandler(b -> context.runOnContext(v -> frame(s, b.toString(StandardCharsets.UTF_8))));
        s.closeHandler(v -> context.runOnContext(x -> closed(s)));
        s.connect(options).onComplete(ar -> context.runOnContext(v -> {
            if (s != socket) return;
            if (ar.failed()) {
                closed(s);
                return;
            }
            write(state.hello(name));
        }));
    }

    private void closed(ClientWebSocket s) {
        if (s != socket || stopped) return;
        socket = null;
        welcomed = false;
        reconnects++;
        vertx.setTimer(100 + (long) (Math.random() * 200), t -> context.runOnContext(v -> connect()));
    }

    private void write(ClientMessage m) {
        ClientWebSocket s = socket;
        if (s == null || s.isClosed()) return;
        s.writeTextMessage(new String(MessageCodec.encode(m), StandardCharsets.UTF_8)).onFailure(e -> { /* the close handler resumes */ });
    }

    private void frame(ClientWebSocket s, String text) {
        if (s != socket) return;
        ServerMessage m = MessageCodec.decodeServer(text);
        if (m instanceof ServerMessage.Batch b) {
            for (ServerMessage x : b.messages()) handle(x);
        } else {
            handle(m);
        }
    }

    private void handle(ServerMessage m) {
        switch (m) {
            case ServerMessage.Welcome w -> {
                welcomes++;
                if (w.missed() != null) for (ServerMessage.Applied a : w.missed()) see(a);
                state.welcome(w);
                welcomed = true;
                // a new connection, or a new room behind the same one: everything unacknowledged goes again
                for (ClientMessage.Ops p : state.pending()) write(p);
            }
            case ServerMessage.Applied a -> {
                if (!welcomed) return;
                if (a.seq() > state.seq() + 1) problem("gap: applied " + a.seq() + " after " + state.seq());
                see(a);
                state.applied(a);
            }
            case ServerMessage.Ack a -> state.settled(a.cid());
            case ServerMessage.Rejected r -> {
                rejected.merge(r.code(), 1, Integer::sum);
                if (r.code() == ErrorCode.STORE_UNAVAILABLE) {
                    // kept pending; tried again shortly (the web client backs off the same way)
                    vertx.setTimer(300, t -> context.runOnContext(v -> {
                        for (ClientMessage.Ops p : state.pending()) if (p.cid() == r.cid() && welcomed) write(p);
                    }));
                } else {
                    state.settled(r.cid());
                }
            }
            default -> { }
        }
    }

    private void see(ServerMessage.Applied a) {
        if (a.seq() <= state.seq() && bySeq.containsKey(a.seq())) {
            Seen before = bySeq.get(a.seq());
            if (!before.client().equals(a.client()) || before.cid() != a.cid()) {
                problem("seq " + a.seq() + " was " + before + ", now " + a.client() + ":" + a.cid());
            }
            return;
        }
        bySeq.put(a.seq(), new Seen(a.seq(), a.client(), a.cid()));
        Long at = seqOfMessage.put(a.client() + ":" + a.cid(), a.seq());
        if (at != null && at != a.seq() && !a.client().equals("@server")) {
            problem(a.client() + ":" + a.cid() + " applied twice, at seqs " + at + " and " + a.seq());
        }
        if (a.client().equals(state.client()) && !ackedAt.containsKey(a.cid())) ackedAt.put(a.cid(), System.nanoTime());
    }

    private void problem(String p) {
        if (problems.size() < 50) problems.add(name + ": " + p);
    }

    /** Messages of this client acknowledged so far (their applied came back), oldest first. */
    public List<Long> acked() {
        return call(() -> {
            var out = new ArrayList<>(ackedAt.keySet());
            Collections.sort(out);
            return out;
        });
    }

    /** Seqs {@code from..to}: what a client that saw every edit has seen (the cluster tests compare against it). */
    public static List<Long> seqs(long from, long to) {
        var out = new ArrayList<Long>();
        for (long s = from; s <= to; s++) out.add(s);
        return out;
    }

    /** A document's elements by id, comparable across clients and the server. */
    public static Map<String, String> elements(Document d) {
        var out = new java.util.TreeMap<String, String>();
        for (var e : d.elements()) out.put(e.id(), e.toString());
        return out;
    }
}
