package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.net.NetTransport;
import dev.journeyboard.server.testing.TestServer;
import io.vertx.core.transport.Transport;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JB_TRANSPORT: the setting, what {@code auto} picks, and a real edit between two tabs over each transport. */
class TransportTest {
    private static final boolean LINUX_X86_64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
            && System.getProperty("os.arch").matches("amd64|x86_64");

    @Test
    void theSettingDefaultsToAutoAndRefusesOtherValuesNamingTheFlag() {
        assertThat(ServerConfig.from(Map.of(), new String[0]).transport()).isEqualTo(NetTransport.AUTO);
        assertThat(ServerConfig.from(Map.of("JB_TRANSPORT", "NIO"), new String[0]).transport()).isEqualTo(NetTransport.NIO);
        assertThat(ServerConfig.from(Map.of(), new String[] {"--transport", "epoll"}).transport()).isEqualTo(NetTransport.EPOLL);
        assertThatThrownBy(() -> ServerConfig.from(Map.of(), new String[] {"--transport", "io_uring"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--transport").hasMessageContaining("io_uring");
        assertThat(ServerConfig.usage()).contains("--transport", "JB_TRANSPORT", "auto");
    }

    @Test
    void autoPicksEpollWhereTheServerShipsItsNativeLibrary() {
        if (LINUX_X86_64) {
            // the jar carries netty-transport-native-epoll for linux-x86_64 only: here it must load
            assertThat(Transport.EPOLL.available()).as("epoll: %s", Transport.EPOLL.unavailabilityCause()).isTrue();
            assertThat(NetTransport.AUTO.resolve()).isEqualTo(Transport.EPOLL);
        } else {
            assertThat(NetTransport.AUTO.resolve()).isEqualTo(Transport.NIO);
            assertThatThrownBy(NetTransport.EPOLL::resolve).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("--transport epoll");
        }
        assertThat(NetTransport.NIO.resolve()).isEqualTo(Transport.NIO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "auto"})
    void anEditReachesTheOtherTabOverEachTransport(String transport) throws Exception {
        String expected = transport.equals("nio") || !LINUX_X86_64 ? "nio" : "epoll";
        if (!LINUX_X86_64 && transport.equals("epoll")) {
            assertThatThrownBy(() -> new TestServer(Map.of("JB_TRANSPORT", "epoll"))).hasMessageContaining("--transport epoll");
            return;
        }
        try (var server = new TestServer(Map.of("JB_TRANSPORT", transport))) {
            assertThat(server.transport()).isEqualTo(expected);
            var board = server.createBoard("Transport " + transport, "journey");
            try (var a = server.connect(board.id(), board.editor()); var b = server.connect(board.id(), board.editor())) {
                a.hello("Alex", "tab-a", null);
                b.hello("Bo", "tab-b", null);
                a.send(msg(1, card("c1", "pain", "purchase", "支付步骤多 over " + transport)));
                var seen = b.await(ServerMessage.Applied.class, x -> true);
                assertThat(seen.seq()).isEqualTo(1);
                assertThat(seen.ops().toString()).contains("支付步骤多 over " + transport);
                assertThat(a.await(ServerMessage.Applied.class, x -> true)).as("the sender's ack").isEqualTo(seen);
            }
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
