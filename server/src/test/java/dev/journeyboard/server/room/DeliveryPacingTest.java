package dev.journeyboard.server.room;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.RoomHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A big board's deliveries to others are spaced (DeliveryPacing), so its edits share frames, while its appends run
 * back to back and each sender gets its ack from its own append; a workshop's deliveries are not spaced.
 */
class DeliveryPacingTest {
    @RegisterExtension
    final RoomHarness room = new RoomHarness();

    @Test
    void theIntervalGrowsWithTheBoardFromNothingAtThirtyPeople() {
        assertThat(DeliveryPacing.intervalNanos(1, DeliveryPacing.DEFAULT_MICROS)).isZero();
        assertThat(DeliveryPacing.intervalNanos(30, DeliveryPacing.DEFAULT_MICROS)).isZero();
        assertThat(DeliveryPacing.intervalNanos(31, DeliveryPacing.DEFAULT_MICROS)).isEqualTo(TimeUnit.MICROSECONDS.toNanos(1550));
        assertThat(DeliveryPacing.intervalNanos(100, DeliveryPacing.DEFAULT_MICROS)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(DeliveryPacing.intervalNanos(200, DeliveryPacing.DEFAULT_MICROS)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(DeliveryPacing.intervalNanos(400, DeliveryPacing.DEFAULT_MICROS)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(DeliveryPacing.intervalNanos(5000, DeliveryPacing.DEFAULT_MICROS)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(DeliveryPacing.intervalNanos(200, 0)).isZero();
    }

    @Test
    void theSettingDefaultsToFiftyMicrosecondsAndRefusesWhatIsOutOfRange() {
        assertThat(ServerConfig.from(Map.of(), new String[0]).appendPacingMicros()).isEqualTo(DeliveryPacing.DEFAULT_MICROS);
        assertThat(ServerConfig.from(Map.of("JB_APPEND_PACING", "0"), new String[0]).appendPacingMicros()).isZero();
        assertThatThrownBy(() -> ServerConfig.from(Map.of("JB_APPEND_PACING", "-1"), new String[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--append-pacing");
        assertThatThrownBy(() -> ServerConfig.from(Map.of(), new String[] {"--append-pacing", "5000"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--append-pacing");
    }

    @Test
    void aBigBoardsDeliveriesAreSpacedYetEverySeqArrivesOnceInOrderAndEverySenderGetsItsAck() throws InterruptedException {
        // 200 µs a participant: 20 ms between deliveries at 100 people, so that appends outnumber frames on any disk
        // whose fsync takes less than about 10 ms (this harness fsyncs for real; at the default 5 ms a slow disk
        // could make both counts equal without any fault)
        try (var spaced = new RoomHarness(Map.of("JB_APPEND_PACING", "200"))) {
            long appendsBefore = spaced.stats().appendCount.get();
            int edits = 40;
            int opFrames = hundredPeopleEditEveryMillisecond(spaced, edits, 200);
            // appends are not spaced: edits a millisecond apart take more appends than spaced deliveries take frames
            long appends = spaced.stats().appendCount.get() - appendsBefore;
            assertThat(appends).as("appends").isGreaterThan(opFrames);
            long cards = spaced.read(doc -> doc.elements().stream().filter(e -> e.id().startsWith("c")).count());
            assertThat(cards).isEqualTo(edits);
        }
    }

    @Test
    void atTheDefaultSpacingTooABigBoardsEditsShareFrames() throws InterruptedException {
        hundredPeopleEditEveryMillisecond(room, 40, DeliveryPacing.DEFAULT_MICROS);
    }

    @Test
    void inEarlyBroadcastTooABigBoardsDeliveriesAreSpacedYetEverySeqArrivesOnceInOrderAndEverySenderGetsItsAck()
            throws InterruptedException {
        try (var early = new RoomHarness(Map.of("JB_EARLY_BROADCAST", "true"))) {
            hundredPeopleEditEveryMillisecond(early, 40, DeliveryPacing.DEFAULT_MICROS);
        }
    }

    @Test
    void aWorkshopsEditsGoToEveryoneAsSoonAsTheyAreDurable() throws InterruptedException {
        var people = new ArrayList<InMemorySocket>();
        for (int i = 0; i < 30; i++) people.add(room.join(Role.EDITOR, "P" + i, "p" + i));
        InMemorySocket watcher = people.getFirst();
        int framesBefore = watcher.frames().size();
        long appendsBefore = room.stats().appendCount.get();
        int edits = 20;
        for (int i = 0; i < edits; i++) {
            people.get(i + 1).send(msg(1, card("c" + i, "pain", "use", "卡片 " + i)));
            String client = "p" + (i + 1);
            watcher.await(ServerMessage.Applied.class, a -> a.client().equals(client) && a.cid() == 1);
        }
        // one at a time, each waited for: every append is its own frame to everyone (no spacing up to 30 people)
        assertThat(room.stats().appendCount.get() - appendsBefore).isEqualTo(edits);
        assertThat(appliedSeqs(watcher.frames().subList(framesBefore, watcher.frames().size())))
                .isEqualTo(LongStream.rangeClosed(1, edits).boxed().toList());
    }

    /**
     * 100 people on one board, 40 of them each sending a card a millisecond apart: the watcher (who sends nothing)
     * gets every seq once and in order, in at most as many frames as spaced deliveries allow, and every sender gets
     * its ack. @return the watcher's frames holding ops
     */
    private static int hundredPeopleEditEveryMillisecond(RoomHarness room, int edits, int micros) throws InterruptedException {
        var people = new ArrayList<InMemorySocket>();
        for (int i = 0; i < 100; i++) people.add(room.join(Role.EDITOR, "P" + i, "p" + i));
        InMemorySocket watcher = people.getFirst();
        int framesBefore = watcher.frames().size();
        long started = System.nanoTime();
        for (int i = 0; i < edits; i++) {
            people.get(i + 1).send(msg(1, card("c" + i, "pain", "use", "卡片 " + i)));
            Thread.sleep(1);
        }
        long sending = System.nanoTime() - started;
        for (int i = 0; i < edits; i++) {
            String client = "p" + (i + 1);
            watcher.await(ServerMessage.Applied.class, a -> a.client().equals(client) && a.cid() == 1);
            people.get(i + 1).await(ServerMessage.Applied.class, a -> a.client().equals(client) && a.cid() == 1);
        }
        var frames = watcher.frames().subList(framesBefore, watcher.frames().size());
        int opFrames = 0;
        for (String f : frames) if (!appliedSeqs(List.of(f)).isEmpty()) opFrames++;
        // deliveries start at least an interval apart (5 ms at 100 people by default): while the edits were sent there can be only this many,
        // and what was left goes out in the one delivery after (a slow machine makes the bound looser, never wrong)
        long bound = sending / DeliveryPacing.intervalNanos(100, micros) + 2;
        assertThat(opFrames).isPositive().isLessThanOrEqualTo((int) bound).isLessThan(edits);
        assertThat(appliedSeqs(frames)).as("every seq once, in order").isEqualTo(LongStream.rangeClosed(1, edits).boxed().toList());
        return opFrames;
    }

    /** The seqs of the applied messages in {@code frames}, in the order they came. */
    private static List<Long> appliedSeqs(List<String> frames) {
        var seqs = new ArrayList<Long>();
        for (String f : frames) {
            var m = MessageCodec.decodeServer(f);
            for (var x : m instanceof ServerMessage.Batch b ? b.messages() : List.of(m)) {
                if (x instanceof ServerMessage.Applied a) seqs.add(a.seq());
            }
        }
        return seqs;
    }
}
