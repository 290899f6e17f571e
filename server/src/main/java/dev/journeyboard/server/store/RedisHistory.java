package dev.journeyboard.server.store;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.history.HistoryException;
import dev.journeyboard.server.history.HistoryRange;
import dev.journeyboard.server.history.HistoryRead;
import dev.journeyboard.server.history.HistorySettings;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Redis store's history of a board: the {@code history} stream holds what the log's trims dropped (the snapshot
 * script copies it there before it trims), the {@code checkpoints} hash the documents at some seqs. Reads are one
 * script, so a snapshot can't move entries from the log to the history stream half-way through a read.
 */
final class RedisHistory {
    private static final System.Logger LOG = System.getLogger(RedisHistory.class.getName());

    /**
     * KEYS meta snapshot checkpoints history log; ARGV from to ('-1' '-1': the range only).
     * Answers nil for no board, {'RANGE', oldest, newest} when asked for the range or when from..to is outside it,
     * else {'OK', oldest, newest, checkpointSeq, checkpointDoc, historyEntries, logEntries}.
     */
    private static final String READ = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return false end
            local snapSeq = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
            local newest = snapSeq
            local last = redis.call('XREVRANGE', KEYS[5], '+', '-', 'COUNT', 1)
            if last[1] then
              local s = tonumber(string.match(last[1][1], '^(%d+)-'))
              if s > newest then newest = s end
            end
            local from, to = tonumber(ARGV[1]), tonumber(ARGV[2])
            local oldest, best = snapSeq, nil
            for _, f in ipairs(redis.call('HKEYS', KEYS[3])) do
              if not string.find(f, '^t:') then
                local seq = tonumber(f)
                if seq < oldest then oldest = seq end
                if seq <= from and (best == nil or seq > best) then best = seq end
              end
            end
            local o, n = string.format('%d', oldest), string.format('%d', newest)
            if to < 0 or to > newest or from < oldest then return {'RANGE', o, n} end
            local doc
            if snapSeq <= from and (best == nil or snapSeq > best) then
              best = snapSeq
              doc = redis.call('HGET', KEYS[2], 'doc')
            else
              doc = redis.call('HGET', KEYS[3], string.format('%d', best))
            end
            local a, b = string.format('(%d-0', best), string.format('%d-0', to)
            return {'OK', o, n, string.format('%d', best), doc, redis.call('XRANGE', KEYS[4], a, b), redis.call('XRANGE', KEYS[5], a, b)}
            """;

    /**
     * KEYS checkpoints history; ARGV byOps newest keepOps cutoffMs. Finds the newest checkpoint that may become the
     * oldest one kept, deletes the checkpoints before it and trims the history stream to the ops after it.
     */
    private static final String PRUNE = """
            local best = nil
            for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
              if not string.find(f, '^t:') then
                local seq = tonumber(f)
                local ok
                if ARGV[1] == '1' then ok = seq <= tonumber(ARGV[2]) - tonumber(ARGV[3])
                else ok = tonumber(redis.call('HGET', KEYS[1], 't:' .. f) or '0') <= tonumber(ARGV[4]) end
                if ok and (best == nil or seq > best) then best = seq end
              end
            end
            if best == nil then return -1 end
            for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
              if not string.find(f, '^t:') and tonumber(f) < best then redis.call('HDEL', KEYS[1], f, 't:' .. f) end
            end
            if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('XTRIM', KEYS[2], 'MINID', string.format('%d-0', best + 1)) end
            return best
            """;

    private RedisHistory() {}

    static Request read(String meta, String snapshot, String checkpoints, String history, String log, long from, long to) {
        return Request.cmd(Command.EVAL).arg(READ).arg(5).arg(meta).arg(snapshot).arg(checkpoints).arg(history).arg(log)
                .arg(from).arg(to);
    }

    static HistoryRange range(Response r) {
        return r == null ? null : new HistoryRange(Long.parseLong(r.get(1).toString()), Long.parseLong(r.get(2).toString()));
    }

    /** The read script's answer as a history stretch; @throws HistoryException when the range did not hold it */
    static HistoryRead decode(Response r, long from, long to) {
        if (r == null) return null;
        HistoryRange range = range(r);
        if (r.get(0).toString().equals("RANGE")) {
            HistoryException.check(range, from, to);
            throw new IllegalStateException("history read of " + from + ".." + to + " answered only the range " + range);
        }
        Snapshot checkpoint = Snapshot.fromJson(MessageCodec.parseObject(r.get(4).toBytes()));
        var ops = new TreeMap<Long, Applied>();
        for (int i = 5; i <= 6; i++) {
            Response entries = r.get(i);
            if (entries == null) continue;
            for (Response entry : entries) {
                long seq = Long.parseLong(entry.get(0).toString().split("-")[0]);
                Response fields = entry.get(1);
                for (int f = 0; f + 1 < fields.size(); f += 2) {
                    if ("op".equals(fields.get(f).toString())) {
                        ops.putIfAbsent(seq, MessageCodec.applied(MessageCodec.parseObject(fields.get(f + 1).toBytes())));
                    }
                }
            }
        }
        return HistoryRead.complete(range, checkpoint, ops, to);
    }

    /** After a snapshot: lets go of what the retention setting no longer keeps. Never fails the snapshot. */
    static Future<Void> prune(Function<Request, Future<Response>> send, String checkpoints, String history, HistorySettings settings, long newest) {
        if (settings.keepsAll()) return Future.succeededFuture();
        long cutoff = System.currentTimeMillis() - settings.keepFor().toMillis();
        return send.apply(Request.cmd(Command.EVAL).arg(PRUNE).arg(2).arg(checkpoints).arg(history)
                        .arg(settings.keepOps() > 0 ? "1" : "0").arg(newest).arg(settings.keepOps()).arg(cutoff))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.log(System.Logger.Level.WARNING, "could not let go of old history (it stays until the next snapshot): " + e);
                    return Future.succeededFuture();
                });
    }
}
