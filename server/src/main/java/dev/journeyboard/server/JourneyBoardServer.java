package dev.journeyboard.server;

import dev.journeyboard.server.cluster.Cluster;
import dev.journeyboard.server.net.HttpVerticle;
import dev.journeyboard.server.persona.EmbeddedImageStore;
import dev.journeyboard.server.persona.ImageStore;
import dev.journeyboard.server.persona.RedisImageStore;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.room.facilitation.Session;
import dev.journeyboard.server.store.BoardEraser;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.store.EmbeddedStore;
import dev.journeyboard.server.store.RedisStore;
import dev.journeyboard.server.voc.EmbeddedFeedbackLog;
import dev.journeyboard.server.voc.FeedbackLog;
import dev.journeyboard.server.voc.FeedbackService;
import dev.journeyboard.server.voc.RedisFeedbackLog;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Wires a store, the rooms and the HTTP verticles together; what Main and the tests start. */
public final class JourneyBoardServer {
    private static final System.Logger LOG = System.getLogger(JourneyBoardServer.class.getName());

    private final ServerConfig config;
    private Vertx vertx;
    private BoardStore store;
    private ImageStore images;
    private Rooms rooms;
    private FeedbackService feedback;
    /** With Redis: any board on any node (relayed to the node serving it); null on the embedded store. */
    private Cluster cluster;
    private int port;
    private io.vertx.core.transport.Transport transport;

    public JourneyBoardServer(ServerConfig config) {
        this.config = config;
    }

    public Future<JourneyBoardServer> start() {
        var options = new VertxOptions();
        if (config.eventLoops() > 0) options.setEventLoopPoolSize(config.eventLoops());
        try {
            transport = config.transport().resolve();
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
        vertx = Vertx.builder().with(options).withTransport(transport).build();
        store = createStore(vertx, config);
        images = createImageStore(vertx, config);
        rooms = new Rooms(vertx, store, config, Session::new);
        feedback = new FeedbackService(vertx, createFeedbackLog(vertx, config),
                new FeedbackService.Settings(config.feedbackMaxBytes(), config.feedbackMaxRows(), config.feedbackMaxText()));
        Boards boards = rooms;
        if (store instanceof RedisStore) {
            cluster = new Cluster(vertx, config, store, rooms);
            rooms.observe(cluster);
            boards = cluster;
        }
        Boards served = boards;
        int instances = options.getEventLoopPoolSize();
        AtomicReference<HttpVerticle> first = new AtomicReference<>();
        var shared = new HttpVerticle.Shared(config, eraser());
        return vertx.deployVerticle(() -> {
                    var v = new HttpVerticle(store, images, rooms, served, config, feedback, shared);
                    first.compareAndSet(null, v);
                    return v;
                }, new DeploymentOptions().setInstances(instances))
                .map(id -> {
                    port = first.get().actualPort();
                    return this;
                });
    }

    /**
     * Deletes a board everywhere it has data. Every per-board data holder besides the board store is listed here,
     * one line each: a new one (anything that keeps data under a board id) must be added, or deleting a board
     * leaves its data behind. The board's own store (metadata, snapshots, log, tail, history, session) goes last.
     */
    private BoardEraser eraser() {
        return new BoardEraser(store, List.of(
                images::delete, // persona images
                feedback::delete)); // the customer feedback log and its index
    }

    /** Chooses the store by configuration: Redis when a URL is set, else the embedded file store. */
    static BoardStore createStore(Vertx vertx, ServerConfig config) {
        if (config.redisUrl() != null) {
            // never fails for an unreachable Redis: the server starts, reports it (log, /health) and reconnects
            return new RedisStore(vertx, config.redisUrl(), RedisStore.Settings.of(config), config.history());
        }
        return new EmbeddedStore(vertx, config.dataDir(), config.resumeTail(), config.history());
    }

    /** Persona images live beside the boards, in the same kind of store (the board's folder, or its Redis hash tag). */
    static ImageStore createImageStore(Vertx vertx, ServerConfig config) {
        if (config.redisUrl() != null) return new RedisImageStore(vertx, config.redisUrl());
        return new EmbeddedImageStore(vertx, config.dataDir());
    }

    /** Customer feedback lives beside the boards, in the same store: a file per board, or a Redis list per board. */
    static FeedbackLog createFeedbackLog(Vertx vertx, ServerConfig config) {
        if (config.redisUrl() != null) return new RedisFeedbackLog(vertx, config.redisUrl(), "jb:", config.redisCommandTimeout());
        return new EmbeddedFeedbackLog(vertx, config.dataDir());
    }

    /** Board feedback (imports, lists, tags). */
    public FeedbackService feedback() {
        return feedback;
    }

    public int port() {
        return port;
    }

    /** The sockets' transport in use ({@code epoll} or {@code nio}); null before {@link #start()}. */
    public String transport() {
        return transport == null ? null : dev.journeyboard.server.net.NetTransport.name(transport);
    }

    public Vertx vertx() {
        return vertx;
    }

    public Future<Void> stop() {
        return rooms.closeAll().eventually(() -> cluster == null ? Future.succeededFuture() : cluster.close())
                .eventually(() -> feedback.close()).eventually(() -> store.close()).eventually(() -> images.close())
                .eventually(() -> vertx.close());
    }
}
