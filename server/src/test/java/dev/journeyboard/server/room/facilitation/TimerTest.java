package dev.journeyboard.server.room.facilitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.RoomHarness;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server-owned timer over in-memory sockets: every state change reaches everyone as a {@code session}. */
class TimerTest {
    @RegisterExtension
    final RoomHarness room = new RoomHarness();
    final InMemorySocket fac = room.join(Role.FACILITATOR, "主持人", "fac");
    final InMemorySocket ed = room.join(Role.EDITOR, "Editor", "ed");

    private void act(FacilitatorAction a) {
        fac.send(new ClientMessage.Facilitate(a));
    }

    private ServerMessage.Timer timer(Predicate<ServerMessage.Timer> p) {
        return ed.await(ServerMessage.Session.class, s -> p.test(s.timer())).timer();
    }

    private ServerMessage.Error refusal() {
        return fac.await(ServerMessage.Error.class, e -> true);
    }

    @Test
    void startPauseAddResumeAddStop() {
        assertThat(ed.await(ServerMessage.Session.class, s -> true).timer())
                .as("a joiner is told the timer at once").isEqualTo(new ServerMessage.Timer("idle", 0, 0, null));

        long before = System.currentTimeMillis();
        act(new FacilitatorAction.TimerStart(60_000));
        var running = timer(t -> t.state().equals("running"));
        assertThat(running.durationMs()).isEqualTo(60_000);
        assertThat(running.endsAt()).isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
        assertThat(running.remainingMs()).isBetween(1L, 60_000L);

        act(new FacilitatorAction.TimerPause());
        var paused = timer(t -> t.state().equals("paused"));
        assertThat(paused.endsAt()).isNull();
        assertThat(paused.remainingMs()).isBetween(1L, 60_000L);

        act(new FacilitatorAction.TimerAdd(30_000));
        var longer = timer(t -> t.state().equals("paused") && t.durationMs() == 90_000);
        assertThat(longer.remainingMs()).as("a paused timer keeps its time, plus what was added").isEqualTo(paused.remainingMs() + 30_000);

        act(new FacilitatorAction.TimerResume());
        var resumed = timer(t -> t.state().equals("running"));
        assertThat(resumed.remainingMs()).isBetween(1L, longer.remainingMs());

        act(new FacilitatorAction.TimerAdd(60_000));
        var added = timer(t -> t.state().equals("running") && t.durationMs() == 150_000);
        assertThat(added.endsAt()).as("added time moves the end").isEqualTo(resumed.endsAt() + 60_000);

        act(new FacilitatorAction.TimerStop());
        assertThat(timer(t -> t.state().equals("idle")))
                .as("stopped: nothing left, the duration kept for the panel").isEqualTo(new ServerMessage.Timer("idle", 150_000, 0, null));
    }

    @Test
    void everyoneHearsTheEndAndLateJoinersSeeIt() {
        act(new FacilitatorAction.TimerStart(50));
        var ended = timer(t -> t.state().equals("ended"));
        assertThat(ended).isEqualTo(new ServerMessage.Timer("ended", 50, 0, null));
        fac.await(ServerMessage.Session.class, s -> s.timer().state().equals("ended"));
        var late = room.join(Role.VIEWER, "late", "late");
        assertThat(late.await(ServerMessage.Session.class, s -> true).timer().state()).isEqualTo("ended");
    }

    @Test
    void aLateJoinerSeesTheTimeLeftNotTheDuration() {
        act(new FacilitatorAction.TimerStart(60_000));
        var running = timer(t -> t.state().equals("running"));
        var late = room.join(Role.VIEWER, "late", "late").await(ServerMessage.Session.class, s -> true).timer();
        assertThat(late.state()).isEqualTo("running");
        assertThat(late.endsAt()).isEqualTo(running.endsAt());
        assertThat(late.remainingMs()).isBetween(1L, 60_000L);
    }

    @Test
    void actionsThatDoNotFitTheStateAreRefusedAndCounted() {
        long before = room.rejected(ErrorCode.INVALID_VALUE);
        act(new FacilitatorAction.TimerPause());
        assertThat(refusal().message()).isEqualTo("timer.pause: the timer is not running");
        act(new FacilitatorAction.TimerResume());
        assertThat(refusal().message()).isEqualTo("timer.resume: the timer is not paused");
        act(new FacilitatorAction.TimerAdd(60_000));
        assertThat(refusal().message()).isEqualTo("timer.add: no timer is running or paused");
        act(new FacilitatorAction.TimerStart(60_000));
        act(new FacilitatorAction.TimerResume());
        var err = refusal();
        assertThat(err.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(err.message()).isEqualTo("timer.resume: the timer is not paused");
        assertThat(room.rejected(ErrorCode.INVALID_VALUE)).as("each refusal counted once").isEqualTo(before + 4);

        ed.send(new ClientMessage.Facilitate(new FacilitatorAction.TimerStop()));
        var forbidden = ed.await(ServerMessage.Error.class, e -> true);
        assertThat(forbidden.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(forbidden.message()).contains("timer.stop");
        act(new FacilitatorAction.TimerPause());
        assertThat(timer(t -> t.state().equals("paused"))).as("the editor's stop changed nothing").isNotNull();
    }
}
