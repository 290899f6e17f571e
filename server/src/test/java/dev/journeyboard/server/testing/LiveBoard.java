package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.board.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server for a test class and a fresh journey-template board on it for each test, with the participants a
 * test connects over real sockets closed after it:
 * {@code @RegisterExtension static final LiveBoard live = LiveBoard.perClass("工作坊");}. The board exists before the
 * class's {@code @BeforeEach} methods run, so they can join the participants every test starts with; the server
 * stops after the class's last test.
 */
public final class LiveBoard implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final TestServer server;
    private final String title;
    private final List<TestClient> connected = new ArrayList<>();
    private TestServer.Board board;

    private LiveBoard(TestServer server, String title) {
        this.server = server;
        this.title = title;
    }

    /** A server with the default settings; every test's board gets {@code title}. */
    public static LiveBoard perClass(String title) {
        return new LiveBoard(TestServer.perClass(Map.of()), title);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        board = server.createBoard(title, "journey");
    }

    public TestServer server() {
        return server;
    }

    /** This test's board: its id and its tokens. */
    public TestServer.Board board() {
        return board;
    }

    /** A socket on this test's board with the link of {@code role}, not yet said hello; closed after the test. */
    public TestClient connect(Role role) {
        return connect(switch (role) {
            case FACILITATOR -> board.facilitator();
            case EDITOR -> board.editor();
            case COMMENTER -> board.commenter();
            case VIEWER -> board.viewer();
        });
    }

    /** A socket on this test's board with {@code token}, not yet said hello; closed after the test. */
    public TestClient connect(String token) {
        var c = server.connect(board.id(), token);
        connected.add(c);
        return c;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (TestClient c : connected) c.close();
        connected.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }
}
