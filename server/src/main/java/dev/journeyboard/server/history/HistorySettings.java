package dev.journeyboard.server.history;

import java.time.Duration;

/**
 * How the stores keep a board's history ({@code JB_HISTORY_CHECKPOINT_EVERY}, {@code JB_HISTORY_KEEP}).
 *
 * @param checkpointEvery ops between checkpoints (documents at a seq): opening a point replays at most about this
 *                        many ops plus the snapshot interval, whatever how far back it is
 * @param keepOps         keep at least the last this many ops (0: no limit by count)
 * @param keepFor         keep at least this long (zero: no limit by age); when both are zero everything is kept
 */
public record HistorySettings(int checkpointEvery, long keepOps, Duration keepFor) {
    public static final HistorySettings DEFAULT = new HistorySettings(1000, 0, Duration.ZERO);

    public HistorySettings {
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpointEvery must be at least 1");
        if (keepOps < 0 || keepFor.isNegative()) throw new IllegalArgumentException("history kept must not be negative");
    }

    public boolean keepsAll() {
        return keepOps == 0 && keepFor.isZero();
    }

    /**
     * {@code JB_HISTORY_KEEP}: {@code all}, a number of days ({@code 90d}) or a number of ops ({@code 100000}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static HistorySettings parse(int checkpointEvery, String keep) {
        String k = keep.strip();
        if (k.equals("all")) return new HistorySettings(checkpointEvery, 0, Duration.ZERO);
        if (k.matches("[1-9][0-9]{0,5}d")) return new HistorySettings(checkpointEvery, 0, Duration.ofDays(Long.parseLong(k.substring(0, k.length() - 1))));
        if (k.matches("[1-9][0-9]{0,17}")) return new HistorySettings(checkpointEvery, Long.parseLong(k), Duration.ZERO);
        throw new IllegalArgumentException("history keep must be all, a number of days (90d) or a number of ops (100000)");
    }

    /**
     * Whether a checkpoint may become the oldest one kept (everything before it dropped): it is at least
     * {@link #keepOps} ops below the newest seq, or was written at least {@link #keepFor} ago.
     */
    public boolean mayBecomeOldest(long checkpointSeq, long writtenAt, long newestSeq, long now) {
        if (keepsAll()) return false;
        if (keepOps > 0) return checkpointSeq <= newestSeq - keepOps;
        return writtenAt <= now - keepFor.toMillis();
    }
}
