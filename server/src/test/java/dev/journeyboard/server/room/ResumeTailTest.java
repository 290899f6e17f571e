package dev.journeyboard.server.room;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The resume tail keeps written ops as their encoded frames and gives them back as they were, within its bounds. */
class ResumeTailTest {
    private static Applied op(long seq, String client, long cid, String words) {
        return new Applied(seq, "p-" + client, client, cid, List.of(card("c" + seq, "actions", "buy", words), text("c" + seq, words + "!")),
                1_795_000_000_000L + seq, "名字 " + client);
    }

    private static void remember(ResumeTail tail, Applied a) {
        tail.remember(a, MessageCodec.encode(a));
    }

    @Test
    void aResumeGetsTheOpsAfterItsSeqExactlyAsTheyWereApplied() {
        var tail = new ResumeTail(10);
        var ops = List.of(op(1, "tab-a", 1, "排队太久"), op(2, "tab-b", 7, "Checkout asks twice"), op(3, "tab-a", 2, "客服 ✓"));
        ops.forEach(a -> remember(tail, a));
        assertThat(tail.after(0)).containsExactlyElementsOf(ops);
        assertThat(tail.after(1)).containsExactly(ops.get(1), ops.get(2));
        assertThat(tail.after(3)).isEmpty();
        assertThat(tail.oldestSeq(99)).isEqualTo(1);
        assertThat(new ResumeTail(10).oldestSeq(99)).isEqualTo(99);
    }

    @Test
    void pastItsCapacityTheOldestOpsAndTheirCidsAreLetGo() {
        var tail = new ResumeTail(3);
        for (long s = 1; s <= 5; s++) remember(tail, op(s, s % 2 == 0 ? "tab-b" : "tab-a", s, "card " + s));
        assertThat(tail.oldestSeq(99)).isEqualTo(3);
        assertThat(tail.after(0)).extracting(Applied::seq).containsExactly(3L, 4L, 5L);
        // a re-send of a kept message is a duplicate of its seq; of one let go, unknown
        assertThat(tail.appliedSeq("tab-a", 5)).isEqualTo(5);
        assertThat(tail.appliedSeq("tab-b", 4)).isEqualTo(4);
        assertThat(tail.appliedSeq("tab-a", 1)).isNull();
        assertThat(tail.appliedSeq("tab-b", 2)).isNull();
        assertThat(tail.appliedSeq("tab-c", 3)).isNull();
    }

    @Test
    void opsWrittenMoreThanTwoMinutesBeforeTheNewestAreLetGo() {
        long[] now = {5_000_000_000L};
        var tail = new ResumeTail(2000, ResumeTail.MAX_BYTES, () -> now[0]);
        remember(tail, op(1, "tab-a", 1, "first"));
        now[0] += TimeUnit.SECONDS.toNanos(60);
        remember(tail, op(2, "tab-b", 1, "a minute later"));
        now[0] += TimeUnit.SECONDS.toNanos(ResumeTail.MAX_AGE_SECONDS - 60);
        remember(tail, op(3, "tab-a", 2, "two minutes after the first")); // exactly at the bound: still kept
        assertThat(tail.oldestSeq(99)).isEqualTo(1);
        now[0] += 1;
        remember(tail, op(4, "tab-b", 2, "just past it"));
        assertThat(tail.oldestSeq(99)).isEqualTo(2);
        assertThat(tail.appliedSeq("tab-a", 1)).isNull();
        assertThat(tail.appliedSeq("tab-b", 1)).isEqualTo(2);
        assertThat(tail.after(0)).extracting(Applied::seq).containsExactly(2L, 3L, 4L);
        // a quiet board keeps what it has: nothing is let go without a new op
        now[0] += TimeUnit.HOURS.toNanos(1);
        assertThat(tail.oldestSeq(99)).isEqualTo(2);
    }

    @Test
    void pastItsByteBoundTheOldestFramesAreLetGoAndOneFrameTooBigForItEmptiesTheTail() {
        var first = op(1, "tab-a", 1, "x".repeat(300));
        int frame = MessageCodec.encode(first).length;
        var tail = new ResumeTail(2000, 2 * frame + frame / 2, System::nanoTime); // room for two such frames
        remember(tail, first);
        remember(tail, op(2, "tab-a", 2, "y".repeat(300)));
        remember(tail, op(3, "tab-b", 1, "z".repeat(300)));
        assertThat(tail.after(0)).extracting(Applied::seq).containsExactly(2L, 3L);
        assertThat(tail.appliedSeq("tab-a", 1)).isNull();
        // a frame bigger than the bound cannot be kept, and the tail may not skip it: nothing before it is kept either
        remember(tail, op(4, "tab-b", 2, "大".repeat(3 * frame)));
        assertThat(tail.oldestSeq(99)).isEqualTo(99);
        assertThat(tail.appliedSeq("tab-b", 1)).isNull();
        remember(tail, op(5, "tab-a", 3, "after the big one"));
        assertThat(tail.oldestSeq(99)).isEqualTo(5);
        assertThat(tail.after(4)).extracting(Applied::seq).containsExactly(5L);
    }

    /**
     * Frames of every length, Chinese and English: after each op the tail holds exactly the newest ops within the
     * count and the byte bound, as they were applied, and knows their cids, as a plain list of them would.
     */
    @Test
    void keptFramesMatchAListOfTheNewestOpsWithinBothBoundsWhateverTheirLengths() {
        var random = new SplittableRandom(7);
        int capacity = 40;
        int maxBytes = 9_000;
        var tail = new ResumeTail(capacity, maxBytes, System::nanoTime);
        var model = new ArrayDeque<Applied>();
        var sizes = new ArrayDeque<Integer>();
        int bytes = 0;
        for (long seq = 1; seq <= 3000; seq++) {
            String words = (random.nextBoolean() ? "排队太久 " : "checkout ").repeat(random.nextInt(1, 60));
            var a = op(seq, "tab-" + random.nextInt(4), seq, words);
            int n = MessageCodec.encode(a).length;
            remember(tail, a);
            model.addLast(a);
            sizes.addLast(n);
            bytes += n;
            while (model.size() > capacity || bytes > maxBytes) {
                model.removeFirst();
                bytes -= sizes.removeFirst();
            }
            assertThat(tail.oldestSeq(-1)).isEqualTo(model.getFirst().seq());
            if (seq % 37 == 0) {
                long from = model.getFirst().seq() - 1 + random.nextInt(model.size() + 1);
                var expected = new ArrayList<Applied>();
                for (Applied m : model) if (m.seq() > from) expected.add(m);
                assertThat(tail.after(from)).as("after %d at seq %d", from, seq).containsExactlyElementsOf(expected);
                Applied some = new ArrayList<>(model).get(random.nextInt(model.size()));
                assertThat(tail.appliedSeq(some.client(), some.cid())).isEqualTo(some.seq());
            }
        }
        assertThat(tail.appliedSeq("tab-0", 1)).isNull();
    }
}
