package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request that must run in the board's room because it edits the board or its feedback log (a metric push, a
 * feedback import, list or tag): a named {@code kind} with its arguments and an optional raw body. It is plain data
 * so that a node that does not serve the board can hand it to the node that does (with Redis, through the board's
 * inbox stream, see server/STORE.md "Relay"); what it does there is looked up by {@code kind} in {@link BoardCalls}.
 * Its refusals other than the protocol's travel back as {@link dev.journeyboard.server.api.Refusal}s.
 */
public record BoardCall(String kind, ObjectNode args, byte[] body) {
    public BoardCall {
        if (body == null) body = new byte[0];
    }
}
