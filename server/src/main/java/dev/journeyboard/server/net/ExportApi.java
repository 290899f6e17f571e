package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.handoff.CjkFont;
import dev.journeyboard.server.handoff.FileNames;
import dev.journeyboard.server.handoff.HandoffFile;
import dev.journeyboard.server.handoff.JourneyReader;
import dev.journeyboard.server.handoff.Lang;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/boards/{id}/export/{plan.csv|plan.md|board.svg|board.pdf}}: the hand-off documents, for any
 * valid token of the board. The elements come from the board's live room (loaded if it is not), as of its last
 * durable edit; the document is rendered on a worker pool of its own, so that a burst of exports neither blocks an
 * event loop nor takes the workers the store writes with.
 */
final class ExportApi {
    private static final System.Logger LOG = System.getLogger(ExportApi.class.getName());
    /** Rendering threads: a big PDF takes about a core for a second; more in parallel would only queue on 2 cores. */
    private static final int RENDER_THREADS = 2;

    private final BoardStore store;
    private final Boards boards;
    private final CjkFont font;
    private final WorkerExecutor renderers;

    ExportApi(Vertx vertx, BoardStore store, Boards boards, CjkFont font) {
        this.store = store;
        this.boards = boards;
        this.font = font;
        // shared by name: every HTTP verticle instance gets the same pool
        this.renderers = vertx.createSharedWorkerExecutor("jb-export", RENDER_THREADS);
    }

    void handle(RoutingContext ctx) {
        HandoffFile file = HandoffFile.of(ctx.pathParam("file"));
        if (file == null) {
            error(ctx, 404, "EXPORT_NOT_FOUND", "no export '" + ctx.pathParam("file") + "'; there are " + HandoffFile.NAMES);
            return;
        }
        String token = BoardAccess.token(ctx);
        String requestedLang = ctx.request().getParam("lang");
        store.meta(ctx.pathParam("id")).onComplete(ar -> {
            if (ar.failed()) {
                error(ctx, 503, ErrorCode.STORE_UNAVAILABLE.name(), "the store is not reachable");
                return;
            }
            BoardMeta meta = ar.result();
            if (meta == null) {
                error(ctx, 404, ErrorCode.BOARD_NOT_FOUND.name(), "no such board");
                return;
            }
            if (meta.roleOf(token) == null) {
                error(ctx, 401, ErrorCode.UNAUTHORIZED.name(), "missing or wrong token");
                return;
            }
            Lang lang = Lang.of(requestedLang, meta.title());
            if (lang == null) {
                error(ctx, 400, ErrorCode.BAD_MESSAGE.name(), "lang must be zh or en");
                return;
            }
            if (file.needsFont() && !font.installed()) {
                error(ctx, 503, "FONT_UNAVAILABLE", fontMessage());
                return;
            }
            // elements never change once in a document (an edit replaces them): copying the list is enough
            boards.read(meta.id(), doc -> List.<Element>copyOf(doc.elements()))
                    .compose(elements -> renderers.executeBlocking(
                            () -> file.render(JourneyReader.read(meta.title(), lang, elements), LocalDate.now(), font), false))
                    .onComplete(done -> {
                        if (done.succeeded()) send(ctx, file, meta, done.result());
                        else fail(ctx, meta, file, done.cause());
                    });
        });
    }


    private static void send(RoutingContext ctx, HandoffFile file, BoardMeta meta, byte[] body) {
        var r = ctx.response().setStatusCode(200)
                .putHeader("content-type", file.contentType)
                .putHeader("content-disposition", FileNames.contentDisposition(meta.title(), file.fileName))
                .putHeader("cache-control", "no-store")
                .putHeader("x-content-type-options", "nosniff");
        // an SVG opened from the download is a document of this origin: it may not run or load anything
        if (file == HandoffFile.BOARD_SVG) r.putHeader("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
        r.end(Buffer.buffer(body));
    }

    private void fail(RoutingContext ctx, BoardMeta meta, HandoffFile file, Throwable cause) {
        if (cause instanceof ProtocolException pe && pe.code() == ErrorCode.BOARD_NOT_FOUND) {
            error(ctx, 404, ErrorCode.BOARD_NOT_FOUND.name(), "no such board");
        } else if (cause instanceof ProtocolException pe) {
            error(ctx, 503, pe.code().name(), pe.getMessage());
        } else if (cause instanceof CjkFont.Unavailable) {
            LOG.log(System.Logger.Level.ERROR, "board " + meta.id() + ": " + cause.getMessage());
            error(ctx, 503, "FONT_UNAVAILABLE", fontMessage());
        } else {
            LOG.log(System.Logger.Level.ERROR, "board " + meta.id() + ": " + file.fileName + " could not be made", cause);
            error(ctx, 500, "EXPORT_FAILED", file.fileName + " could not be made: " + cause);
        }
    }

    private String fontMessage() {
        return "board.pdf needs the CJK font " + font.path() + ", which is not installed on the server "
                + "(Debian: apt-get install fonts-wqy-microhei; or set JB_PDF_FONT); the other exports work";
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        BoardApi.json(ctx, status, JsonNodeFactory.instance.objectNode().put("code", code).put("message", message));
    }
}
