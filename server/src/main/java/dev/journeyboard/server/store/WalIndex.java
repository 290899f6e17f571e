package dev.journeyboard.server.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which ops of which board lie where in the write-ahead log, and how many ops each segment still holds for
 * boards whose snapshot does not cover them yet. A segment that holds none (and is not the one being written)
 * can be deleted: that is the checkpoint. Used by the writer thread (adds) and the snapshot and load workers;
 * every method is synchronized and short.
 */
final class WalIndex {
    private final Map<String, ArrayList<Wal.Located>> boards = new HashMap<>();
    private final TreeMap<Long, Integer> live = new TreeMap<>();

    synchronized void segment(long seg) {
        live.putIfAbsent(seg, 0);
    }

    synchronized void add(List<Wal.Located> ops) {
        for (Wal.Located o : ops) {
            boards.computeIfAbsent(o.board(), b -> new ArrayList<>()).add(o);
            live.merge(o.pos().segment(), 1, Integer::sum);
        }
    }

    /** The board's ops in the log, oldest first. */
    synchronized List<Wal.Located> of(String board) {
        var l = boards.get(board);
        return l == null ? List.of() : List.copyOf(l);
    }

    /**
     * Forgets the board's ops at or below {@code upTo} (a durable snapshot covers them).
     *
     * @return the segments below {@code current} that no board needs any more
     */
    synchronized List<Long> trim(String board, long upTo, long current) {
        var l = boards.get(board);
        if (l != null) {
            int n = 0;
            while (n < l.size() && l.get(n).seq() <= upTo) {
                live.merge(l.get(n).pos().segment(), -1, Integer::sum);
                n++;
            }
            l.subList(0, n).clear();
            if (l.isEmpty()) boards.remove(board);
        }
        return unused(current);
    }

    synchronized List<Long> unused(long current) {
        var out = new ArrayList<Long>();
        for (var e : live.headMap(current).entrySet()) if (e.getValue() == 0) out.add(e.getKey());
        for (Long s : out) live.remove(s);
        return out;
    }

    synchronized int liveSegments() {
        return live.size();
    }
}
