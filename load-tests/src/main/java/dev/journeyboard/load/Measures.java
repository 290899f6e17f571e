package dev.journeyboard.load;

import org.HdrHistogram.Histogram;

/**
 * The histograms and counters of the generator's event loops: {@link LoopStats} records them on one loop,
 * {@link LoopStats.Snapshot} merges copies of several. One list of fields, so a new measure cannot be
 * recorded and then forgotten by the merge.
 */
abstract class Measures {
    /** Latencies are microseconds; anything above an hour is clamped (it would mean the run is broken anyway). */
    static final long HIGHEST = 3_600_000_000L;

    final Histogram ack = hist();
    final Histogram delivery = hist();
    final Histogram presence = hist();
    final Histogram join = hist();
    /** Time from a task being submitted to a loop until it runs (see {@link LoopProbe}). */
    final Histogram lag = hist();
    /** How late each timed send (op or cursor) went out against its fixed-rate schedule. */
    final Histogram slip = hist();

    long framesReceived;
    long bytesReceived;
    long delivered;
    long presenceFrames;
    long presencePeers;
    long pings;

    static Histogram hist() {
        return new Histogram(HIGHEST, 3);
    }

    /** Adds {@code o}'s histograms and counters to these. */
    void add(Measures o) {
        ack.add(o.ack);
        delivery.add(o.delivery);
        presence.add(o.presence);
        join.add(o.join);
        lag.add(o.lag);
        slip.add(o.slip);
        framesReceived += o.framesReceived;
        bytesReceived += o.bytesReceived;
        delivered += o.delivered;
        presenceFrames += o.presenceFrames;
        presencePeers += o.presencePeers;
        pings += o.pings;
    }
}
