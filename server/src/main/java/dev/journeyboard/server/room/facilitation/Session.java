package dev.journeyboard.server.room.facilitation;

import static dev.journeyboard.protocol.ErrorCode.FORBIDDEN;
import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;
import static dev.journeyboard.protocol.ErrorCode.STORE_UNAVAILABLE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.history.Versions;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.RoomActions;
import dev.journeyboard.server.room.RoomFeature;
import io.vertx.core.Future;
import java.util.List;

/**
 * A board's facilitation session, the live workshop: the {@link Timer}, the {@link DotVote}, the {@link EmotionRound}, {@link PrivateWriting},
 * the {@link People} tools (roles, removal, links, hidden cursors, follow-me) and the board lock. It sits beside
 * the room's sync core on the {@link RoomFeature} hooks. What a session produces that must last (vote totals,
 * revealed cards, element locks) goes into the document as ops; the session itself (timer, open vote with every
 * tab's dots, open emotion round, follow-me, private writing, board lock, hidden cursors) is saved through the store
 * ({@link #durableState}) before a change is broadcast, and restored when the room loads, so it survives an idle
 * unload, a restart and a crash (PROTOCOL.md "The session survives a restart"). The wire message is {@code session}.
 */
public final class Session implements RoomFeature {
    private final RoomActions room;
    private final Timer timer;
    private final DotVote vote;
    private final EmotionRound emotion;
    private final PrivateWriting privateWriting;
    private final People people;
    private boolean boardLocked;

    public Session(RoomActions room) {
        this.room = room;
        this.timer = new Timer(room, () -> durably(this::broadcast));
        this.vote = new DotVote(room, this::broadcast);
        this.emotion = new EmotionRound(room);
        this.privateWriting = new PrivateWriting(room);
        this.people = new People(room);
    }

    @Override
    public Role admit(ClientMessage.Hello hello, Role linkRole) {
        return people.admit(hello, linkRole);
    }

    @Override
    public Actor actor(Member author) {
        return author.actor(boardLocked, room.meta().viewersComment());
    }

    @Override
    public List<Op> addOps(Member author, List<Op> ops) {
        return privateWriting.marks(author, ops);
    }

    @Override
    public Future<Void> handle(Member from, ClientMessage message) {
        return switch (message) {
            case ClientMessage.Facilitate f -> facilitate(from, f.action());
            case ClientMessage.Vote v -> {
                vote.cast(from, v);
                yield durably(vote.sendToAllLater());
            }
            case ClientMessage.Emotion e -> {
                emotion.score(from, e);
                yield durably(emotion.sendToAllLater());
            }
            default -> throw new IllegalArgumentException("the room's core handles " + message.getClass().getSimpleName());
        };
    }

    @Override
    public ObjectNode presence(Member of, ObjectNode state) {
        return people.presence(of, state);
    }

    @Override
    public void joined(Member member) {
        member.send(message());
        vote.sendTo(member);
        emotion.joined(member);
    }

    @Override
    public void close() {
        timer.close();
    }

    /** See {@link SessionState}. */
    @Override
    public ObjectNode durableState() {
        return SessionState.of(timer, vote, emotion, people, privateWriting, boardLocked);
    }

    @Override
    public void restore(ObjectNode saved) {
        boardLocked = SessionState.restore(saved, timer, vote, emotion, people, privateWriting);
    }

    /**
     * Saves the session, then runs {@code announce} (what tells the participants): nobody hears of a change the
     * store does not hold. When the store can't take it, the sender gets STORE_UNAVAILABLE and nobody is told;
     * the room keeps the change and saves it with the next one.
     */
    private Future<Void> durably(Runnable announce) {
        return room.persist().recover(e -> Future.failedFuture(new ProtocolException(STORE_UNAVAILABLE,
                "the session could not be saved just now; try again"))).onSuccess(v -> announce.run());
    }

    /** A facilitator's action. Anyone else is refused: the server, not the client, enforces roles. */
    private Future<Void> facilitate(Member by, FacilitatorAction action) {
        if (by.role() != Role.FACILITATOR) throw new ProtocolException(FORBIDDEN, action.name() + ": only a facilitator may do this");
        switch (action) {
            case FacilitatorAction.TimerStart t -> timer.start(t.durationMs());
            case FacilitatorAction.TimerPause t -> timer.pause();
            case FacilitatorAction.TimerResume t -> timer.resume();
            case FacilitatorAction.TimerAdd t -> timer.add(t.ms());
            case FacilitatorAction.TimerStop t -> timer.stop();
            case FacilitatorAction.VoteOpen v -> {
                vote.open(v);
                ServerMessage.Session now = message();
                return durably(() -> {
                    room.broadcast(now);
                    vote.sendToAll();
                });
            }
            case FacilitatorAction.VoteClose v -> {
                vote.close(by); // tells everyone once the totals are saved
                return durably(() -> {});
            }
            case FacilitatorAction.EmotionOpen e -> {
                emotion.open(by, e);
                return durably(emotion::sendToAll);
            }
            case FacilitatorAction.EmotionClose e -> {
                emotion.close(by); // tells everyone once the results are saved
                return durably(() -> {});
            }
            case FacilitatorAction.Follow f -> people.follow(by, f.on());
            case FacilitatorAction.PrivateWriting p -> privateWriting.turn(by, p.on());
            case FacilitatorAction.LockBoard l -> boardLocked = l.locked();
            case FacilitatorAction.HideCursors h -> people.hideCursors(h.hidden());
            case FacilitatorAction.SetRole r -> {
                return people.setRole(r.participant(), r.role());
            }
            case FacilitatorAction.SetDepartment d -> {
                Member target = room.member(d.participant());
                if (target == null) throw new ProtocolException(INVALID_VALUE, d.name() + ": no participant '" + d.participant() + "'");
                room.changeDepartment(target, d.department());
                return Future.succeededFuture();
            }
            case FacilitatorAction.Remove r -> {
                return people.remove(r.participant());
            }
            case FacilitatorAction.RotateLinks r -> {
                return people.rotateLinks();
            }
            case FacilitatorAction.VersionSave v -> {
                Versions.save(room, by, v.versionName());
                return Future.succeededFuture();
            }
            case FacilitatorAction.CommentsViewers c -> {
                // a board setting, saved with its metadata: it outlives the session
                return room.replaceMeta(room.meta().withViewersComment(c.on())).recover(e -> Future.failedFuture(
                        new ProtocolException(STORE_UNAVAILABLE, "comments.viewers: the setting could not be saved; it is unchanged")))
                        .onSuccess(v -> broadcast());
            }
        }
        // the session as this action left it: by the time its save completes a later action may have changed the
        // session in memory while its own save is still on the way, and what is announced must be durable
        ServerMessage.Session now = message();
        return durably(() -> room.broadcast(now));
    }

    private void broadcast() {
        room.broadcast(message());
    }

    ServerMessage.Session message() {
        long now = System.currentTimeMillis();
        return new ServerMessage.Session(timer.wire(now), vote.info(), people.follow(), privateWriting.on(), boardLocked,
                people.cursorsHidden(), now, room.meta().viewersComment());
    }
}
