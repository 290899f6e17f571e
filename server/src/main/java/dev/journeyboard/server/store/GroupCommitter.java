package dev.journeyboard.server.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The group commit across boards: a thread of its own (one per stripe of the log) takes every waiting batch of
 * its boards and makes them durable together in one round (one write, one fsync for all of them), then
 * completes each batch on its room's context.
 * While one round is being synced the next collects, so the more boards write at once, the more each fsync
 * carries.
 *
 * <p>When a round fails (no space left, an I/O error), the backend has already undone it; the store is then
 * <em>down</em>: every batch is refused at once (the rooms reject those edits with STORE_UNAVAILABLE),
 * {@code /health} says why, and a probe (a real write and sync) runs with back-off until one succeeds, after
 * which the store is up again by itself.
 */
final class GroupCommitter {
    private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());
    private static final long PROBE_MIN_MS = 100;
    private static final long PROBE_MAX_MS = 2000;

    /** Where the rounds go: the shared log, or (measured, not chosen) an embedded database. */
    interface Backend {
        /** Makes the round durable; when it throws, none of it is (the backend undid what it wrote). */
        void write(List<Batch> round) throws Exception;

        /** A small real write and sync: does the disk take writes again? */
        void probe() throws Exception;
    }

    /** One room's batch: its ops' seqs and encoded JSON, and whom to tell. */
    record Batch(String board, long[] seqs, List<byte[]> payloads, Promise<Void> done, Context context) {}

    private static final Batch STOP = new Batch("", new long[0], List.of(), null, null);

    private final Backend backend;
    private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile String down;
    private volatile boolean closed;
    private volatile long probeDelay = PROBE_MIN_MS;
    private volatile long nextProbe;
    private int probes;

    GroupCommitter(Backend backend, String name) {
        this.backend = backend;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
        thread.start();
    }

    Future<Void> submit(String board, long[] seqs, List<byte[]> payloads, Context context) {
        String why = down;
        if (why != null) return Future.failedFuture(new StoreUnavailableException(why));
        if (closed) return Future.failedFuture(new StoreUnavailableException("the store is closed"));
        Promise<Void> done = Promise.promise();
        queue.add(new Batch(board, seqs, payloads, done, context));
        return done.future();
    }

    /** Null when up, else why the store can't write now. */
    String down() {
        return down;
    }

    /** Something else of the store failed to write (a snapshot, a new board): down until a probe succeeds. */
    void markDown(String why) {
        if (closed) return;
        synchronized (this) {
            if (down != null) return;
            down = why;
            probeDelay = PROBE_MIN_MS;
            nextProbe = System.currentTimeMillis() + PROBE_MIN_MS;
        }
        LOG.log(System.Logger.Level.ERROR, "the embedded store cannot write: " + why
                + "; edits are refused with STORE_UNAVAILABLE and /health is degraded until a probe write succeeds");
        queue.add(new Batch("", new long[0], List.of(), null, null)); // wakes the writer, which schedules the probe
    }

    private void run() {
        var round = new ArrayList<Batch>();
        while (true) {
            Batch first;
            try {
                if (down == null) {
                    first = queue.take();
                } else {
                    long wait = Math.max(0, nextProbe - System.currentTimeMillis());
                    first = queue.poll(wait, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            }
            round.clear();
            if (first != null) round.add(first);
            queue.drainTo(round);
            boolean stop = round.removeIf(b -> b == STOP) || closed;
            round.removeIf(b -> b.done() == null); // wake-ups
            if (down != null) {
                if (System.currentTimeMillis() >= nextProbe) probe();
                if (down != null) {
                    fail(round, new StoreUnavailableException(down));
                    if (stop && queue.isEmpty()) return;
                    continue;
                }
            }
            if (!round.isEmpty()) {
                try {
                    backend.write(round);
                    for (Batch b : round) complete(b, null);
                } catch (Exception e) {
                    String why = describe(e);
                    markDown(why);
                    fail(round, new StoreUnavailableException("the board could not be saved: " + why, e));
                }
            }
            if (stop && queue.isEmpty()) return;
        }
    }

    private void probe() {
        probes++;
        try {
            backend.probe();
            String was = down;
            down = null;
            probeDelay = PROBE_MIN_MS;
            LOG.log(System.Logger.Level.INFO, "the embedded store takes writes again (after " + probes + " probe(s)); it had failed: " + was);
            probes = 0;
        } catch (Exception e) {
            down = describe(e);
            nextProbe = System.currentTimeMillis() + probeDelay;
            probeDelay = Math.min(PROBE_MAX_MS, probeDelay * 2);
            if (probes % 30 == 0) LOG.log(System.Logger.Level.WARNING, "the embedded store still cannot write after " + probes + " probes: " + down);
        }
    }

    private static void fail(List<Batch> round, Throwable e) {
        for (Batch b : round) complete(b, e);
    }

    private static void complete(Batch b, Throwable failure) {
        if (b.context() == null) {
            if (failure == null) b.done().complete();
            else b.done().fail(failure);
        } else {
            // straight onto the room's context: the room's completion handler then runs without another hop
            b.context().runOnContext(v -> {
                if (failure == null) b.done().complete();
                else b.done().fail(failure);
            });
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String what = e instanceof java.nio.file.FileSystemException ? "" : e.getClass().getSimpleName();
        if (m != null && m.contains("No space left")) what = "no space left on the disk";
        return (what.isEmpty() ? "" : what + ": ") + (m == null ? "" : m);
    }

    /** Finishes what was submitted, then stops the thread. */
    void close() throws InterruptedException {
        closed = true;
        queue.add(STOP);
        thread.join(10_000);
    }
}
