package dev.journeyboard.server.logging;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate-limited logging for what can repeat in bursts (every board's write failing while the store is down,
 * every reconnect of a flapping client): the first line of a kind is logged at once; the same kind within the
 * next {@link #WINDOW_MS} is only counted, and the next line of that kind after it says how many were left out
 * ("… (and 311 more like it in the last 10 s)"). A kind is a short fixed key, never a message with ids in it.
 * Thread-safe.
 */
public final class QuietLog {
    static final long WINDOW_MS = 10_000;

    private record Window(long startedAt, int suppressed) {}

    private final System.Logger logger;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier clock;

    public QuietLog(System.Logger logger) {
        this(logger, System::currentTimeMillis);
    }

    QuietLog(System.Logger logger, java.util.function.LongSupplier clock) {
        this.logger = logger;
        this.clock = clock;
    }

    public void warn(String kind, String message) {
        log(System.Logger.Level.WARNING, kind, message, null);
    }

    public void log(System.Logger.Level level, String kind, String message, Throwable cause) {
        long now = clock.getAsLong();
        int[] leftOut = {-1};
        windows.compute(kind, (k, w) -> {
            if (w == null || now - w.startedAt() >= WINDOW_MS) {
                leftOut[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.startedAt(), w.suppressed() + 1);
        });
        if (leftOut[0] < 0) return; // counted, to be reported with the next line of its kind
        String line = leftOut[0] == 0 ? message
                : message + " (and " + leftOut[0] + " more like it in the last " + WINDOW_MS / 1000 + " s)";
        if (cause == null) logger.log(level, line);
        else logger.log(level, line, cause);
    }
}
