package dev.journeyboard.server.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.op.Op;
import java.util.List;

/** Short ways to write the ops tests send, on a board made from the journey template. */
public final class Ops {
    private Ops() {}

    public static ObjectNode props() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static Op card(String id, String lane, String stage, String text) {
        return new Op.Create(id, ElementType.CARD, "lane-" + lane, "V", props().put("stage", "stage-" + stage).put("text", text));
    }

    public static Op text(String id, String text) {
        return new Op.Update(id, props().put("text", text), List.of());
    }

    public static ClientMessage.Ops msg(long cid, Op... ops) {
        return new ClientMessage.Ops(cid, null, List.of(ops));
    }
}
