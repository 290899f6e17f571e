package dev.journeyboard.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.op.Op;
import java.util.List;

/** Messages a client sends. See PROTOCOL.md for each one's JSON. */
public sealed interface ClientMessage {

    /**
     * @param lastSeq    last board seq the client applied, or null on a first connect
     * @param client     random id the client keeps across reconnects; with {@code cid} makes re-sends idempotent
     * @param department id of a {@code department} element of the board chosen at join, or null; the room
     *                   refuses one the board does not have (INVALID_VALUE)
     * @param person     random id the browser keeps across reloads and tabs: role changes and removals apply to it;
     *                   null from older clients (then the tab's {@code client} stands for the person)
     */
    record Hello(int v, String name, String client, Long lastSeq, String department, String person) implements ClientMessage {
        /** A hello without a department. */
        public Hello(int v, String name, String client, Long lastSeq) {
            this(v, name, client, lastSeq, null, null);
        }

        /** A hello without a person id. */
        public Hello(int v, String name, String client, Long lastSeq, String department) {
            this(v, name, client, lastSeq, department, null);
        }

        /** Who role changes and removals apply to: the person, or the tab for clients that send none. */
        public String personOrClient() {
            return person != null ? person : client;
        }
    }

    /** @param cid positive, strictly increasing per client */
    record Ops(long cid, Long baseSeq, List<Op> ops) implements ClientMessage {}

    /** @param fields only the fields the client sent (cursor, selection, viewport, editing), already validated */
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
