package dev.journeyboard.server.history;

import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.room.Privacy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A board's history as people see it, from a store's {@link BoardHistory}: the board as it was right after a seq,
 * the changes between two seqs (who, when, which elements) and the public ops for a replay. History is read as
 * someone who is none of the authors: private elements (private writing not revealed yet) are never in it, and
 * an edit of one shows as what everyone else was shown of it live. The replays of the ops run on a worker thread.
 */
public final class HistoryReader {
    /** No client has this id (ids are 1..64 characters): what "everyone else" sees of private elements. */
    private static final String NOBODY = "";

    private final Vertx vertx;
    private final BoardHistory history;

    public HistoryReader(Vertx vertx, BoardHistory history) {
        this.vertx = vertx;
        this.history = history;
    }

    /** The public board right after {@code seq}; {@code at} is that op's time (0 unknown). */
    public record Point(long seq, long at, List<Element> elements, HistoryRange range) {}

    /**
     * One step of the board's history as the timeline lists it.
     *
     * @param name    the author's display name (null for records older than names in the log)
     * @param server  a change the server made on someone's behalf (vote totals, a reveal, a named version)
     * @param ops     what everyone was shown of it (private elements left out; possibly none)
     */
    public record Change(long seq, long at, String name, boolean server, List<String> created, List<String> updated,
                         List<String> deleted, List<Op> ops) {}

    /**
     * @param start the public board right before the first change (at {@code startSeq})
     * @param next  the seq to continue from when {@code to} was not reached (the limit), else null
     */
    public record Changes(HistoryRange range, long startSeq, List<Element> start, List<Change> changes, Long next) {}

    /** @return null for no such board; fails with {@link HistoryException} outside the history kept */
    public Future<Point> documentAt(String boardId, long seq) {
        // from a checkpoint before seq when there is one, so that the op at seq (and its time) is among those read
        Future<HistoryRead> read = seq == 0 ? history.read(boardId, 0, 0) : history.read(boardId, seq - 1, seq)
                .recover(e -> e instanceof HistoryException h && h.code().equals(HistoryException.HISTORY_EXPIRED)
                        ? history.read(boardId, seq, seq) : Future.failedFuture(e));
        return read.compose(r -> r == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            Document doc = Document.of(r.checkpoint().elements());
            long at = 0;
            for (Applied a : r.ops()) {
                doc.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
                if (a.seq() == seq) at = a.at();
            }
            return new Point(seq, at, Privacy.visibleTo(doc.elements(), NOBODY), r.range());
        }, false));
    }

    /**
     * The changes after {@code after} up to {@code to}, at most {@code limit} of them, with the board before them.
     * An {@code after} below the oldest point kept starts there.
     */
    public Future<Changes> changes(String boardId, long after, long to, int limit) {
        return history.range(boardId).compose(range -> {
            if (range == null) return Future.succeededFuture();
            long from = Math.max(after, range.oldest());
            long last = Math.min(to, from + limit);
            if (last < from) return Future.failedFuture(new HistoryException(HistoryException.SEQ_NOT_FOUND,
                    "seq " + to + " is before the oldest point kept, seq " + range.oldest(), range));
            return history.read(boardId, from, last).compose(read -> read == null ? Future.succeededFuture()
                    : vertx.executeBlocking(() -> replay(read, from, last, to), false));
        });
    }

    private static Changes replay(HistoryRead read, long from, long last, long to) {
        Document doc = Document.of(read.checkpoint().elements());
        List<Element> start = null;
        var out = new ArrayList<Change>();
        for (Applied a : read.ops()) {
            if (a.seq() <= from) {
                doc.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
                continue;
            }
            if (start == null) start = Privacy.visibleTo(doc.elements(), NOBODY);
            var before = Privacy.ownersBefore(doc, a.ops());
            doc.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
            var views = Privacy.views(a.ops(), before, doc);
            out.add(change(a, views == null ? a.ops() : views.get(null)));
        }
        if (start == null) start = Privacy.visibleTo(doc.elements(), NOBODY);
        return new Changes(read.range(), from, start, out, last < to ? last + 1 : null);
    }

    private static Change change(Applied a, List<Op> shown) {
        Set<String> created = new LinkedHashSet<>();
        Set<String> updated = new LinkedHashSet<>();
        Set<String> deleted = new LinkedHashSet<>();
        for (Op op : Privacy.flatten(shown)) {
            switch (op) {
                case Op.Create c -> created.add(c.id());
                case Op.Delete d -> {
                    if (!created.remove(d.id())) deleted.add(d.id());
                    updated.remove(d.id());
                }
                case Op.Update u -> {
                    if (!created.contains(u.id())) updated.add(u.id());
                }
                case Op.Move m -> {
                    if (!created.contains(m.id())) updated.add(m.id());
                }
                case Op.Batch b -> { }
            }
        }
        return new Change(a.seq(), a.at(), a.name(), Actor.SERVER.client().equals(a.client()), List.copyOf(created),
                List.copyOf(updated), List.copyOf(deleted), shown);
    }
}
