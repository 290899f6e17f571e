package dev.journeyboard.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.op.Op;
import java.util.Collection;
import java.util.List;

/** Messages the server sends. See PROTOCOL.md for each one's JSON. */
public sealed interface ServerMessage {

    record BoardInfo(String id, String title, String template) {}

    record Snapshot(long seq, Collection<Element> elements) {}

    record LimitsInfo(int maxFrameBytes, int opsPerSecond, int maxElements, int maxTextLength) {}

    /** Exactly one of {@code snapshot} and {@code missed} is non-null. */
    record Welcome(int v, BoardInfo board, Participant you, List<Participant> participants, long seq,
                   Snapshot snapshot, List<Applied> missed, LimitsInfo limits) implements ServerMessage {}

    /** One step of the board's total order; also what the op log stores. */
    record Applied(long seq, String author, String client, long cid, List<Op> ops) implements ServerMessage {}

    record Ack(long cid, boolean duplicate) implements ServerMessage {}

    /** @param cid the rejected message's cid */
    record Rejected(long cid, ErrorCode code, String message) implements ServerMessage {}

    record Error(ErrorCode code, String message) implements ServerMessage {}

    record Joined(Participant participant) implements ServerMessage {}

    record Left(String id) implements ServerMessage {}

    /** @param peers per participant: {@code id} plus the presence fields that changed */
    record Presence(List<ObjectNode> peers) implements ServerMessage {}
}
