package dev.journeyboard.server.voc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.testing.StoreContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link FeedbackLog} contract, run against both logs (files and Redis). */
abstract class FeedbackLogContract extends StoreContract<FeedbackLog> {
    FeedbackLogContract() {
        super(FeedbackLog::close);
    }

    static List<byte[]> records(String... texts) {
        var out = new ArrayList<byte[]>();
        for (String t : texts) out.add(("{\"t\":\"item\",\"text\":\"" + t + "\"}").getBytes(StandardCharsets.UTF_8));
        return out;
    }

    static List<String> texts(FeedbackLog.Chunk c) {
        return c.records().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void anEmptyLogReadsAsNothing() {
        var c = await(store.read(Tokens.newBoardId(), 0));
        assertThat(c.records()).isEmpty();
        assertThat(c.next()).isZero();
    }

    @Test
    void appendsReadBackInOrderFromAnyPosition() {
        String b = Tokens.newBoardId();
        long p1 = await(store.append(b, 0, records("支付失败", "delivery late")));
        long p2 = await(store.append(b, p1, records("客服 👍")));
        assertThat(p2).isGreaterThan(p1);
        var all = await(store.read(b, 0));
        assertThat(texts(all)).containsExactly("{\"t\":\"item\",\"text\":\"支付失败\"}", "{\"t\":\"item\",\"text\":\"delivery late\"}",
                "{\"t\":\"item\",\"text\":\"客服 👍\"}");
        assertThat(all.next()).isEqualTo(p2);
        var tail = await(store.read(b, p1));
        assertThat(texts(tail)).containsExactly("{\"t\":\"item\",\"text\":\"客服 👍\"}");
        assertThat(await(store.read(b, p2)).records()).isEmpty();
    }

    @Test
    void anAppendAtTheWrongPositionFailsAndAppendsNothing() {
        String b = Tokens.newBoardId();
        long p1 = await(store.append(b, 0, records("a")));
        assertThat(failure(store.append(b, 0, records("stale")))).isNotNull();
        assertThat(failure(store.append(b, p1 + 1000, records("ahead")))).isNotNull();
        var all = await(store.read(b, 0));
        assertThat(texts(all)).hasSize(1);
        assertThat(all.next()).isEqualTo(p1);
    }

    @Test
    void aLargeAppendIsAllThereOrNothing() {
        String b = Tokens.newBoardId();
        var many = new ArrayList<String>();
        for (int i = 0; i < 10_000; i++) many.add("item " + i);
        long end = await(store.append(b, 0, records(many.toArray(String[]::new))));
        var all = await(store.read(b, 0));
        assertThat(all.records()).hasSize(10_000);
        assertThat(all.next()).isEqualTo(end);
    }

    @Test
    void deleteRemovesTheBoardsFeedbackAndAReaderAtAnOldPositionIsToldToStartOver() {
        String b = Tokens.newBoardId();
        String other = Tokens.newBoardId();
        long p = await(store.append(b, 0, records("x", "y")));
        await(store.append(other, 0, records("kept")));
        await(store.delete(b));
        var after = await(store.read(b, p));
        assertThat(after.records()).isEmpty();
        assertThat(after.next()).isLessThan(p);
        assertThat(await(store.read(b, 0)).records()).isEmpty();
        assertThat(texts(await(store.read(other, 0)))).hasSize(1);
        assertThat(await(store.append(b, 0, records("again")))).isGreaterThan(0);
    }
}
