package dev.journeyboard.server.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh journey-template board per test on a class's {@link TestServer}, and the participants a test joins to it
 * over real sockets, closed after the test:
 * {@code @RegisterExtension final LiveBoard live = new LiveBoard(server, "工作坊");} next to the server's
 * {@code @RegisterExtension static final TestServer server}. The board exists before the class's
 * {@code @BeforeEach} methods run, so they can join the participants every test starts with.
 */
public final class LiveBoard implements BeforeEachCallback, AfterEachCallback {
    private final TestServer server;
    private final String title;
    private final List<TestClient> joined = new ArrayList<>();
    private TestServer.Board board;

    public LiveBoard(TestServer server, String title) {
        this.server = server;
        this.title = title;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        board = server.createBoard(title, "journey");
    }

    /** This test's board: its id and its tokens. */
    public TestServer.Board board() {
        return board;
    }

    /** A socket on this test's board with {@code token}, not yet said hello; closed after the test. */
    public TestClient connect(String token) {
        var c = server.connect(board.id(), token);
        joined.add(c);
        return c;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (TestClient c : joined) c.close();
        joined.clear();
    }
}
