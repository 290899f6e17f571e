package dev.journeyboard.server.room;

/**
 * How often a board's edits may go out to others, by its size. Each delivery is one frame to every socket, and a
 * frame costs the server about 30 µs a socket, half of it the kernel's write (hot-board, 100 people: 9.4 of 21.8
 * CPU-seconds in 40 s were system time, for 16,000 frames a second). A big board's edits arrive faster than the
 * disk syncs, so spacing its deliveries puts more edits in each frame at a cost of at most the interval in latency:
 * nothing up to 30 people (a workshop's edits go out as soon as they are durable), then 50 µs a participant, at most
 * 20 ms (5 ms at 100 people, 10 ms at 200, 20 ms from 400 on), well under what people notice of a card moving
 * (presence at that size is sent every 125 ms). {@code JB_APPEND_PACING} (named when it spaced the appends) sets the
 * 50 µs; 0 turns spacing off, for the lowest latency where CPU is plenty. The store appends are not spaced: they run
 * back to back (group commit), so an edit's fsync overlaps the wait for the next delivery instead of adding to it,
 * and each sender's tab gets its ack as soon as its append is durable ({@code OpPipeline.written}).
 */
final class DeliveryPacing {
    static final int UNPACED_UP_TO = 30;
    /** The default of {@code JB_APPEND_PACING}, in microseconds per participant. */
    static final int DEFAULT_MICROS = 50;
    private static final long MAX_NANOS = 20_000_000;

    private DeliveryPacing() {}

    /**
     * Nanoseconds from one delivery to others to the next for a board of {@code participants}, at
     * {@code microsPerParticipant} ({@code JB_APPEND_PACING}; 0 = never spaced).
     */
    static long intervalNanos(int participants, int microsPerParticipant) {
        if (participants <= UNPACED_UP_TO) return 0;
        return Math.min(MAX_NANOS, participants * microsPerParticipant * 1000L);
    }
}
