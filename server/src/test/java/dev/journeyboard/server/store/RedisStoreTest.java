package dev.journeyboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.testing.RedisFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on Redis (a redis-server of the test's own), plus the layout, trimming and leases. */
class RedisStoreTest extends BoardStoreContract {
    @RegisterExtension
    static final RedisFixture redis = new RedisFixture();

    static RedisStore.Settings settings(int resumeTail, String nodeId) {
        return new RedisStore.Settings(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofMillis(3333), resumeTail, "jb:", nodeId);
    }

    /** Each test's store is "this server"; a restart of it (a new store) keeps the node id, as a real restart does. */
    @Override
    BoardStore newStore(int resumeTail) {
        return new RedisStore(vertx, redis.url(), settings(resumeTail, "node-a"));
    }

    private static String key(BoardMeta m, String part) {
        return RedisFixture.boardKey(m.id(), part);
    }

    /** A board this server holds the lease of, with {@code ops} written. */
    private BoardMeta leasedWith(List<Applied> ops) {
        BoardMeta m = created();
        assertThat(await(store.acquireLease(m.id()))).isTrue();
        await(store.append(m.id(), ops));
        return m;
    }

    @Test
    void layoutIsTheDocumentedOne() {
        BoardMeta m = created();
        await(store.acquireLease(m.id()));
        await(store.append(m.id(), ops(1, 2)));
        List<String> keys = Arrays.stream(redis.call("KEYS", RedisFixture.boardKey(m.id(), "*")).split("\n")).sorted().toList();
        assertThat(keys).containsExactly(key(m, "lease"), key(m, "log"), key(m, "meta"), key(m, "snapshot"));
        assertThat(redis.call("TYPE", key(m, "meta"))).isEqualTo("string");
        assertThat(redis.call("TYPE", key(m, "snapshot"))).isEqualTo("hash");
        assertThat(redis.call("TYPE", key(m, "log"))).isEqualTo("stream");
        assertThat(redis.call("GET", key(m, "lease"))).isEqualTo(((RedisStore) store).nodeId());
        assertThat(Long.parseLong(redis.call("PTTL", key(m, "lease")))).isBetween(1L, 10_000L);
        assertThat(redis.call("HGET", key(m, "snapshot"), "seq")).isEqualTo("0");
        assertThat(redis.call("XRANGE", key(m, "log"), "-", "+")).startsWith("1-0\nop\n{");
        assertThat(redis.call("XLEN", key(m, "log"))).isEqualTo("2");
    }

    @Test
    void snapshotTrimsTheStreamToExactlyTheResumeTail() {
        await(store.close());
        store = newStore(10);
        BoardMeta m = created();
        for (long s = 1; s <= 100; s += 4) await(store.append(m.id(), ops(s, s + 3)));
        await(store.snapshot(m.id(), new Snapshot(100, initial().elements(), Map.of())));
        assertThat(redis.call("XLEN", key(m, "log"))).isEqualTo("10");
        assertThat(redis.call("XRANGE", key(m, "log"), "-", "+", "COUNT", "1")).startsWith("91-0\n");
        await(store.append(m.id(), ops(101, 101)));
        StoredBoard b = await(store.load(m.id()));
        assertThat(seqs(b.log())).containsExactlyElementsOf(List.of(91L, 92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L, 100L, 101L));
    }

    @Test
    void aBatchIsOneRoundTrip() {
        BoardMeta m = created();
        long evalBefore = commandCalls("eval");
        long xaddBefore = commandCalls("xadd");
        await(store.append(m.id(), ops(1, 50)));
        assertThat(commandCalls("eval") - evalBefore).as("one script call").isEqualTo(1);
        assertThat(commandCalls("xadd") - xaddBefore).isEqualTo(50);
    }

    private static long commandCalls(String command) {
        for (String line : redis.call("INFO", "commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void aSecondServerCannotTakeAHeldBoard() {
        BoardMeta m = created();
        RedisStore other = new RedisStore(vertx, redis.url(), settings(RESUME_TAIL, "node-b"));
        try {
            assertThat(await(store.acquireLease(m.id()))).isTrue();
            assertThat(await(other.acquireLease(m.id()))).isFalse();
            assertThat(await(other.renewLease(m.id()))).isFalse();
            assertThat(failure(other.append(m.id(), ops(1, 1)))).hasMessageStartingWith("JBLEASE");
            assertThat(redis.call("EXISTS", key(m, "log"))).as("nothing written").isEqualTo("0");

            await(store.releaseLease(m.id()));
            assertThat(await(other.acquireLease(m.id()))).as("free once released").isTrue();
            assertThat(await(store.acquireLease(m.id()))).isFalse();
        } finally {
            await(other.close());
        }
    }

    @Test
    void aServerThatLostItsLeaseCannotWriteAndLearnsIt() {
        BoardMeta m = leasedWith(ops(1, 2));
        redis.call("SET", key(m, "lease"), "some-other-node", "PX", "10000"); // ours lapsed, another server took it

        assertThat(failure(store.append(m.id(), ops(3, 3)))).hasMessageStartingWith("JBLEASE");
        assertThat(failure(store.snapshot(m.id(), new Snapshot(2, initial().elements(), Map.of())))).hasMessageStartingWith("JBLEASE");
        assertThat(await(store.renewLease(m.id()))).isFalse();
        assertThat(redis.call("XLEN", key(m, "log"))).isEqualTo("2");
        assertThat(redis.call("HGET", key(m, "snapshot"), "seq")).isEqualTo("0");
    }

    @Test
    void aStaleServerIsFencedEvenWhenTheLeaseIsFree() {
        BoardMeta m = leasedWith(ops(1, 2));
        RedisStore other = new RedisStore(vertx, redis.url(), settings(RESUME_TAIL, "node-b"));
        try {
            redis.call("DEL", key(m, "lease")); // expired while this server was paused
            assertThat(await(other.acquireLease(m.id()))).isTrue();
            await(other.append(m.id(), ops(3, 3)));
            await(other.releaseLease(m.id()));

            // the first server wakes up believing the board is at seq 2
            assertThat(failure(store.append(m.id(), List.of(op(3, "stale"))))).hasMessageStartingWith("JBSTALE");
            assertThat(await(store.renewLease(m.id()))).as("its room must go and reload").isFalse();
            assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 3));
        } finally {
            await(other.close());
        }
    }

    @Test
    void entriesOfAWriteWhoseAnswerWasLostAreKeptAndTheRoomMustReload() {
        BoardMeta m = leasedWith(ops(1, 2));
        // this server's append of 3..4 reached Redis but the answer did not come back: the room rejected those
        // ops, yet other nodes may have relayed the entries already, so they must stay
        List<Applied> landed = ops(3, 4);
        for (Applied a : landed) redis.call("XADD", key(m, "log"), a.seq() + "-0", "op", new String(MessageCodec.encode(a), StandardCharsets.UTF_8));
        assertThat(failure(store.append(m.id(), List.of(op(3, "the room's next op"))))).hasMessageStartingWith("JBSTALE");
        assertThat(await(store.renewLease(m.id()))).as("its room must go and reload").isFalse();
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 4));
    }

    @Test
    void aLateOldWriteIsRefused() {
        BoardMeta m = leasedWith(ops(1, 2));
        // a newer write of this node already ran (numbers are per node and only grow)
        redis.call("HSET", key(m, "snapshot"), "w", ((RedisStore) store).nodeId() + " 9000000000000000");
        assertThat(failure(store.append(m.id(), ops(3, 3)))).hasMessageStartingWith("JBLATE");
        assertThat(redis.call("XLEN", key(m, "log"))).isEqualTo("2");
    }

    @Test
    void aRestartedNodeTakesItsOwnLeaseBackAtOnceAndGoesOnWriting() {
        BoardMeta m = leasedWith(ops(1, 2));
        // the server dies without releasing anything: its lease still runs for 10 s
        RedisStore restarted = new RedisStore(vertx, redis.url(), settings(RESUME_TAIL, "node-a"));
        RedisStore stranger = new RedisStore(vertx, redis.url(), settings(RESUME_TAIL, "node-b"));
        try {
            assertThat(await(stranger.acquireLease(m.id()))).as("another node still waits").isFalse();
            assertThat(await(restarted.acquireLease(m.id()))).as("its own lease, from its previous life").isTrue();
            assertThat(Long.parseLong(redis.call("PTTL", key(m, "lease")))).isGreaterThan(5_000L);
            // its write numbers start above its previous life's, so its writes are not taken for late old ones
            await(restarted.append(m.id(), ops(3, 3)));
            await(restarted.snapshot(m.id(), new Snapshot(3, initial().elements(), Map.of())));
            assertThat(seqs(await(restarted.load(m.id())).log())).containsExactly(1L, 2L, 3L);
        } finally {
            await(restarted.close());
            await(stranger.close());
        }
    }

    @Test
    void anUnreachableRedisFailsFastAndSaysSo() {
        var down = new RedisStore(vertx, "redis://127.0.0.1:" + freeLoopbackPort() + "/0", settings(RESUME_TAIL, "node-a"));
        try {
            long start = System.nanoTime();
            Throwable e = failure(down.ping());
            assertThat(e).hasMessageContaining("unreachable");
            Throwable e2 = failure(down.append("someboard", ops(1, 1)));
            assertThat(e2).hasMessageContaining("unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            await(down.close());
        }
    }

    private static int freeLoopbackPort() {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
