package dev.journeyboard.server.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.testing.RedisFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The image contract on Redis (a redis-server of the test's own), and the keys under the board's hash tag. */
class RedisImageStoreTest extends ImageStoreContract {
    @RegisterExtension
    static final RedisFixture redis = new RedisFixture();

    @Override
    protected ImageStore newStore() {
        return new RedisImageStore(vertx, redis.url());
    }

    @Test
    void keysLiveUnderTheBoardsHashTagAndGoWithTheBoard() {
        String board = Tokens.newBoardId();
        await(store.put(board, "pic", Images.png(8, 8)));
        String prefix = RedisFixture.boardKey(board, "");
        assertThat(redis.call("TYPE", prefix + "image:pic")).isEqualTo("string");
        assertThat(redis.call("SMEMBERS", prefix + "images")).isEqualTo("pic");
        assertThat(Long.parseLong(redis.call("STRLEN", prefix + "image:pic"))).isEqualTo(Images.png(8, 8).length);
        await(store.delete(board));
        assertThat(redis.call("EXISTS", prefix + "image:pic")).isEqualTo("0");
        assertThat(redis.call("EXISTS", prefix + "images")).isEqualTo("0");
    }
}
