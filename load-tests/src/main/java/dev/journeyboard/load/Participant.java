package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.FractionalIndex;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated person on a board: a real WebSocket speaking the protocol through {@link MessageCodec}.
 * Everything of a participant runs on the event loop it connected from (its {@link LoopStats}' context), so its
 * fields need no locks, and it records into that loop's {@link LoopStats} without atomics.
 */
final class Participant {
    /** Unique across the generator and increasing per client: the key of the send-time ring in {@link Stats}. */
    static final AtomicLong CIDS = new AtomicLong();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WORDS = {"支付步骤多", "找不到入口", "客服响应慢", "价格透明", "Checkout is slow", "Love the app",
            "配送准时", "退货麻烦", "Onboarding unclear", "会员权益", "NPS detractor", "Search works well"};

    /** The cards this editor made and where they sit. */
    private record Card(String id, String lane, String stage) {}

    final int index;
    final LoadBoard board;
    final boolean editor;
    final String token;
    private final Stats stats;
    private final LoopStats loop;
    private final Options opt;
    private final String clientId;
    private final SplittableRandom random;
    /** Made once: a lambda made per frame would be an allocation per frame. */
    private final Frames.AppliedSink onApplied = this::onApplied;
    private final Frames.DoubleSink onCursorX = this::onCursorX;
    private final Context context;
    private final EventLoop eventLoop;
    private ClientWebSocket ws;
    private long connectStarted;
    private boolean welcomed;
    private boolean closing;
    private long lastSeq;
    private final Schedule ops = new Schedule(this::sendOp);
    private final Schedule cursor = new Schedule(this::sendCursor);
    private int cardCounter;
    private final List<Card> cards = new ArrayList<>();
    private Promise<Void> welcome;
    /** The frame being read: its arrival time, for every applied it carries. */
    private long frameNanos;
    private long frameMicros;
    /** A message split over several frames (rare: big welcomes), gathered here; null otherwise. */
    private byte[] partial;
    private int partialLen;

    /** {@code loop} must be the part of {@link Stats} of the event loop this participant will connect from. */
    Participant(int index, LoadBoard board, boolean editor, String token, Stats stats, LoopStats loop, Options opt) {
        this.index = index;
        this.board = board;
        this.editor = editor;
        this.token = token;
        this.stats = stats;
        this.loop = loop;
        this.opt = opt;
        this.clientId = "lg" + index + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
        this.random = new SplittableRandom(index * 7919L + 17);
        this.context = loop.context;
        this.eventLoop = ((ContextInternal) context).nettyEventLoop();
    }

    /**
     * Connects and says hello on its loop's context; completes when the welcome arrived. The join time
     * (connect start to welcome arrival) goes to the loop's join histogram.
     */
    io.vertx.core.Future<Void> connect(WebSocketClient client) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            welcome = done;
            var options = new WebSocketConnectOptions().setHost(opt.host()).setPort(opt.port())
                    .setURI("/ws/boards/" + board.id + "?token=" + token)
                    .addHeader("Origin", "http://" + opt.host() + ":" + opt.port());
            ClientWebSocket socket = client.webSocket();
            ws = socket;
            // raw frames: no message aggregation, no UTF-8 decoding into Strings, no copies by Vert.x
            // (pings are still answered with pongs by Vert.x itself, as a browser does)
            socket.frameHandler(this::onFrame);
            socket.closeHandler(x -> onClose());
            socket.exceptionHandler(e -> stats.problem("socket: " + e));
            connectStarted = System.nanoTime();
            socket.connect(options).onComplete(ar -> {
                if (ar.failed()) {
                    stats.connectFailures.increment();
                    stats.problem("connect: " + ar.cause());
                    done.tryFail(ar.cause());
                    return;
                }
                send(MessageCodec.encode(new ClientMessage.Hello(MessageCodec.VERSION, "参与者 " + index, clientId, null)));
            });
        });
        return done.future();
    }

    /** Starts sending ops and cursor moves at the configured rates, each on a fixed-rate schedule at a random phase. */
    void start(double opsRate, double cursorRate) {
        context.runOnContext(v -> {
            if (!welcomed || closing) return;
            if (editor && opsRate > 0) ops.start(opsRate);
            if (cursorRate > 0) cursor.start(cursorRate);
        });
    }

    void stop() {
        context.runOnContext(v -> {
            closing = true;
            ops.cancel();
            cursor.cancel();
        });
    }

    io.vertx.core.Future<Void> close() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            closing = true;
            ops.cancel();
            cursor.cancel();
            if (ws == null || ws.isClosed()) p.tryComplete();
            else ws.close().onComplete(x -> p.tryComplete());
        });
        return p.future();
    }

    boolean open() {
        return ws != null && !ws.isClosed() && welcomed;
    }

    /**
     * Sends at a fixed rate on the participant's own event loop (Netty's scheduler, nanosecond deadlines):
     * each send is due at {@code first + k * period}; a late timer sends everything due (the offered load
     * stays what was asked for) and records each send's lateness into the loop's slip histogram.
     */
    private final class Schedule implements Runnable {
        private final Runnable action;
        private long periodNanos;
        private long due;
        private ScheduledFuture<?> timer;

        Schedule(Runnable action) {
            this.action = action;
        }

        void start(double rate) {
            periodNanos = Math.max(1_000_000L, Math.round(1e9 / rate));
            due = System.nanoTime() + 1 + random.nextLong(periodNanos);
            arm(System.nanoTime());
        }

        private void arm(long now) {
            timer = eventLoop.schedule(this, Math.max(0, due - now), TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            if (closing) return;
            long now = System.nanoTime();
            while (due <= now && !closing) {
                LoopStats.record(loop.slip, (now - due) / 1000);
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // run straight from Netty's scheduler: a throw would end this schedule silently
                    stats.problem("send: " + e);
                }
                due += periodNanos;
            }
            if (!closing) arm(now);
        }

        void cancel() {
            if (timer != null) timer.cancel(false);
        }
    }

    // ------------------------------------------------------------------ receiving

    private void onFrame(WebSocketFrame f) {
        switch (f.type()) {
            case TEXT, BINARY -> {
                Buffer data = f.binaryData();
                if (f.isFinal()) {
                    int len = data.length();
                    byte[] b = loop.scratch(len);
                    data.getBytes(0, len, b, 0);
                    onMessage(b, len);
                } else {
                    partial = data.getBytes();
                    partialLen = partial.length;
                }
            }
            case CONTINUATION -> {
                if (partial == null) return;
                Buffer data = f.binaryData();
                int len = data.length();
                if (partialLen + len > partial.length) partial = Arrays.copyOf(partial, Math.max(partialLen + len, partial.length * 2));
                data.getBytes(0, len, partial, partialLen);
                partialLen += len;
                if (f.isFinal()) {
                    byte[] whole = partial;
                    int n = partialLen;
                    partial = null;
                    onMessage(whole, n);
                }
            }
            case PING -> loop.pings++;
            default -> { }
        }
    }

    /** One whole server message in {@code b[0, len)} ({@code b} may be the loop's scratch: do not keep it). */
    private void onMessage(byte[] b, int len) {
        frameNanos = System.nanoTime();
        loop.framesReceived++;
        loop.bytesReceived += len;
        if (opt.fullDecode) {
            try {
                MessageCodec.decodeServer(Arrays.copyOf(b, len));
            } catch (RuntimeException e) {
                stats.decodeErrors.increment();
                stats.problem("decode: " + e.getMessage());
            }
        }
        switch (Frames.type(b, len)) {
            case APPLIED, BATCH -> Frames.forEachApplied(b, len, onApplied);
            case PRESENCE -> {
                loop.presenceFrames++;
                frameMicros = (frameNanos - Stats.T0) / 1000;
                loop.presencePeers += Frames.cursorXs(b, len, onCursorX);
            }
            case WELCOME -> onWelcome(b, len);
            case REJECTED, ERROR, ACK -> {
                switch (MessageCodec.decodeServer(Arrays.copyOf(b, len))) {
                    case ServerMessage.Rejected r -> stats.rejected(r.code().name());
                    case ServerMessage.Error e -> stats.error(e.code().name());
                    case ServerMessage.Ack a -> stats.problem("unexpected duplicate ack for cid " + a.cid());
                    default -> { }
                }
            }
            default -> { }
        }
    }

    private void onApplied(long seq, long cid) {
        if (seq > lastSeq) lastSeq = seq;
        stats.applied(cid, index, loop, frameNanos);
    }

    private void onCursorX(double x) {
        // the send time (generator microseconds) rides in x; 0 and below are not ours
        if (x > 0) LoopStats.record(loop.presence, frameMicros - (long) x);
    }

    private void onWelcome(byte[] b, int len) {
        LoopStats.record(loop.join, (frameNanos - connectStarted) / 1000);
        stats.welcomes.increment();
        if (!board.gridKnown() || opt.fullDecode) {
            var w = (ServerMessage.Welcome) MessageCodec.decodeServer(Arrays.copyOf(b, len));
            lastSeq = w.seq();
            if (w.snapshot() != null) board.learnGrid(w.snapshot().elements());
        }
        welcomed = true;
        welcome.tryComplete();
    }

    private void onClose() {
        if (!closing) {
            stats.disconnects.increment();
            stats.closed(ws.closeStatusCode(), ws.closeReason());
            stats.problem("participant " + index + " disconnected: " + ws.closeStatusCode() + " " + ws.closeReason());
        }
        if (welcome != null) welcome.tryFail("closed before welcome");
    }

    // ------------------------------------------------------------------ sending

    private void send(byte[] utf8) {
        if (ws == null || ws.isClosed()) return;
        ws.writeTextMessage(new String(utf8, StandardCharsets.UTF_8));
    }

    private void sendCursor() {
        if (closing || !open()) return;
        // the send time rides in x (microseconds on the generator's clock): receivers take it straight off the frame
        ObjectNode fields = NODES.objectNode();
        fields.putObject("cursor").put("x", (double) Stats.micros()).put("y", (double) index);
        byte[] bytes = MessageCodec.encode(new ClientMessage.Presence(fields));
        stats.presenceSent.increment();
        stats.bytesSent.add(bytes.length);
        send(bytes);
    }

    private void sendOp() {
        if (closing || !open() || !board.gridKnown()) return;
        List<Op> ops = nextOps();
        sendOps(ops);
    }

    /** Sends {@code ops} from this participant's event loop (for callers on other threads, e.g. seeding). */
    void sendOpsFromLoop(List<Op> ops) {
        context.runOnContext(v -> sendOps(ops));
    }

    void sendOps(List<Op> ops) {
        long cid = CIDS.incrementAndGet();
        byte[] bytes = MessageCodec.encode(new ClientMessage.Ops(cid, lastSeq, ops));
        int weight = 0;
        for (Op op : ops) weight += op.weight();
        stats.sent(cid, index, weight, bytes.length);
        send(bytes);
    }

    /**
     * A realistic mix on the editor's own cards (so that nobody's edit is rejected by another's delete):
     * create a card in a cell 20%, paste a batch of cards 5%, move a card to another cell (move + update
     * stage, one batch) 20%, edit its text 30%, change its emotion score 20%, delete one 5%. An editor keeps
     * at most {@code --max-cards}: beyond, creations turn into deletions.
     */
    List<Op> nextOps() {
        double r = random.nextDouble();
        boolean full = cards.size() + opt.pasteSize > opt.maxCardsPerEditor;
        if (cards.size() < 3 && !full) r = 0; // start with something to edit
        if (r < 0.20) return full ? List.of(delete()) : List.of(create());
        if (r < 0.25) {
            if (full) return List.of(delete());
            var paste = new ArrayList<Op>();
            for (int i = 0; i < opt.pasteSize; i++) paste.add(create());
            return List.of(new Op.Batch(paste));
        }
        if (cards.isEmpty()) return List.of(create());
        int k = random.nextInt(cards.size());
        Card c = cards.get(k);
        if (r < 0.45) {
            String lane = board.lanes.get(random.nextInt(board.lanes.size()));
            String stage = board.stages.get(random.nextInt(board.stages.size()));
            cards.set(k, new Card(c.id(), lane, stage));
            return List.of(new Op.Batch(List.of(
                    new Op.Move(c.id(), true, lane, randomIndex()),
                    new Op.Update(c.id(), NODES.objectNode().put("stage", stage), List.of()))));
        }
        if (r < 0.75) {
            return List.of(new Op.Update(c.id(), NODES.objectNode().put("text", text()), List.of()));
        }
        if (r < 0.95) {
            return List.of(new Op.Update(c.id(), NODES.objectNode().put("emotion", random.nextInt(5) - 2), List.of()));
        }
        return List.of(delete());
    }

    private Op create() {
        String id = "c" + index + "_" + (cardCounter++);
        String lane = board.lanes.get(random.nextInt(board.lanes.size()));
        String stage = board.stages.get(random.nextInt(board.stages.size()));
        cards.add(new Card(id, lane, stage));
        ObjectNode props = NODES.objectNode().put("stage", stage).put("text", text()).put("emotion", random.nextInt(5) - 2);
        return new Op.Create(id, ElementType.CARD, lane, randomIndex(), props);
    }

    private Op delete() {
        Card c = cards.remove(random.nextInt(cards.size()));
        return new Op.Delete(c.id());
    }

    private String text() {
        return WORDS[random.nextInt(WORDS.length)] + " #" + random.nextInt(1000);
    }

    private String randomIndex() {
        var sb = new StringBuilder(4);
        for (int i = 0; i < 3; i++) sb.append(FractionalIndex.DIGITS.charAt(random.nextInt(62)));
        sb.append(FractionalIndex.DIGITS.charAt(1 + random.nextInt(61)));
        return sb.toString();
    }

    /** Elements for seeding a board: cards spread over every cell, in messages of at most {@code perMessage} ops. */
    static List<List<Op>> seedOps(LoadBoard board, int elements, int perMessage) {
        var random = new SplittableRandom(42);
        var out = new ArrayList<List<Op>>();
        var current = new ArrayList<Op>();
        String[] keys = FractionalIndex.sequence(elements);
        for (int i = 0; i < elements; i++) {
            String lane = board.lanes.get(i % board.lanes.size());
            String stage = board.stages.get((i / board.lanes.size()) % board.stages.size());
            ObjectNode props = NODES.objectNode().put("stage", stage).put("text", WORDS[i % WORDS.length] + " — seed " + i)
                    .put("emotion", random.nextInt(5) - 2);
            if (i % 7 == 0) props.put("kano", "performance").put("csat", 1 + random.nextInt(5));
            current.add(new Op.Create("seed" + i, ElementType.CARD, lane, keys[i], props));
            if (current.size() == perMessage) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    /** A board under load: its id, links, and the grid learnt from the first welcome. */
    static final class LoadBoard {
        final String id;
        final String editToken;
        final String viewToken;
        final String facilitatorToken;
        volatile List<String> stages = List.of();
        volatile List<String> lanes = List.of();

        LoadBoard(String id, String facilitatorToken, String editToken, String viewToken) {
            this.id = id;
            this.facilitatorToken = facilitatorToken;
            this.editToken = editToken;
            this.viewToken = viewToken;
        }

        boolean gridKnown() {
            return !stages.isEmpty() && !lanes.isEmpty();
        }

        synchronized void learnGrid(java.util.Collection<Element> elements) {
            if (gridKnown()) return;
            var s = new ArrayList<String>();
            var l = new ArrayList<String>();
            for (Element e : elements) {
                if (e.type() == ElementType.STAGE) s.add(e.id());
                else if (e.type() == ElementType.LANE) l.add(e.id());
            }
            s.sort(null);
            l.sort(null);
            lanes = List.copyOf(l);
            stages = List.copyOf(s);
        }
    }
}
