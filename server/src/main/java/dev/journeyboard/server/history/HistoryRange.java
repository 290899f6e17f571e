package dev.journeyboard.server.history;

/**
 * What a board's history holds.
 *
 * @param oldest the oldest seq a document can be opened at (a checkpoint's), 0 when everything is kept
 * @param newest the board's newest durable seq
 */
public record HistoryRange(long oldest, long newest) {}
