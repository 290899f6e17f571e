package dev.journeyboard.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The one-way upgrade of a board written by the old layout, where each board had its own op logs
 * ({@code boards/<id>/ops.log}, fsynced per batch, and {@code ops.prev.log}, the log before the newest
 * snapshot). On the board's first load its logged ops move into its {@code tail.log} (which the loader merges
 * with the shared log by seq, like any resume tail) and the old files are deleted. {@code meta.json} and
 * {@code snapshot.json} keep their format. A crash half-way leaves the old files in place, so the next load
 * simply upgrades again.
 */
final class LegacyLayout {
    static final String LOG = "ops.log";
    static final String PREV = "ops.prev.log";
    private static final System.Logger LOGGER = System.getLogger(LegacyLayout.class.getName());

    private LegacyLayout() {}

    static boolean present(Path boardDir) {
        return Files.exists(boardDir.resolve(LOG)) || Files.exists(boardDir.resolve(PREV));
    }

    /**
     * Moves the old logs' ops into {@code tail.log}. @throws IOException when an old log is corrupt (a bad
     * record with intact ones after it, as the old store left behind after a full disk): the board stays
     * unavailable and its files untouched
     */
    static void upgrade(DiskIo io, Path boardDir, String boardId) throws IOException {
        var bySeq = new TreeMap<Long, byte[]>();
        for (LogRecords.Rec r : existingTail(boardDir)) bySeq.putIfAbsent(StoredOps.seq(r.payload()), r.payload());
        for (String name : List.of(PREV, LOG)) {
            Path f = boardDir.resolve(name);
            LogRecords.Read read = LogRecords.read(f);
            if (read.corrupt()) {
                throw new IOException("board " + boardId + ": " + f + " is damaged at byte " + read.corruptAt() + " of " + read.fileLength()
                        + " and intact records follow it: acknowledged ops may sit behind the damage, so the board is kept unavailable"
                        + " and nothing is overwritten");
            }
            if (read.torn()) {
                LOGGER.log(System.Logger.Level.WARNING, f + ": dropping a torn record at byte " + read.validLength() + " of "
                        + read.fileLength() + " (a crash during an unacknowledged append)");
            }
            for (LogRecords.Rec r : read.records()) {
                long seq = StoredOps.seqOf(r.payload());
                bySeq.putIfAbsent(seq, StoredOps.record(seq, r.payload()));
            }
        }
        BoardFiles.replace(io, boardDir.resolve(StoredOps.TAIL), LogRecords.frame(new ArrayList<>(bySeq.values())));
        Wal.syncDir(boardDir);
        Files.deleteIfExists(boardDir.resolve(LOG));
        Files.deleteIfExists(boardDir.resolve(PREV));
        Wal.syncDir(boardDir);
        LOGGER.log(System.Logger.Level.INFO, "board " + boardId + ": upgraded from the per-board op log layout (" + bySeq.size()
                + " logged op(s) moved to " + StoredOps.TAIL + ")");
    }

    private static List<LogRecords.Rec> existingTail(Path boardDir) throws IOException {
        return StoredOps.readTail(boardDir.resolve(StoredOps.TAIL));
    }
}
