package dev.journeyboard.server.net;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.handoff.CjkFont;
import dev.journeyboard.server.handoff.FileNames;
import dev.journeyboard.server.handoff.HandoffFile;
import dev.journeyboard.server.handoff.JourneyReader;
import dev.journeyboard.server.handoff.Lang;
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

    private final BoardAccess access;
    private final CjkFont font;
    private final WorkerExecutor renderers;

    ExportApi(Vertx vertx, BoardAccess access) {
        this.access = access;
        this.font = new CjkFont(access.config().pdfFont());
        // shared by name: every HTTP verticle instance gets the same pool
        this.renderers = vertx.createSharedWorkerExecutor("jb-export", RENDER_THREADS);
    }

    void handle(RoutingContext ctx) {
        HandoffFile file = HandoffFile.of(ctx.pathParam("file"));
        if (file == null) {
            Answers.error(ctx, 404, "EXPORT_NOT_FOUND", "no export '" + ctx.pathParam("file") + "'; there are " + HandoffFile.NAMES);
            return;
        }
        String requestedLang = ctx.request().getParam("lang");
        access.authorise(ctx, (meta, role) -> {
            Lang lang = Lang.of(requestedLang, meta.title());
            if (lang == null) {
                Answers.error(ctx, 400, ErrorCode.BAD_MESSAGE, "lang must be zh or en");
                return;
            }
            if (file.needsFont() && !font.installed()) {
                Answers.error(ctx, 503, "FONT_UNAVAILABLE", fontMessage());
                return;
            }
            // elements never change once in a document (an edit replaces them): copying the list is enough
            access.boards().read(meta.id(), doc -> List.<Element>copyOf(doc.elements()))
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
        if (Answers.boardUnreadable(ctx, cause)) return;
        if (cause instanceof CjkFont.Unavailable) {
            LOG.log(System.Logger.Level.ERROR, "board " + meta.id() + ": " + cause.getMessage());
            Answers.error(ctx, 503, "FONT_UNAVAILABLE", fontMessage());
        } else {
            LOG.log(System.Logger.Level.ERROR, "board " + meta.id() + ": " + file.fileName + " could not be made", cause);
            Answers.error(ctx, 500, "EXPORT_FAILED", file.fileName + " could not be made: " + cause);
        }
    }

    private String fontMessage() {
        return "board.pdf needs the CJK font " + font.path() + ", which is not installed on the server "
                + "(Debian: apt-get install fonts-wqy-microhei; or set JB_PDF_FONT); the other exports work";
    }
}
