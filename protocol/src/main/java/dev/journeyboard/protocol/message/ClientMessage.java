package dev.journeyboard.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.op.Op;
import java.util.List;

/** Messages a client sends. See PROTOCOL.md for each one's JSON. */
public sealed interface ClientMessage {

    /**
     * @param lastSeq last board seq the client applied, or null on a first connect
     * @param client  random id the client keeps across reconnects; with {@code cid} makes re-sends idempotent
     */
    record Hello(int v, String name, String client, Long lastSeq) implements ClientMessage {}

    /** @param cid positive, strictly increasing per client */
    record Ops(long cid, Long baseSeq, List<Op> ops) implements ClientMessage {}

    /** @param fields only the fields the client sent (cursor, selection, viewport), already validated */
    record Presence(ObjectNode fields) implements ClientMessage {}

    record Facilitate(FacilitatorAction action) implements ClientMessage {}

    /** Puts a dot on a card ({@code delta} 1) or takes one back (-1) during an open vote. */
    record Vote(String card, int delta) implements ClientMessage {}

    /**
     * My score for one target of the open emotion round, -2..+2 ({@code score} is checked by the room, so that a score
     * out of range is INVALID_VALUE), or null to take my score back.
     */
    record Emotion(String target, Integer score) implements ClientMessage {}
}
