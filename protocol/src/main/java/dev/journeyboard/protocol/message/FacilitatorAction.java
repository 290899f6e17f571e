package dev.journeyboard.protocol.message;

import dev.journeyboard.protocol.board.Role;
import java.util.List;

/**
 * What a facilitator can do to run a session (the {@code action} of a {@code facilitate} message). Only
 * facilitators may send these; anyone else gets FORBIDDEN.
 */
public sealed interface FacilitatorAction {
    /** Wire name, e.g. {@code timer.start}. */
    String name();

    record TimerStart(long durationMs) implements FacilitatorAction {
        public String name() { return "timer.start"; }
    }

    record TimerPause() implements FacilitatorAction {
        public String name() { return "timer.pause"; }
    }

    record TimerResume() implements FacilitatorAction {
        public String name() { return "timer.resume"; }
    }

    /** Adds time to a running or paused timer (a minute from the UI). */
    record TimerAdd(long ms) implements FacilitatorAction {
        public String name() { return "timer.add"; }
    }

    record TimerStop() implements FacilitatorAction {
        public String name() { return "timer.stop"; }
    }

    /** Opens a dot vote on the cards of {@code lanes}, {@code votesPerPerson} dots each. */
    record VoteOpen(List<String> lanes, int votesPerPerson, boolean multiplePerCard) implements FacilitatorAction {
        public String name() { return "vote.open"; }
    }

    /** Closes the vote: totals go onto the cards' {@code votes} and a ranked result goes to everyone. */
    record VoteClose() implements FacilitatorAction {
        public String name() { return "vote.close"; }
    }

    /**
     * Opens an emotion round: each editor and facilitator scores every target -2..+2, secret until the close.
     * Exactly one of {@code stages} and {@code cards} is non-empty (the other is empty); {@code label} may be null.
     */
    record EmotionOpen(List<String> stages, List<String> cards, String label) implements FacilitatorAction {
        public String name() { return "emotion.open"; }
    }

    /** Closes the round: each target's mean, spread and count are appended to its {@code emotionRounds}. */
    record EmotionClose() implements FacilitatorAction {
        public String name() { return "emotion.close"; }
    }

    /** Everyone's viewport follows the facilitator's until they pan away themselves. */
    record Follow(boolean on) implements FacilitatorAction {
        public String name() { return "follow"; }
    }

    /** While on, new cards are seen by their author only; turning it off reveals them to all at once. */
    record PrivateWriting(boolean on) implements FacilitatorAction {
        public String name() { return "private"; }
    }

    /** Only facilitators edit while the board is locked. */
    record LockBoard(boolean locked) implements FacilitatorAction {
        public String name() { return "lock.board"; }
    }

    record HideCursors(boolean hidden) implements FacilitatorAction {
        public String name() { return "cursors.hide"; }
    }

    record SetRole(String participant, Role role) implements FacilitatorAction {
        public String name() { return "participant.role"; }
    }

    /** Gives the participant a department of the board ({@code department} null: none); told to everyone as {@code participant}. */
    record SetDepartment(String participant, String department) implements FacilitatorAction {
        public String name() { return "participant.department"; }
    }

    /** Disconnects the participant; their tab cannot rejoin while the board stays loaded. */
    record Remove(String participant) implements FacilitatorAction {
        public String name() { return "participant.remove"; }
    }

    /** Names the board as it is now (a {@code version} element the server creates): "after workshop 1". */
    record VersionSave(String versionName) implements FacilitatorAction {
        public String name() { return "version.save"; }
    }

    /** Whether viewers may comment (a board setting, kept with the board's metadata). */
    record CommentsViewers(boolean on) implements FacilitatorAction {
        public String name() { return "comments.viewers"; }
    }

    /** New links for every role; old links stop working and their sockets are closed. */
    record RotateLinks() implements FacilitatorAction {
        public String name() { return "links.rotate"; }
    }
}
