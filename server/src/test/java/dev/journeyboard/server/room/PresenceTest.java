package dev.journeyboard.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.RoomHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The presence budget: rates by board size, no self-echo, rounding, only what changed; over in-memory sockets. */
class PresenceTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @RegisterExtension
    final RoomHarness room = new RoomHarness();

    private static ClientMessage.Presence cursor(double x, double y) {
        ObjectNode f = NODES.objectNode();
        f.putObject("cursor").put("x", x).put("y", y);
        return new ClientMessage.Presence(f);
    }

    private static boolean has(ServerMessage.Presence p, InMemorySocket who) {
        return p.peers().stream().anyMatch(e -> e.get("id").textValue().equals(who.id()));
    }

    private static long framesWith(InMemorySocket receiver, InMemorySocket about) {
        return receiver.frames().stream().filter(f -> f.startsWith("{\"type\":\"presence\"") && f.contains("\"id\":\"" + about.id() + "\"")).count();
    }

    @Test
    void theFlushRateFallsAsTheBoardGrows() {
        assertThat(PresenceBudget.hz(1)).isEqualTo(30);
        assertThat(PresenceBudget.hz(30)).isEqualTo(30);
        assertThat(PresenceBudget.hz(31)).isLessThan(30);
        assertThat(PresenceBudget.hz(100)).isBetween(12.0, 14.0);
        assertThat(PresenceBudget.hz(200)).isEqualTo(8);
        assertThat(PresenceBudget.hz(5000)).isEqualTo(8);
        for (int n = 1; n < 400; n++) assertThat(PresenceBudget.hz(n + 1)).isLessThanOrEqualTo(PresenceBudget.hz(n));
        assertThat(PresenceBudget.intervalMs(10)).isEqualTo(33);
        assertThat(PresenceBudget.intervalMs(250)).isEqualTo(125);
    }

    @Test
    void nobodyIsSentTheirOwnCursor() {
        var a = room.join(Role.EDITOR, "Ana", "tab-a");
        var b = room.join(Role.EDITOR, "Ben", "tab-b");
        a.send(cursor(10, 20));
        b.await(ServerMessage.Presence.class, p -> has(p, a));
        b.send(cursor(30, 40));
        var toA = a.await(ServerMessage.Presence.class, p -> has(p, b));
        assertThat(has(toA, a)).isFalse();
        // the room sends in order: every flush before Ben's reached Ana already
        assertThat(framesWith(a, a)).as("frames naming Ana sent to Ana").isZero();
        assertThat(framesWith(b, b)).as("frames naming Ben sent to Ben").isZero();
        var late = room.join(Role.VIEWER, "Cai", "tab-c");
        var current = late.await(ServerMessage.Presence.class, p -> true);
        assertThat(current.peers()).extracting(e -> e.get("id").textValue()).containsExactly(a.id(), b.id());
    }

    @Test
    void anEmptyPresenceIsEchoedToEveryoneTheSenderIncluded() {
        // the web client's liveness probe: a page sees no pings, so an unanswered probe closes its socket (4000)
        var a = room.join(Role.EDITOR, "Ana", "tab-a");
        var b = room.join(Role.EDITOR, "Ben", "tab-b");
        a.send(new ClientMessage.Presence(NODES.objectNode()));
        var echo = a.await(ServerMessage.Presence.class, p -> has(p, a));
        assertThat(echo.peers()).hasSize(1);
        assertThat(echo.peers().getFirst().size()).as("just the id").isEqualTo(1);
        b.await(ServerMessage.Presence.class, p -> has(p, a));
        // a later cursor move of Ana's is still not sent back to her
        a.send(cursor(10, 20));
        b.await(ServerMessage.Presence.class, p -> p.peers().stream().anyMatch(e -> e.get("id").textValue().equals(a.id()) && e.has("cursor")));
        b.send(cursor(30, 40));
        a.await(ServerMessage.Presence.class, p -> has(p, b));
        assertThat(framesWith(a, a)).as("frames naming Ana sent to Ana: the echo only").isEqualTo(1);
    }

    @Test
    void coordinatesAreRounded() {
        var a = room.join(Role.EDITOR, "Ana", "tab-a");
        var b = room.join(Role.EDITOR, "Ben", "tab-b");
        ObjectNode f = NODES.objectNode();
        f.putObject("cursor").put("x", 120.4567).put("y", 80.04);
        f.putObject("viewport").put("x", 10.6).put("y", -3.2).put("w", 1280.25).put("h", 720).put("zoom", 1.23456);
        a.send(new ClientMessage.Presence(f));
        b.await(ServerMessage.Presence.class, p -> has(p, a));
        String frame = b.frames().stream().filter(s -> s.contains("\"cursor\"")).findFirst().orElseThrow();
        assertThat(frame).contains("\"cursor\":{\"x\":120.5,\"y\":80}")
                .contains("\"viewport\":{\"x\":11,\"y\":-3,\"w\":1280,\"h\":720,\"zoom\":1.235}");
    }

    @Test
    void onlyWhatChangedIsSent() {
        var a = room.join(Role.EDITOR, "Ana", "tab-a");
        var b = room.join(Role.EDITOR, "Ben", "tab-b");
        var c = room.join(Role.EDITOR, "Cai", "tab-c");
        a.send(cursor(120.46, 5));
        b.await(ServerMessage.Presence.class, p -> has(p, a));
        a.send(cursor(120.54, 5.04)); // the same once rounded: nothing to tell anyone
        c.send(cursor(1, 1));
        var next = b.await(ServerMessage.Presence.class, p -> has(p, c));
        assertThat(has(next, a)).isFalse();
        assertThat(framesWith(b, a)).as("Ana's cursor reached Ben once").isEqualTo(1);
    }

    @Test
    void aFrameWithoutOneEntryIsTheSameJsonAsEncodingTheRest() {
        var peers = new ArrayList<ObjectNode>();
        for (int i = 1; i <= 3; i++) {
            ObjectNode p = NODES.objectNode().put("id", "p" + i);
            p.putObject("cursor").put("x", i).put("y", 2.5);
            peers.add(p);
        }
        var frame = PresenceFrame.of(peers);
        assertThat(frame.all().getBytes()).isEqualTo(MessageCodec.encode(new ServerMessage.Presence(peers)));
        for (int i = 0; i < 3; i++) {
            var rest = new ArrayList<>(peers);
            rest.remove(i);
            assertThat(frame.without(i).toString(StandardCharsets.UTF_8))
                    .isEqualTo(new String(MessageCodec.encode(new ServerMessage.Presence(rest)), StandardCharsets.UTF_8));
        }
        assertThat(PresenceFrame.of(List.of(peers.getFirst())).without(0)).as("nothing left to send").isNull();
    }
}
