package dev.journeyboard.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.op.Op;
import java.util.Collection;
import java.util.List;

/** Messages the server sends. See PROTOCOL.md for each one's JSON. */
public sealed interface ServerMessage {

    /**
     * The answer to a refused message: an {@code ops} message gets {@code rejected} with its cid (the client rolls
     * those ops back), anything else, or a frame that did not decode ({@code refused} null), an {@code error}.
     */
    static ServerMessage refusal(ClientMessage refused, ProtocolException e) {
        return refused instanceof ClientMessage.Ops ops
                ? new Rejected(ops.cid(), e.code(), e.getMessage())
                : new Error(e.code(), e.getMessage());
    }

    record BoardInfo(String id, String title, String template) {}

    record Snapshot(long seq, Collection<Element> elements) {}

    record LimitsInfo(int maxFrameBytes, int opsPerSecond, int maxElements, int maxTextLength) {}

    /**
     * Exactly one of {@code snapshot} and {@code missed} is non-null. {@code behind} is set (and a snapshot sent)
     * when the client said it had applied more than the server has: the board went back, and the client should
     * show that and re-send what it still holds.
     */
    record Welcome(int v, BoardInfo board, Participant you, List<Participant> participants, long seq,
                   Snapshot snapshot, List<Applied> missed, LimitsInfo limits, Behind behind) implements ServerMessage {
        public Welcome(int v, BoardInfo board, Participant you, List<Participant> participants, long seq,
                       Snapshot snapshot, List<Applied> missed, LimitsInfo limits) {
            this(v, board, you, participants, seq, snapshot, missed, limits, null);
        }
    }

    /** The client's {@code lastSeq} and the server's seq, when the client is ahead (the server lost ops). */
    record Behind(long clientSeq, long serverSeq) {}

    /**
     * One step of the board's total order; also what the op log stores (the board's history).
     *
     * @param at   when the server sequenced it, ms since 1970; 0 for records written before times were kept
     * @param name the author's display name at the time, or null (older records)
     */
    record Applied(long seq, String author, String client, long cid, List<Op> ops, long at, String name) implements ServerMessage {
        /** Without time and name: a record of an older log, or a test's. */
        public Applied(long seq, String author, String client, long cid, List<Op> ops) {
            this(seq, author, client, cid, ops, 0, null);
        }

        /** The same step with other ops (what one participant is shown of it). */
        public Applied withOps(List<Op> other) {
            return new Applied(seq, author, client, cid, other, at, name);
        }
    }

    record Ack(long cid, boolean duplicate) implements ServerMessage {}

    /** @param cid the rejected message's cid */
    record Rejected(long cid, ErrorCode code, String message) implements ServerMessage {}

    record Error(ErrorCode code, String message) implements ServerMessage {}

    record Joined(Participant participant) implements ServerMessage {}

    record Left(String id) implements ServerMessage {}

    /** @param peers per participant: {@code id} plus the presence fields that changed */
    record Presence(List<ObjectNode> peers) implements ServerMessage {}

    /**
     * @param state     idle, running, paused or ended
     * @param endsAt    server epoch millis when a running timer ends, else null
     */
    record Timer(String state, long durationMs, long remainingMs, Long endsAt) {}

    record VoteInfo(List<String> lanes, int votesPerPerson, boolean multiplePerCard) {}

    /** The facilitation state, sent on join and whenever it changes. {@code vote} and {@code follow} may be null. */
    record Session(Timer timer, VoteInfo vote, String follow, boolean privateWriting, boolean boardLocked,
                   boolean cursorsHidden, long serverTime, boolean viewersComment) implements ServerMessage {
        /** A session of a board whose viewers may not comment. */
        public Session(Timer timer, VoteInfo vote, String follow, boolean privateWriting, boolean boardLocked,
                       boolean cursorsHidden, long serverTime) {
            this(timer, vote, follow, privateWriting, boardLocked, cursorsHidden, serverTime, false);
        }
    }

    /** During a vote, to one participant: their own dots only, and how many dots everyone cast in all. */
    record Votes(java.util.Map<String, Integer> mine, int remaining, int cast) implements ServerMessage {}

    record Ranked(String card, int votes) {}

    /** At the close of a vote, to everyone: cards by votes, most first. */
    record VoteResult(List<Ranked> ranked) implements ServerMessage {}

    /**
     * An open emotion round as everyone is told it.
     *
     * @param round   its number: it goes into the targets' {@code emotionRounds} at the close
     * @param label   what the facilitator called it ("现状", "after the redesign"), or null
     * @param kind    {@code stages} or {@code cards}: what is being scored
     * @param targets the stage or card ids
     */
    record EmotionRoundInfo(int round, String label, String kind, List<String> targets) {}

    /**
     * The emotion round as one participant may see it, sent to each on every change: their own scores only, and per
     * target how many people scored it ({@code people}: how many scored anything); never anyone else's values.
     * {@code round} is null when no round is open.
     */
    record Emotion(EmotionRoundInfo round, java.util.Map<String, Integer> mine, java.util.Map<String, Integer> counts, int people)
            implements ServerMessage {}

    /**
     * Several messages in one frame, to be handled in order: what one durable write made of several edits
     * is sent as one frame per socket (fewer frames, syscalls and wake-ups under load).
     */
    record Batch(List<ServerMessage> messages) implements ServerMessage {}

    /** A participant's role changed. */
    record ParticipantChanged(Participant participant) implements ServerMessage {}

    /** To facilitators after a rotation: the new links and tokens, by role (facilitator, edit, view) and {@code data}. */
    record Links(java.util.Map<String, String> links, java.util.Map<String, String> tokens) implements ServerMessage {}

    /**
     * To everyone, after a feedback import or tagging changed the board's feedback log (HTTP API): clients
     * showing feedback lists fetch them again.
     *
     * @param seq       the board seq of the summary edit that went with it (the card's {@code feedback} props)
     * @param cards     the cards whose feedback changed
     * @param unmatched how many feedback items match no card now
     */
    record Feedback(long seq, List<String> cards, int unmatched) implements ServerMessage {}
}
