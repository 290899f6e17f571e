package dev.journeyboard.server.voc;

import static dev.journeyboard.protocol.ErrorCode.ELEMENT_NOT_FOUND;
import static dev.journeyboard.protocol.ErrorCode.STORE_UNAVAILABLE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.server.api.Refusal;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.room.Room;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Customer feedback of boards: CSV imports, the lists, tagging. The work (decoding, parsing, matching, building
 * summaries) runs on a worker pool of its own, never on an event loop or the room's context: the room only gives
 * a copy of its cards and applies the one summary edit ({@link Room#serverEdit}) that sets the {@code feedback}
 * prop of every card whose feedback changed. The operations of one board run one after the other; each first
 * brings the board's in-memory index up to the end of its log (a few recently used boards stay in memory).
 */
public final class FeedbackService {
    /** The author of feedback summary edits in the board history, for imports and tags by people. */
    public static final String AUTHOR = "@feedback";
    /** Errors and warnings listed in an import's answer; the counts cover all of them. */
    static final int MAX_ISSUES = 500;
    private static final int CACHED_BOARDS = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The {@code JB_FEEDBACK_*} limits. */
    public record Settings(long maxBytes, int maxRows, int maxText) {}

    private record Built(List<FeedbackItem> items, List<byte[]> records) {}

    private record Summaries(Map<String, ObjectNode> byCard, int unmatched) {}

    private static final class BoardLog {
        final FeedbackIndex index = new FeedbackIndex();
        long position;
    }

    private final Vertx vertx;
    private final FeedbackLog log;
    private final Settings settings;
    private final WorkerExecutor workers;
    private final dev.journeyboard.server.store.PerBoardOrder order = new dev.journeyboard.server.store.PerBoardOrder();
    private final Map<String, BoardLog> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BoardLog> eldest) {
            return size() > CACHED_BOARDS;
        }
    };

    public FeedbackService(Vertx vertx, FeedbackLog log, Settings settings) {
        this.vertx = vertx;
        this.log = log;
        this.settings = settings;
        this.workers = vertx.createSharedWorkerExecutor("jb-feedback", 2);
    }

    public Settings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ import

    /** Imports a CSV into the room's board; the answer is the import report. */
    public Future<ObjectNode> importCsv(Room room, byte[] body, String charset, String author) {
        if (body.length > settings.maxBytes()) {
            return Future.failedFuture(new Refusal(413, "TOO_LARGE", "the file has " + body.length + " bytes; at most "
                    + settings.maxBytes() + " (JB_FEEDBACK_MAX_BYTES)"));
        }
        String boardId = room.meta().id();
        return inOrder(boardId, () -> room.read(Cards::of).compose(cards -> work(() ->
                FeedbackCsv.read(body, charset, settings.maxRows(), settings.maxText(), cards)).compose(parsed -> {
            if (parsed.accepted().isEmpty()) return Future.succeededFuture(report(parsed, 0, null));
            return current(boardId).compose(board -> save(boardId, board, parsed)).compose(board -> {
                var touched = new LinkedHashSet<String>();
                for (FeedbackCsv.Row r : parsed.accepted()) if (r.card() != null) touched.add(r.card());
                return publish(room, board, touched, cards.ids, author).map(seq -> report(parsed, touched.size(), seq));
            });
        })));
    }

    /** Appends the accepted rows to the log, then to the index (which changes only once they are durable). */
    private Future<BoardLog> save(String boardId, BoardLog board, FeedbackCsv.Parsed parsed) {
        long now = System.currentTimeMillis();
        int first = board.index.size() + 1;
        return work(() -> {
            var items = new ArrayList<FeedbackItem>(parsed.accepted().size());
            var records = new ArrayList<byte[]>(parsed.accepted().size());
            for (int i = 0; i < parsed.accepted().size(); i++) {
                FeedbackCsv.Row r = parsed.accepted().get(i);
                var item = new FeedbackItem(first + i, r.text(), r.channel(), r.date(), r.rating(), r.touchpoint(), r.row(), now);
                items.add(item);
                records.add(MessageCodec.bytes(item.record(r.card(), r.match())));
            }
            return new Built(items, records);
        }).compose(built ->
            append(boardId, board, built.records()).map(v -> {
                for (int i = 0; i < built.items().size(); i++) {
                    FeedbackCsv.Row r = parsed.accepted().get(i);
                    board.index.add(built.items().get(i), r.card(), r.match());
                }
                return board;
            }));
    }

    private ObjectNode report(FeedbackCsv.Parsed p, int cards, Long seq) {
        int matched = 0, byTouchpoint = 0;
        for (FeedbackCsv.Row r : p.accepted()) {
            if (r.card() != null) matched++;
            if ("touchpoint".equals(r.match())) byTouchpoint++;
        }
        ObjectNode o = NODES.objectNode().put("rows", p.rows()).put("imported", p.accepted().size()).put("matched", matched)
                .put("unmatched", p.accepted().size() - matched);
        o.putObject("matchedBy").put("touchpoint", byTouchpoint).put("keywords", matched - byTouchpoint);
        o.put("skipped", p.errors().size()).put("cards", cards).put("charset", p.charset());
        if (seq != null) o.put("seq", seq);
        issues(o.putArray("errors"), p.errors());
        issues(o.putArray("warnings"), p.warnings());
        return o;
    }

    private static void issues(ArrayNode out, List<FeedbackCsv.Issue> issues) {
        for (FeedbackCsv.Issue i : issues.subList(0, Math.min(MAX_ISSUES, issues.size()))) {
            ObjectNode e = out.addObject().put("row", i.row());
            if (i.column() != null) e.put("column", i.column());
            e.put("message", i.message());
        }
    }

    // ------------------------------------------------------------------ list and tag

    /**
     * A page of the board's feedback, newest first: the items filed under {@code card}, or (card null) those under
     * no existing card. {@code {total, offset, limit, items}}.
     */
    public Future<ObjectNode> list(Room room, String card, int offset, int limit) {
        String boardId = room.meta().id();
        return inOrder(boardId, () -> room.read(FeedbackService::cardIds).compose(ids -> {
            if (card != null && !ids.contains(card)) return Future.failedFuture(new ProtocolException(ELEMENT_NOT_FOUND, "no card '" + card + "'"));
            return current(boardId).compose(board -> work(() -> {
                List<FeedbackIndex.Entry> all = card != null ? board.index.forCard(card) : board.index.unmatched(ids);
                ObjectNode o = NODES.objectNode().put("total", all.size()).put("offset", offset).put("limit", limit);
                ArrayNode items = o.putArray("items");
                for (int i = offset; i < Math.min(all.size(), offset + limit); i++) items.add(FeedbackIndex.json(all.get(i)));
                return o;
            }));
        }));
    }

    /** Files the items under {@code card} (null: under no card), live for everyone. {@code {tagged, seq}}. */
    public Future<ObjectNode> tag(Room room, List<String> itemIds, String card, String author) {
        String boardId = room.meta().id();
        return inOrder(boardId, () -> room.read(FeedbackService::cardIds).compose(ids -> {
            if (card != null && !ids.contains(card)) return Future.failedFuture(new ProtocolException(ELEMENT_NOT_FOUND, "no card '" + card + "'"));
            return current(boardId).compose(board -> {
                var touched = new LinkedHashSet<String>();
                for (String id : itemIds) {
                    FeedbackIndex.Entry e = board.index.get(id);
                    if (e == null) return Future.failedFuture(new ProtocolException(ELEMENT_NOT_FOUND, "no feedback item '" + id + "'"));
                    if (e.card != null) touched.add(e.card);
                }
                if (card != null) touched.add(card);
                ObjectNode rec = NODES.objectNode().put("t", "tag");
                itemIds.forEach(rec.putArray("items")::add);
                if (card == null) rec.putNull("card");
                else rec.put("card", card);
                rec.put("at", System.currentTimeMillis());
                return append(boardId, board, List.of(MessageCodec.bytes(rec))).compose(v -> {
                    board.index.tag(itemIds, card);
                    return publish(room, board, touched, ids, author);
                }).map(seq -> NODES.objectNode().put("tagged", itemIds.size()).put("seq", seq));
            });
        }));
    }

    /** Deletes the board's feedback log (and forgets its index): board deletion calls this. */
    public Future<Void> delete(String boardId) {
        return inOrder(boardId, () -> {
            synchronized (cache) {
                cache.remove(boardId);
            }
            return log.delete(boardId);
        });
    }

    public Future<Void> close() {
        return workers.close().eventually(log::close);
    }

    // ------------------------------------------------------------------ the summary edit

    /**
     * Sets the {@code feedback} summary of every touched card (unsets it where nothing is filed any more) in one
     * server edit, then tells everyone ({@code feedback}). Cards deleted meanwhile are skipped.
     */
    private Future<Long> publish(Room room, BoardLog board, Set<String> touched, Set<String> liveCards, String author) {
        if (touched.isEmpty()) {
            return work(() -> board.index.unmatchedCount(liveCards)).compose(unmatched ->
                    room.serverEdit(author, doc -> List.of()).onSuccess(seq -> room.broadcast(new ServerMessage.Feedback(seq, List.of(), unmatched))));
        }
        return work(() -> {
            var summaries = new LinkedHashMap<String, ObjectNode>();
            for (String c : touched) summaries.put(c, board.index.summary(c));
            return new Summaries(summaries, board.index.unmatchedCount(liveCards));
        }).compose(r -> room.serverEdit(author, doc -> summaryOps(doc, r.byCard()))
                .onSuccess(seq -> room.broadcast(new ServerMessage.Feedback(seq, List.copyOf(touched), r.unmatched()))));
    }

    static List<Op> summaryOps(Document doc, Map<String, ObjectNode> summaries) {
        var ops = new ArrayList<Op>();
        summaries.forEach((id, summary) -> {
            Element e = doc.get(id);
            if (e == null || e.type() != ElementType.CARD) return;
            if (summary != null) ops.add(new Op.Update(id, NODES.objectNode().set("feedback", summary), List.of()));
            else if (e.props().has("feedback")) ops.add(new Op.Update(id, NODES.objectNode(), List.of("feedback")));
        });
        return ops;
    }

    private static Set<String> cardIds(Document doc) {
        var ids = new HashSet<String>();
        for (Element e : doc.elements()) if (e.type() == ElementType.CARD) ids.add(e.id());
        return ids;
    }

    // ------------------------------------------------------------------ the log and the index

    /** The board's index, brought up to the end of its log. */
    private Future<BoardLog> current(String boardId) {
        BoardLog cached;
        synchronized (cache) {
            cached = cache.get(boardId);
        }
        BoardLog board = cached != null ? cached : new BoardLog();
        return storeCall(log.read(boardId, board.position)).compose(chunk -> {
            if (chunk.next() < board.position) { // the log was deleted meanwhile: start over
                BoardLog fresh = new BoardLog();
                return storeCall(log.read(boardId, 0)).compose(c -> catchUp(fresh, c));
            }
            return catchUp(board, chunk);
        }).onSuccess(b -> {
            synchronized (cache) {
                cache.put(boardId, b);
            }
        });
    }

    private Future<BoardLog> catchUp(BoardLog board, FeedbackLog.Chunk chunk) {
        if (chunk.records().isEmpty()) {
            board.position = Math.max(board.position, chunk.next());
            return Future.succeededFuture(board);
        }
        return work(() -> {
            for (byte[] r : chunk.records()) board.index.apply(MessageCodec.parseObject(r));
            board.position = chunk.next();
            return board;
        });
    }

    private Future<Void> append(String boardId, BoardLog board, List<byte[]> records) {
        return storeCall(log.append(boardId, board.position, records)).map(next -> {
            board.position = next;
            return (Void) null;
        }).onFailure(e -> {
            synchronized (cache) { // we can't know where the log ends now: read it afresh next time
                cache.remove(boardId);
            }
        });
    }

    private static <T> Future<T> storeCall(Future<T> f) {
        return f.recover(e -> Future.failedFuture(new ProtocolException(STORE_UNAVAILABLE,
                "the feedback log could not be read or written just now: " + e.getMessage())));
    }

    private <T> Future<T> work(Callable<T> task) {
        return workers.executeBlocking(task, false);
    }

    private <T> Future<T> inOrder(String boardId, Supplier<Future<T>> op) {
        return order.run(boardId, op);
    }
}
