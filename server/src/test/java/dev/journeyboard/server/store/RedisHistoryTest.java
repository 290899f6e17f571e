package dev.journeyboard.server.store;

import static dev.journeyboard.server.testing.VertxContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.history.HistorySettings;
import dev.journeyboard.server.testing.RedisFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history contract on Redis (a redis-server of the test's own), plus its keys. */
class RedisHistoryTest extends BoardHistoryContract {
    @RegisterExtension
    static final RedisFixture redis = new RedisFixture();

    @Override
    BoardStore newStore(int resumeTail, HistorySettings history) {
        return new RedisStore(vertx, redis.url(), RedisStoreTest.settings(resumeTail, "node-h"), history);
    }

    private static String key(BoardMeta m, String part) {
        return RedisFixture.boardKey(m.id(), part);
    }

    @Test
    void theHistoryIsAStreamAndACheckpointHashUnderTheBoardsHashTag() {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(28);
        assertThat(redis.call("TYPE", key(m, "history"))).isEqualTo("stream");
        assertThat(redis.call("TYPE", key(m, "checkpoints"))).isEqualTo("hash");
        // the log keeps the resume tail below the snapshot at 28 and nothing older; the history has what was trimmed
        assertThat(redis.call("XRANGE", key(m, "log"), "-", "+", "COUNT", "1")).startsWith("24-0\n");
        assertThat(redis.call("XLEN", key(m, "history"))).isEqualTo("23");
        assertThat(redis.call("HGET", key(m, "snapshot"), "cp")).isEqualTo("28");
        assertThat(redis.call("HEXISTS", key(m, "checkpoints"), "14")).isEqualTo("1");
        assertThat(redis.call("HEXISTS", key(m, "checkpoints"), "t:14")).isEqualTo("1");
    }

    @Test
    void aBoardCreatedAgainUnderTheSameIdStartsWithoutHistory() {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(20);
        redis.call("DEL", key(m, "meta"));
        await(store.create(m, BoardStoreContract.initial()));
        assertThat(redis.call("EXISTS", key(m, "history"))).isEqualTo("0");
        assertThat(redis.call("EXISTS", key(m, "checkpoints"))).isEqualTo("0");
    }
}
