package dev.journeyboard.server.net;

import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.templates.TemplateCatalog;
import dev.journeyboard.server.persona.ImageStore;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.store.BoardEraser;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.voc.FeedbackService;
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
    private final ImageStore images;
    private final Rooms rooms;
    private final Boards boards;
    private final ServerConfig config;
    private final FeedbackService feedback;
    private final Shared shared;
    private HttpServer server;

    /**
     * @param boards how sockets and exports reach a board: {@code rooms} itself on one server, the cluster with Redis
     * @param shared one per server: what every HTTP verticle shares (the board-creation allowance)
     */
    public HttpVerticle(BoardStore store, ImageStore images, Rooms rooms, Boards boards, ServerConfig config, FeedbackService feedback, Shared shared) {
        this.store = store;
        this.images = images;
        this.rooms = rooms;
        this.boards = boards;
        this.config = config;
        this.feedback = feedback;
        this.shared = shared;
    }

    /** State the server's HTTP verticles share. */
    public static final class Shared {
        private final CreationGate gate;
        private final BoardEraser eraser;

        /** @param eraser deletes a board everywhere it has data */
        public Shared(ServerConfig config, BoardEraser eraser) {
            this.gate = new CreationGate(config.createsPerMinute(), config.createToken());
            this.eraser = eraser;
        }

        CreationGate gate() {
            return gate;
        }

        BoardEraser eraser() {
            return eraser;
        }
    }

    @Override
    public Future<?> start() {
        var access = new BoardAccess(store, boards, rooms.calls(), config);
        var api = new BoardApi(access, rooms, shared);
        var sockets = new SocketEndpoint(vertx, access);
        var exports = new ExportApi(vertx, access);
        var departments = new DepartmentApi(access);
        var history = new HistoryApi(vertx, access);
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders(config)::handle);
        router.get("/health").handler(api::health);
        router.get("/metrics").handler(MetricsEndpoint.of(rooms).handler());
        router.post("/api/boards").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(api::create);
        router.get("/api/templates").handler(new TemplatesApi(TemplateCatalog.shipped())::list);
        router.get("/api/boards/:id").handler(api::get);
        router.delete("/api/boards/:id").handler(api::delete);
        router.get("/api/boards/:id/export/:file").handler(exports::handle);
        var links = new LinksApi(access);
        router.get("/api/boards/:id/links").handler(links::list);
        router.post("/api/boards/:id/links").handler(BodyHandler.create().setBodyLimit(16 * 1024)).handler(links::create);
        router.delete("/api/boards/:id/links/:linkId").handler(links::revoke);
        var imageApi = new ImageApi(access, images);
        router.post("/api/boards/:id/images").handler(imageApi::upload);
        router.get("/api/boards/:id/images/:imageId").handler(imageApi::fetch);
        router.get("/api/boards/:id/departments").handler(departments::handle);
        dataRoutes(router, access);
        router.get("/api/boards/:id/history").handler(history::changes);
        router.get("/api/boards/:id/history/:seq").handler(history::documentAt);
        router.get("/api/boards/:id/versions").handler(history::versions);
        router.get("/api/boards/:id/replay").handler(history::replay);
        router.get("/ws/boards/:id").handler(sockets::handle);
        // the client is a single page: board links are served the same index.html
        router.get("/b/:id").handler(ctx -> ctx.reroute("/index.html"));
        // content-hashed names: a new build has new names, so these are cached for good
        router.get("/assets/*").handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(31536000)
                .setSendVaryHeader(false));
        // the page itself is revalidated on every load (SecurityHeaders sets no-cache): after an upgrade browsers get
        // the new page, which names the new assets
        router.route().handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
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

    /** Integrations: metric pushes and customer feedback (the data token; see PROTOCOL.md "Data on the map"). */
    private void dataRoutes(Router router, BoardAccess access) {
        var metrics = new MetricsApi(access);
        var voc = new FeedbackApi(access, feedback);
        long csvLimit = config.feedbackMaxBytes();
        router.post("/api/boards/:id/metrics").handler(BodyHandler.create(false).setBodyLimit(MetricsApi.BODY_LIMIT))
                .handler(metrics::handle).failureHandler(ctx -> Answers.bodyFailure(ctx, "1 MiB", MetricsApi.BODY_LIMIT));
        router.post("/api/boards/:id/feedback").handler(BodyHandler.create(false).setBodyLimit(csvLimit))
                .handler(voc::importCsv).failureHandler(ctx -> Answers.bodyFailure(ctx, "JB_FEEDBACK_MAX_BYTES", csvLimit));
        router.get("/api/boards/:id/feedback").handler(voc::list);
        router.post("/api/boards/:id/feedback/tag").handler(BodyHandler.create(false).setBodyLimit(FeedbackApi.TAG_BODY_LIMIT))
                .handler(voc::tag).failureHandler(ctx -> Answers.bodyFailure(ctx, "64 KiB", FeedbackApi.TAG_BODY_LIMIT));
    }

    public int actualPort() {
        return server.actualPort();
    }
}
