package dev.journeyboard.server;

import dev.journeyboard.server.cluster.Cluster;
import dev.journeyboard.server.net.HttpVerticle;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.room.facilitation.Session;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.store.EmbeddedStore;
import dev.journeyboard.server.store.RedisStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.atomic.AtomicReference;

/** Wires a store, the rooms and the HTTP verticles together; what Main and the tests start. */
public final class JourneyBoardServer {
    private static final System.Logger LOG = System.getLogger(JourneyBoardServer.class.getName());

    private final ServerConfig config;
    private Vertx vertx;
    private BoardStore store;
    private Rooms rooms;
    /** With Redis: any board on any node (relayed to the node serving it); null on the embedded store. */
    private Cluster cluster;
    private int port;

    public JourneyBoardServer(ServerConfig config) {
        this.config = config;
    }

    public Future<JourneyBoardServer> start() {
        var options = new VertxOptions();
        if (config.eventLoops() > 0) options.setEventLoopPoolSize(config.eventLoops());
        vertx = Vertx.vertx(options);
        store = createStore(vertx, config);
        rooms = new Rooms(vertx, store, config, Session::new);
        Boards boards = rooms;
        if (store instanceof RedisStore) {
            cluster = new Cluster(vertx, config, store, rooms);
            rooms.observe(cluster);
            boards = cluster;
        }
        Boards served = boards;
        int instances = options.getEventLoopPoolSize();
        AtomicReference<HttpVerticle> first = new AtomicReference<>();
        return vertx.deployVerticle(() -> {
                    var v = new HttpVerticle(store, rooms, served, config);
                    first.compareAndSet(null, v);
                    return v;
                }, new DeploymentOptions().setInstances(instances))
                .map(id -> {
                    port = first.get().actualPort();
                    return this;
                });
    }

    /** Chooses the store by configuration: Redis when a URL is set, else the embedded file store. */
    static BoardStore createStore(Vertx vertx, ServerConfig config) {
        if (config.redisUrl() != null) {
            // never fails for an unreachable Redis: the server starts, reports it (log, /health) and reconnects
            return new RedisStore(vertx, config.redisUrl(), RedisStore.Settings.of(config));
        }
        return new EmbeddedStore(vertx, config.dataDir(), config.resumeTail());
    }

    public int port() {
        return port;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Future<Void> stop() {
        return rooms.closeAll().eventually(() -> cluster == null ? Future.succeededFuture() : cluster.close())
                .eventually(() -> store.close()).eventually(() -> vertx.close());
    }
}
