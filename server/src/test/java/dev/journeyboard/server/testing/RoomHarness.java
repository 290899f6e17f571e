package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.Templates;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.room.RoomStats;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.room.facilitation.Session;
import dev.journeyboard.server.store.EmbeddedStore;
import dev.journeyboard.server.store.Snapshot;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One board's room without a network (like tldraw's TestSocketPair): the real {@link Rooms}, facilitation
 * session and {@link EmbeddedStore} (in a temp folder, fsyncs and all), joined by {@link InMemorySocket}s.
 * Everything above the socket runs as in the server; only the WebSocket, its decoding and rate limits are left out.
 * A fresh board per test: {@code @RegisterExtension final RoomHarness room = new RoomHarness();} (closed after each test).
 */
public final class RoomHarness implements AutoCloseable, AfterEachCallback {
    private final Vertx vertx = Vertx.vertx();
    private final EmbeddedStore store;
    private final Rooms rooms;
    private final String boardId;

    /** A board made from the journey template (lanes {@code lane-pain}, …, stages {@code stage-aware}, …). */
    public RoomHarness(Map<String, String> env) {
        this(env, List.of());
    }

    /**
     * A journey-template board that also holds {@code stored} from the start, as if an earlier session had left
     * them (e.g. cards carrying server-written props, which no client may create).
     */
    public RoomHarness(Map<String, String> env, List<Element> stored) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("jb-room-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var all = new HashMap<>(env);
        all.put("JB_DATA_DIR", dataDir.toString());
        ServerConfig config = ServerConfig.from(all, new String[0]);
        store = new EmbeddedStore(vertx, dataDir, config.resumeTail());
        rooms = new Rooms(vertx, store, config, Session::new);
        var meta = new BoardMeta(Tokens.newBoardId(), "工作坊", "journey", System.currentTimeMillis(), Tokens.issue().hashes());
        var elements = new ArrayList<>(Templates.elements("journey"));
        elements.addAll(stored);
        TestClient.await(store.create(meta, new Snapshot(0, elements, Map.of())), "create the board");
        boardId = meta.id();
    }

    public RoomHarness() {
        this(Map.of());
    }

    /** A socket that said hello and was let in; its welcome is the first message in its inbox. */
    public InMemorySocket join(Role role, String name, String client, Long lastSeq) {
        var socket = new InMemorySocket();
        var hello = new ClientMessage.Hello(MessageCodec.VERSION, name, client, lastSeq);
        socket.joined(TestClient.await(rooms.join(boardId, socket, role, hello), "join"));
        return socket;
    }

    public InMemorySocket join(Role role, String name, String client) {
        return join(role, name, client, null);
    }

    /** Joins and returns the welcome. */
    public ServerMessage.Welcome welcome(Role role, String name, String client, Long lastSeq) {
        return join(role, name, client, lastSeq).await(ServerMessage.Welcome.class, w -> true);
    }

    /** The room's durable document, read on its context. */
    public <T> T read(Function<Document, T> reader) {
        return TestClient.await(rooms.room(boardId).compose(room -> room.read(reader)), "read");
    }

    public RoomStats stats() {
        return rooms.stats();
    }

    /** Refusals counted with {@code code} so far. */
    public long rejected(ErrorCode code) {
        var n = rooms.stats().rejectedByCode.get(code);
        return n == null ? 0 : n.get();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        TestClient.await(rooms.closeAll(), "close the rooms");
        TestClient.await(store.close(), "close the store");
        TestClient.await(vertx.close(), "close vertx");
    }
}
