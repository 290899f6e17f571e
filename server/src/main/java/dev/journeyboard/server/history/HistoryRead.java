package dev.journeyboard.server.history;

import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.store.Snapshot;
import java.util.List;

/**
 * A stretch of a board's history as a store hands it out: a checkpoint and the ops after it.
 *
 * @param range      what the history holds
 * @param checkpoint the document at a seq at or below the one asked for
 * @param ops        every op after the checkpoint up to the last seq asked for, in seq order
 */
public record HistoryRead(HistoryRange range, Snapshot checkpoint, List<Applied> ops) {}
