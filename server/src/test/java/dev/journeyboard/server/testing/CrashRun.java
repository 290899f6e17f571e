package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.message.ServerMessage;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One board on a server process with a data folder of its own, for the tests that kill the server under load and
 * start it again on what it left: {@link #storm} loads it, {@link #kill9} kills it, {@link #restart} starts a new
 * process with the same flags on the same folder. The clients share one Vert.x; {@link #close} stops both.
 */
public final class CrashRun implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final String[] args;
    private final TestServer.Board board;
    private ServerProcess server;

    /** @param flags server flags besides the data folder (e.g. {@code --ops-per-second 10000}) */
    public CrashRun(String... flags) {
        Path data;
        try {
            data = Files.createTempDirectory("jb-crash-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(flags));
        args = all.toArray(String[]::new);
        server = started();
        board = server.createBoard("崩溃测试", "journey");
    }

    private ServerProcess started() {
        var s = new ServerProcess();
        s.start(Map.of(), args);
        return s;
    }

    public TestServer.Board board() {
        return board;
    }

    /** A socket on the board, to the server running now, not yet said hello. */
    public TestClient connect(String token) {
        return TestClient.connect(vertx, server.port(), board.id(), token);
    }

    /** {@code editors} editors creating cards flat out with the edit link (see {@link CardStorm}). */
    public CardStorm storm(int editors, Consumer<ServerMessage.Applied> ownApplied) {
        return CardStorm.start(vertx, server.port(), board.id(), board.editor(), editors, ownApplied);
    }

    /** SIGKILL, mid-stream. */
    public void kill9() {
        server.kill9();
    }

    /** A new server process on the same data folder, with the same flags. */
    public void restart() {
        server = started();
    }

    @Override
    public void close() {
        server.stop();
        vertx.close();
    }
}
