package dev.journeyboard.server.voc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The feedback log on Redis: one list per board, {@code jb:board:{<id>}:feedback} (under the board's hash tag,
 * beside the store's keys), one UTF-8 JSON record per entry; a position is the list's length. An append is one
 * script (one round trip, atomic): it checks the length the writer expects and only then pushes every record, so
 * an import is in the log entirely or not at all. Durable as Redis is configured (STORE.md: the append-only file).
 * Its own connection pool, separate from the board store's.
 */
public final class RedisFeedbackLog implements FeedbackLog {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** KEYS list; ARGV expected length, then the records. */
    private static final String APPEND = """
            local n = redis.call('LLEN', KEYS[1])
            if n ~= tonumber(ARGV[1]) then return redis.error_reply('JBSTALE the feedback log holds ' .. n .. ' records, not ' .. ARGV[1]) end
            for i = 2, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
            return n + #ARGV - 1
            """;

    private final Redis redis;
    private final String prefix;
    private final long timeoutMs;

    /** @param timeout a command not answered within this fails (JB_REDIS_COMMAND_TIMEOUT, as for the store) */
    public RedisFeedbackLog(Vertx vertx, String url, String prefix, java.time.Duration timeout) {
        this.prefix = prefix;
        this.timeoutMs = timeout.toMillis();
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(4).setMaxPoolWaiting(1024));
        // a first connection now (its failure is the store's to report), so that the first import does not pay for it
        redis.send(Request.cmd(Command.PING));
    }

    String key(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) throw new IllegalArgumentException("bad board id");
        return prefix + "board:{" + boardId + "}:feedback";
    }

    @Override
    public Future<Long> append(String boardId, long at, List<byte[]> records) {
        Request r = Request.cmd(Command.EVAL).arg(APPEND).arg(1).arg(key(boardId)).arg(at);
        for (byte[] rec : records) r.arg(rec);
        return send(r).map(Response::toLong);
    }

    @Override
    public Future<Chunk> read(String boardId, long from) {
        String key = key(boardId);
        return redis.batch(List.of(Request.cmd(Command.LLEN).arg(key), Request.cmd(Command.LRANGE).arg(key).arg(from).arg(-1)))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS).map(rs -> {
                    long len = rs.get(0).toLong();
                    if (len < from) return new Chunk(List.of(), 0);
                    var out = new ArrayList<byte[]>();
                    if (rs.get(1) != null) for (Response e : rs.get(1)) out.add(e.toBytes());
                    return new Chunk(out, from + out.size());
                });
    }

    @Override
    public Future<Void> delete(String boardId) {
        return send(Request.cmd(Command.DEL).arg(key(boardId))).mapEmpty();
    }

    @Override
    public Future<Void> close() {
        return redis.close();
    }

    private Future<Response> send(Request r) {
        return redis.send(r).timeout(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
