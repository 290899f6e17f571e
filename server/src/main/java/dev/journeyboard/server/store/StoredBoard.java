package dev.journeyboard.server.store;

import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import java.util.List;

/**
 * A board as loaded from a store.
 *
 * @param log logged ops in seq order; those at or below {@code snapshot.seq()} are only kept to answer resumes
 */
public record StoredBoard(BoardMeta meta, Snapshot snapshot, List<Applied> log) {}
