package dev.journeyboard.server.persona;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Images in Redis, under the board's hash tag (one slot per board, like the board store's keys):
 * {@code jb:board:{<id>}:image:<imageId>} a string holding the bytes, and {@code jb:board:{<id>}:images} a set of
 * the board's image ids, so that deleting the board can find them all. Each write is one script (atomic, one round
 * trip). A connection of its own (the board store's is not shared); an unreachable Redis fails the call, which the
 * API answers with 503 STORE_UNAVAILABLE.
 */
public final class RedisImageStore implements ImageStore {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long TIMEOUT_MS = Long.getLong("jb.redis.commandTimeoutMs", 3000);
    private static final String PUT = "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SADD', KEYS[2], ARGV[2]); return 1";
    private static final String DELETE = """
            local ids = redis.call('SMEMBERS', KEYS[1])
            for _, id in ipairs(ids) do redis.call('DEL', ARGV[1] .. id) end
            redis.call('DEL', KEYS[1])
            return #ids""";

    private final Redis redis;
    private final String prefix;

    public RedisImageStore(Vertx vertx, String url) {
        this(vertx, url, "jb:");
    }

    public RedisImageStore(Vertx vertx, String url, String prefix) {
        this.prefix = prefix;
        var options = new RedisOptions().setConnectionString(url).setMaxPoolSize(4).setMaxPoolWaiting(256);
        options.getNetClientOptions().setConnectTimeout(2000).setTcpKeepAlive(true);
        this.redis = Redis.createClient(vertx, options);
    }

    private String board(String boardId) {
        return prefix + "board:{" + safe(boardId) + "}:";
    }

    @Override
    public Future<Void> put(String boardId, String imageId, byte[] bytes) {
        String b = board(boardId);
        return send(Request.cmd(Command.EVAL).arg(PUT).arg(2).arg(b + "image:" + safe(imageId)).arg(b + "images").arg(bytes).arg(imageId)).mapEmpty();
    }

    @Override
    public Future<byte[]> get(String boardId, String imageId) {
        return send(Request.cmd(Command.GET).arg(board(boardId) + "image:" + safe(imageId))).map(r -> r == null ? null : r.toBytes());
    }

    @Override
    public Future<Void> delete(String boardId) {
        String b = board(boardId);
        return send(Request.cmd(Command.EVAL).arg(DELETE).arg(1).arg(b + "images").arg(b + "image:")).mapEmpty();
    }

    @Override
    public Future<Integer> count(String boardId) {
        return send(Request.cmd(Command.SCARD).arg(board(boardId) + "images")).map(Response::toInteger);
    }

    @Override
    public Future<Void> close() {
        redis.close();
        return Future.succeededFuture();
    }

    private Future<Response> send(Request r) {
        return redis.send(r).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static String safe(String id) {
        if (!SAFE_ID.matcher(id).matches()) throw new IllegalArgumentException("bad id '" + id + "'");
        return id;
    }
}
