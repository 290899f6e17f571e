package dev.journeyboard.server.store;

/**
 * The Lua scripts of {@link RedisStore}, one round trip and atomic each: every write checks the board's lease and
 * where its log ends before it writes (see RedisStore for the key layout and why). Kept apart from the Java that
 * calls them so that the store reads as calls and the fencing rules read in one place.
 */
final class RedisScripts {
    private RedisScripts() {}

    /** Redis error prefixes the scripts answer with. */
    static final String LEASE_ERROR = "JBLEASE";
    static final String STALE_ERROR = "JBSTALE";
    static final String GONE_ERROR = "JBGONE";

    // Shared by the scripts: the last seq the store holds for the board (snapshot or log), and the checks
    // every write makes before it writes (lease, existence, write number, the log ending at `expected`).
    private static final String COMMON = """
            local function topSeq(snap, log)
              local top = tonumber(redis.call('HGET', snap, 'seq') or '0')
              local last = redis.call('XREVRANGE', log, '+', '-', 'COUNT', 1)
              if last[1] then
                local s = tonumber(string.match(last[1][1], '^(%d+)-'))
                if s > top then top = s end
              end
              return top
            end
            local function claim(lease, snap, log, meta, node, n, ttl, expected)
              local holder = redis.call('GET', lease)
              if holder and holder ~= node then return redis.error_reply('JBLEASE board is served by another server') end
              if redis.call('EXISTS', meta) == 0 then return redis.error_reply('JBGONE board does not exist') end
              local w = redis.call('HGET', snap, 'w')
              if w then
                local wnode, wn = string.match(w, '^(.*) (%d+)$')
                if wnode == node and tonumber(wn) >= n then return redis.error_reply('JBLATE an older write arrived late') end
              end
              -- never removes entries: once in the log, other nodes may have relayed them (and a sender taken them
              -- as its ack), even when the writer's own answer was lost; a room that is behind must reload instead
              local top = topSeq(snap, log)
              if top ~= expected then
                return redis.error_reply('JBSTALE the stored board is at seq ' .. top .. ', this server expected ' .. expected)
              end
              redis.call('SET', lease, node, 'PX', ttl)
              -- ARGV[2] as sent: Lua would print a large number as 1.7e+15
              redis.call('HSET', snap, 'w', node .. ' ' .. ARGV[2])
              return false
            end
            """;

    /** KEYS lease snapshot log meta; ARGV node n ttl expectedSeq, then (entryId, payload) pairs. */
    static final String APPEND = COMMON + """
            local err = claim(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]))
            if err then return err end
            for i = 5, #ARGV, 2 do redis.call('XADD', KEYS[3], ARGV[i], 'op', ARGV[i + 1]) end
            return (#ARGV - 4) / 2
            """;

    /**
     * KEYS lease snapshot log meta history checkpoints; ARGV node n ttl seq doc minId checkpointEvery now.
     * The history first, in the same script: the log's entries the trim drops are copied to the history stream,
     * the first snapshot with history keeps the previous one as the first checkpoint, and a checkpoint is kept
     * every checkpointEvery ops.
     */
    static final String SNAPSHOT = COMMON + """
            local err = claim(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]))
            if err then return err end
            local cp = redis.call('HGET', KEYS[2], 'cp')
            if not cp then
              cp = redis.call('HGET', KEYS[2], 'seq') or '0'
              local prev = redis.call('HGET', KEYS[2], 'doc')
              if prev then redis.call('HSET', KEYS[6], cp, prev, 't:' .. cp, ARGV[8]) end
            end
            local minSeq = tonumber(string.match(ARGV[6], '^(%d+)-'))
            if minSeq > 0 and redis.call('EXISTS', KEYS[3]) == 1 then
              local last = redis.call('XREVRANGE', KEYS[5], '+', '-', 'COUNT', 1)
              local from = '-'
              if last[1] then from = '(' .. last[1][1] end
              for _, e in ipairs(redis.call('XRANGE', KEYS[3], from, '(' .. ARGV[6])) do
                redis.call('XADD', KEYS[5], e[1], unpack(e[2]))
              end
            end
            local s = tonumber(ARGV[4])
            if s > tonumber(cp) and s - tonumber(cp) >= tonumber(ARGV[7]) then
              redis.call('HSET', KEYS[6], ARGV[4], ARGV[5], 't:' .. ARGV[4], ARGV[8])
              cp = ARGV[4]
            end
            redis.call('HSET', KEYS[2], 'cp', cp)
            redis.call('HSET', KEYS[2], 'seq', ARGV[4], 'doc', ARGV[5])
            if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('XTRIM', KEYS[3], 'MINID', ARGV[6]) end
            return 1
            """;

    /** KEYS lease snapshot log meta history checkpoints; ARGV meta doc. */
    static final String CREATE = """
            if redis.call('EXISTS', KEYS[4]) == 1 then return redis.error_reply('JBEXISTS board exists') end
            redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[5], KEYS[6])
            redis.call('HSET', KEYS[2], 'seq', '0', 'doc', ARGV[2])
            redis.call('SET', KEYS[4], ARGV[1])
            return 1
            """;

    /** KEYS lease meta; ARGV node ttl. 1 = ours now (or no such board: nothing to lease), 0 = another node's. */
    static final String ACQUIRE = """
            if redis.call('EXISTS', KEYS[2]) == 0 then return 1 end
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """;

    /**
     * KEYS lease meta state; ARGV node feature (state): fenced like the board's other writes, so a server that lost
     * the board's lease can't overwrite the session of the server that took it, nor bring back a deleted board's.
     */
    static final String SAVE_STATE = """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return redis.error_reply('JBLEASE board is served by another server') end
            if redis.call('EXISTS', KEYS[2]) == 0 then return redis.error_reply('JBGONE board does not exist') end
            if ARGV[3] then redis.call('HSET', KEYS[3], ARGV[2], ARGV[3]) else redis.call('HDEL', KEYS[3], ARGV[2]) end
            return 'OK'
            """;
}
