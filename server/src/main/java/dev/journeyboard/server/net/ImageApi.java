package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.persona.ImageStore;
import dev.journeyboard.server.persona.ImageType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Persona photos: {@code POST /api/boards/{id}/images} (an edit or facilitator token; the body is the image's bytes)
 * answers {@code 201 {"id"}}, {@code GET /api/boards/{id}/images/{imageId}} serves it to any token of the board.
 * The type is decided by the bytes ({@link ImageType}), never by the Content-Type; the size by
 * {@code JB_MAX_IMAGE_BYTES}. The body is read by hand (no BodyHandler) so that the token is checked before a byte is
 * kept, and an oversized body is drained and answered 413 rather than cut off mid-upload.
 */
final class ImageApi {
    private static final Pattern IMAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Images per board: uploads beyond this many are refused (a board's persona lane needs a handful). */
    static final int MAX_PER_BOARD = 500;

    private final BoardAccess access;
    private final ImageStore images;

    ImageApi(BoardAccess access, ImageStore images) {
        this.access = access;
        this.images = images;
    }

    void upload(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        req.pause();
        long maxBytes = access.config().maxImageBytes();
        String declared = req.getHeader("content-length");
        // a body declared far over the limit is not read at all (the connection is closed after the answer)
        if (declared != null && parse(declared) > maxBytes * 4 + 65536) {
            ctx.response().putHeader("connection", "close");
            tooLarge(ctx, parse(declared));
            return;
        }
        board(ctx, true).onComplete(ar -> {
            if (ar.failed() || ar.result() == null) {
                req.resume();
                return; // answered
            }
            BoardMeta meta = ar.result();
            Buffer body = Buffer.buffer();
            long[] received = {0};
            req.handler(chunk -> {
                received[0] += chunk.length();
                if (received[0] <= maxBytes) body.appendBuffer(chunk);
            });
            req.exceptionHandler(e -> {
                if (!ctx.response().ended()) ctx.fail(e);
            });
            req.endHandler(v -> {
                if (received[0] > maxBytes) tooLarge(ctx, received[0]);
                else store(ctx, meta, body.getBytes());
            });
            req.resume();
        });
    }

    private void store(RoutingContext ctx, BoardMeta meta, byte[] bytes) {
        ImageType.Sniffed image;
        try {
            image = ImageType.sniff(bytes);
        } catch (ImageType.Refused r) {
            Answers.error(ctx, r.unsupported ? 415 : 400, ErrorCode.INVALID_VALUE, r.getMessage());
            return;
        }
        String id = Tokens.newBoardId();
        images.count(meta.id()).compose(n -> {
            if (n >= MAX_PER_BOARD) {
                Answers.error(ctx, 413, ErrorCode.TOO_LARGE, "the board holds " + n + " images already; at most " + MAX_PER_BOARD);
                return Future.succeededFuture(false);
            }
            return images.put(meta.id(), id, bytes).map(true);
        }).onComplete(ar -> {
            if (ar.failed()) {
                Answers.error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, "the image could not be saved: " + ar.cause().getMessage());
            } else if (ar.result()) {
                Answers.json(ctx, 201, JsonNodeFactory.instance.objectNode().put("id", id).put("type", image.type().contentType)
                        .put("width", image.width()).put("height", image.height()).put("bytes", bytes.length));
            }
        });
    }

    void fetch(RoutingContext ctx) {
        String imageId = ctx.pathParam("imageId");
        board(ctx, false).onComplete(ar -> {
            if (ar.failed() || ar.result() == null) return;
            if (!IMAGE_ID.matcher(imageId).matches()) {
                notFound(ctx, imageId);
                return;
            }
            images.get(ar.result().id(), imageId).onComplete(got -> {
                if (got.failed()) {
                    Answers.error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, "the store is not reachable");
                    return;
                }
                byte[] bytes = got.result();
                ImageType type = bytes == null ? null : typeOf(bytes);
                if (type == null) {
                    notFound(ctx, imageId);
                    return;
                }
                ctx.response().setStatusCode(200).putHeader("content-type", type.contentType)
                        .putHeader("x-content-type-options", "nosniff")
                        .putHeader("content-security-policy", "default-src 'none'")
                        // an image id is never reused for other bytes; the token in the URL keeps it out of shared caches
                        .putHeader("cache-control", "private, max-age=86400, immutable")
                        .end(Buffer.buffer(bytes));
            });
        });
    }

    /**
     * The board, once the token is checked ({@code write}: an edit or facilitator token); null (or failed) when the
     * request has been answered with its error.
     */
    private Future<BoardMeta> board(RoutingContext ctx, boolean write) {
        String token = BoardAccess.token(ctx);
        return access.store().meta(ctx.pathParam("id")).map(meta -> {
            if (meta == null) {
                Answers.error(ctx, 404, ErrorCode.BOARD_NOT_FOUND, "no such board");
                return null;
            }
            Role role = meta.roleOf(token);
            if (role == null) {
                Answers.error(ctx, 401, ErrorCode.UNAUTHORIZED, "missing or wrong token");
                return null;
            }
            if (write && !role.mayEdit()) {
                Answers.error(ctx, 403, ErrorCode.FORBIDDEN, "a view link may not upload images");
                return null;
            }
            return meta;
        }).onFailure(e -> Answers.error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, "the store is not reachable"));
    }

    private static ImageType typeOf(byte[] bytes) {
        try {
            return ImageType.sniff(bytes).type();
        } catch (ImageType.Refused r) {
            return null;
        }
    }

    private void tooLarge(RoutingContext ctx, long size) {
        Answers.error(ctx, 413, ErrorCode.TOO_LARGE, "an image of " + size + " bytes; at most " + access.config().maxImageBytes() + " (JB_MAX_IMAGE_BYTES)");
    }

    private static void notFound(RoutingContext ctx, String imageId) {
        Answers.error(ctx, 404, "IMAGE_NOT_FOUND", "no image '" + imageId + "' on this board");
    }

    private static long parse(String n) {
        try {
            return Long.parseLong(n.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
