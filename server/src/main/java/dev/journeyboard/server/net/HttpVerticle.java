package dev.journeyboard.server.net;

import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.handoff.CjkFont;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The HTTP face of the server: API, WebSocket endpoint and the web client. Deployed once per event loop;
 * the instances share the port.
 */
public final class HttpVerticle extends VerticleBase {
    private final BoardStore store;
    private final Rooms rooms;
    private final Boards boards;
    private final ServerConfig config;
    private HttpServer server;

    /** @param boards how sockets and exports reach a board: {@code rooms} itself on one server, the cluster with Redis */
    public HttpVerticle(BoardStore store, Rooms rooms, Boards boards, ServerConfig config) {
        this.store = store;
        this.rooms = rooms;
        this.boards = boards;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        var api = new BoardApi(store, rooms, config);
        var sockets = new SocketEndpoint(vertx, boards, config);
        var exports = new ExportApi(vertx, store, boards, new CjkFont(config.pdfFont()));
        Router router = Router.router(vertx);
        router.get("/health").handler(api::health);
        router.get("/metrics").handler(MetricsEndpoint.of(rooms).handler());
        router.post("/api/boards").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(api::create);
        router.get("/api/boards/:id").handler(api::get);
        router.get("/api/boards/:id/export/:file").handler(exports::handle);
        router.get("/api/boards/:id/links").handler(new LinksApi(store, config)::links);
        router.get("/ws/boards/:id").handler(sockets::handle);
        // the client is a single page: board links are served the same index.html
        router.get("/b/:id").handler(ctx -> ctx.reroute("/index.html"));
        router.route().handler(StaticHandler.create("webroot").setCachingEnabled(true).setIndexPage("index.html"));
        var options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(true)
                // no permessage-deflate (Vert.x accepts it by default and every browser offers it): it compresses each
                // broadcast once per socket and keeps ~300 KiB of zlib state per connection (load-tests: many-boards
                // RSS 1047 -> 351 MiB, server CPU 1.42 -> 1.01 cores; see README "Performance")
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // our own limit answers TOO_LARGE with a message; Netty's (4x higher) only guards memory
                .setMaxWebSocketFrameSize(config.maxFrameBytes() * 4)
                .setMaxWebSocketMessageSize(config.maxFrameBytes() * 4)
                .setRegisterWebSocketWriteHandlers(false);
        return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
