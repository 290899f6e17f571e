package dev.journeyboard.server.room;

import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import java.util.List;

/**
 * The answer to a hello: just the ops a resuming client missed when the resume tail has them, else the board
 * as of the last durable seq, without other people's private elements. When everyone is sent the same board,
 * its elements are encoded once per seq and spliced into each welcome (a join storm on a large board would
 * otherwise encode the whole board once per joiner, on the room's thread).
 */
final class Welcome {
    private static final System.Logger LOG = System.getLogger(Welcome.class.getName());
    private final Document doc;
    private final OpPipeline pipeline;
    private final ServerMessage.LimitsInfo limits;
    /** The board's elements as JSON at {@code encodedSeq}, shared by the welcomes of that seq. */
    private String encodedElements;
    private long encodedSeq = -1;

    Welcome(Document doc, OpPipeline pipeline, ServerMessage.LimitsInfo limits) {
        this.doc = doc;
        this.pipeline = pipeline;
        this.limits = limits;
    }

    /** @param lastSeq the joiner's last applied seq, null on a first connect */
    String encode(BoardMeta meta, Member joiner, Long lastSeq, List<Participant> others) {
        long seq = pipeline.durableSeq();
        ServerMessage.Behind behind = null;
        if (lastSeq != null && lastSeq > seq) {
            // the client applied ops this server no longer has: acknowledged ops were lost (a restored backup, a
            // store that lost writes). Never let the client take the older board silently: say so, to it and in the log
            behind = new ServerMessage.Behind(lastSeq, seq);
            LOG.log(System.Logger.Level.ERROR, "board " + meta.id() + ": client " + joiner.client() + " has applied up to seq "
                    + lastSeq + " but the board is at seq " + seq + ": acknowledged ops were lost; the client is told the board went back");
        }
        List<Applied> missed = lastSeq == null ? null : pipeline.missedSince(lastSeq);
        ServerMessage.Snapshot snapshot = null;
        String elementsJson = null;
        if (missed == null) {
            if (pipeline.idle() && (!pipeline.everPrivate() || !Privacy.anyPrivate(doc.elements()))) {
                if (encodedSeq != seq) {
                    encodedElements = MessageCodec.encodeElements(doc.elements());
                    encodedSeq = seq;
                }
                snapshot = new ServerMessage.Snapshot(seq, List.of());
                elementsJson = encodedElements;
            } else {
                snapshot = new ServerMessage.Snapshot(seq, Privacy.visibleTo(pipeline.durableElements(), joiner.client()));
            }
        }
        var welcome = new ServerMessage.Welcome(MessageCodec.VERSION, new ServerMessage.BoardInfo(meta.id(), meta.title(), meta.template()),
                joiner.participant(), others, seq, snapshot, missed, limits, behind);
        joiner.delivered(seq);
        return MessageCodec.encodeWelcome(welcome, elementsJson);
    }
}
