package dev.journeyboard.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.op.Op;
import java.util.List;

/** Messages a client sends. See PROTOCOL.md for each one's JSON. */
public sealed interface ClientMessage {

    /**
     * @param lastSeq last board seq the client applied, or null on a first connect
     * @param client  random id the client keeps across reconnects; with {@code cid} makes re-sends idempotent
     * @param person  random id the browser keeps across reloads and tabs: role changes and removals apply to it;
     *                null from older clients (then the tab's {@code client} stands for the person)
     */
    record Hello(int v, String name, String client, Long lastSeq, String person) implements ClientMessage {
        public Hello(int v, String name, String client, Long lastSeq) {
            this(v, name, client, lastSeq, null);
        }

        /** Who role changes and removals apply to: the person, or the tab for clients that send none. */
        public String personOrClient() {
            return person != null ? person : client;
        }
    }

    /** @param cid positive, strictly increasing per client */
    record Ops(long cid, Long baseSeq, List<Op> ops) implements ClientMessage {}

    /** @param fields only the fields the client sent (cursor, selection, viewport), already validated */
    record Presence(ObjectNode fields) implements ClientMessage {}

    record Facilitate(FacilitatorAction action) implements ClientMessage {}

    /** Puts a dot on a card ({@code delta} 1) or takes one back (-1) during an open vote. */
    record Vote(String card, int delta) implements ClientMessage {}
}
