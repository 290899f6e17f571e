package dev.journeyboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeyboard.protocol.board.Role;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay records between nodes: a hello carries the personal link its socket joined with; older payloads still read. */
class RecordsTest {
    private static final Buffer HELLO_JSON = Buffer.buffer("{\"type\":\"hello\",\"v\":1,\"name\":\"Sam\",\"client\":\"tab-1\",\"lastSeq\":null}");

    @Test
    void aHelloKeepsItsPersonalLinkOrItsAbsence() {
        var withLink = new Records.Hello("b1", "n1.7", 1, Role.EDITOR, "plK3x9LmQ2aZp", HELLO_JSON);
        var without = new Records.Hello("b1", "n1.8", 1, Role.VIEWER, null, HELLO_JSON);
        List<Records.Rec> back = Records.decode(Records.encode(List.of(withLink, without)));
        assertThat(back).hasSize(2);
        var first = (Records.Hello) back.get(0);
        assertThat(first.personalLink()).isEqualTo("plK3x9LmQ2aZp");
        assertThat(first.role()).isEqualTo(Role.EDITOR);
        assertThat(first.bytes().toString()).isEqualTo(HELLO_JSON.toString());
        assertThat(((Records.Hello) back.get(1)).personalLink()).isNull();
    }

    @Test
    void aVersionOnePayloadFromANodeNotYetUpgradedReadsAsAHelloWithoutALink() {
        Buffer v1 = Buffer.buffer().appendByte((byte) 1).appendInt(1).appendInt(HELLO_JSON.length()).appendBuffer(HELLO_JSON)
                .appendInt(1).appendByte((byte) 10);
        str(v1, "b1");
        str(v1, "n2.3");
        v1.appendInt(1);
        str(v1, "editor");
        v1.appendInt(0);
        var hello = (Records.Hello) Records.decode(v1.getBytes()).get(0);
        assertThat(hello.conn()).isEqualTo("n2.3");
        assertThat(hello.role()).isEqualTo(Role.EDITOR);
        assertThat(hello.personalLink()).isNull();
        assertThat(hello.bytes().toString()).isEqualTo(HELLO_JSON.toString());
    }

    @Test
    void anUnknownVersionIsRefusedByName() {
        byte[] payload = Records.encode(List.of(new Records.Leave("b1", "n1.7", 3)));
        payload[0] = 9;
        assertThatThrownBy(() -> Records.decode(payload)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown relay record version 9");
    }

    private static void str(Buffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.appendShort((short) b.length).appendBytes(b);
    }
}
