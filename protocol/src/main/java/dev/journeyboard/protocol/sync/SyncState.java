package dev.journeyboard.protocol.sync;

import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's side of the sync rules in PROTOCOL.md: the confirmed document (server order), the queue of
 * sent-but-unacknowledged messages, and the visible document = confirmed + pending. The web client
 * implements the same rules in TypeScript; Java clients (tests, load generator) use this one.
 * Not thread-safe.
 */
public final class SyncState {
    private final String client;
    private Role role = Role.VIEWER;
    /** my participant id and department, from the welcome and later {@code participant} messages */
    private String me;
    private String department;
    private Document confirmed = new Document();
    private Document visible = new Document();
    private long seq = -1;
    private long nextCid = 1;
    private final List<ClientMessage.Ops> pending = new ArrayList<>();

    public SyncState(String client) {
        this.client = client;
    }

    public String client() {
        return client;
    }

    /** The hello for a first connect or a resume (with the department the room gave this client last). */
    public ClientMessage.Hello hello(String name) {
        return new ClientMessage.Hello(MessageCodec.VERSION, name, client, seq < 0 ? null : seq, department);
    }

    /** The hello of a first connect that chooses a department of the board. */
    public ClientMessage.Hello hello(String name, String department) {
        this.department = department;
        return hello(name);
    }

    public void welcome(ServerMessage.Welcome w) {
        me = w.you().id();
        role = w.you().role();
        department = w.you().department();
        if (w.snapshot() != null) {
            confirmed = Document.of(w.snapshot().elements());
            seq = w.snapshot().seq();
        }
        if (w.missed() != null) {
            for (ServerMessage.Applied a : w.missed()) applyConfirmed(a);
        }
        rebuild();
    }

    /**
     * Applies a local edit optimistically and queues it.
     *
     * @return the message to send
     * @throws ProtocolException if the edit does not apply to the visible document (nothing is queued)
     */
    public ClientMessage.Ops edit(List<Op> ops, Limits limits) {
        visible.apply(ops, actor(), limits);
        var msg = new ClientMessage.Ops(nextCid++, seq, List.copyOf(ops));
        pending.add(msg);
        return msg;
    }

    public void applied(ServerMessage.Applied a) {
        if (applyConfirmed(a)) rebuild();
    }

    private boolean applyConfirmed(ServerMessage.Applied a) {
        if (a.seq() <= seq) return false; // already have it (a resume can overlap a broadcast)
        confirmed.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
        seq = a.seq();
        if (client.equals(a.client())) pending.removeIf(p -> p.cid() == a.cid());
        return true;
    }

    /** A {@code participant} message: a live change of my role or department (the facilitator's). */
    public void participantChanged(Participant p) {
        if (!p.id().equals(me)) return;
        role = p.role();
        department = p.department();
        rebuild();
    }

    public String department() {
        return department;
    }

    /** A rejection or duplicate ack: the message is settled without being applied now. */
    public void settled(long cid) {
        if (pending.removeIf(p -> p.cid() == cid)) rebuild();
    }

    /** Messages to send again after a reconnect, oldest first, with their original cids. */
    public List<ClientMessage.Ops> pending() {
        return List.copyOf(pending);
    }

    public Document visible() {
        return visible;
    }

    public Document confirmed() {
        return confirmed;
    }

    public long seq() {
        return seq;
    }

    public Role role() {
        return role;
    }

    /** This client as the author of its own edits (the server checks the board lock; this client does not track it). */
    private Actor actor() {
        return Actor.member(role, client, false, department);
    }

    private void rebuild() {
        Document next = confirmed.copy();
        for (ClientMessage.Ops p : pending) {
            try {
                next.apply(p.ops(), actor(), Limits.UNLIMITED);
            } catch (ProtocolException e) {
                // no longer applies on top of the server's order: the server will reject it too
            }
        }
        visible = next;
    }
}
