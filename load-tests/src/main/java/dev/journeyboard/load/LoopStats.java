package dev.journeyboard.load;

import io.vertx.core.Context;
import org.HdrHistogram.Histogram;

/**
 * What one generator event loop measures. Only that loop's thread writes it: plain fields and plain
 * HdrHistograms, no atomics and no shared cache lines on the receive path, so that recording a
 * delivery costs a few nanoseconds even when every applied of a 400-person board lands here. Other
 * threads read it only through {@link #snapshot} and {@link #reset}, which run on the loop itself
 * (the event loop's task queue orders them with the recording). The per-second timeline reads the
 * counters racily (a value a moment old), which is all a timeline needs.
 */
final class LoopStats extends Measures {
    final Context context;

    /** Reused for every frame this loop reads: the frame's bytes are copied here instead of into a new array. */
    private byte[] scratch = new byte[64 * 1024];

    LoopStats(Context context) {
        this.context = context;
    }

    static void record(Histogram h, long micros) {
        h.recordValue(micros < 0 ? 0 : Math.min(micros, HIGHEST));
    }

    /** The scratch array, at least {@code n} bytes long (grown, never shrunk). */
    byte[] scratch(int n) {
        if (scratch.length < n) scratch = new byte[Math.max(n, scratch.length * 2)];
        return scratch;
    }

    /** Forgets what was measured so far (the start of the measured window); {@code join} too only if asked. */
    void reset(boolean alsoJoin) {
        ack.reset();
        delivery.reset();
        presence.reset();
        lag.reset();
        slip.reset();
        if (alsoJoin) join.reset();
        framesReceived = bytesReceived = delivered = presenceFrames = presencePeers = pings = 0;
    }

    /** A copy of everything; call on the loop. */
    Snapshot snapshot() {
        var s = new Snapshot();
        s.add(this);
        return s;
    }

    /** Counters and histograms of one or more loops, merged ({@link #add} a loop's or another snapshot's). */
    static final class Snapshot extends Measures {}
}
