package dev.journeyboard.protocol.message;

import static dev.journeyboard.protocol.ErrorCode.UNKNOWN_TYPE;
import static dev.journeyboard.protocol.message.JsonFields.NODES;
import static dev.journeyboard.protocol.message.JsonFields.bad;
import static dev.journeyboard.protocol.message.JsonFields.bool;
import static dev.journeyboard.protocol.message.JsonFields.positiveLong;
import static dev.journeyboard.protocol.message.JsonFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import java.util.ArrayList;
import java.util.List;

/** The {@code action} of a {@code facilitate} message, both ways. */
final class FacilitatorActionCodec {
    private static final long MAX_MS = 24L * 3600 * 1000;
    static final int MAX_VERSION_NAME = 100;

    private FacilitatorActionCodec() {}

    static FacilitatorAction decode(JsonNode n) {
        String action = n.path("action").isTextual() ? n.get("action").textValue() : null;
        if (action == null) throw bad("facilitate: needs an 'action'");
        return switch (action) {
            case "timer.start" -> new FacilitatorAction.TimerStart(positiveLong(n, "durationMs", MAX_MS));
            case "timer.pause" -> new FacilitatorAction.TimerPause();
            case "timer.resume" -> new FacilitatorAction.TimerResume();
            case "timer.add" -> new FacilitatorAction.TimerAdd(positiveLong(n, "ms", MAX_MS));
            case "timer.stop" -> new FacilitatorAction.TimerStop();
            case "vote.open" -> {
                JsonNode lanes = n.get("lanes");
                if (lanes == null || !lanes.isArray() || lanes.isEmpty()) throw bad("vote.open: 'lanes' must be a non-empty array of lane ids");
                var ids = new ArrayList<String>();
                for (JsonNode l : lanes) {
                    if (!l.isTextual()) throw bad("vote.open: 'lanes' must hold lane ids");
                    ids.add(l.textValue());
                }
                yield new FacilitatorAction.VoteOpen(List.copyOf(ids), (int) positiveLong(n, "votesPerPerson", 100),
                        n.path("multiplePerCard").asBoolean(false));
            }
            case "vote.close" -> new FacilitatorAction.VoteClose();
            case "follow" -> new FacilitatorAction.Follow(bool(n, "on"));
            case "private" -> new FacilitatorAction.PrivateWriting(bool(n, "on"));
            case "lock.board" -> new FacilitatorAction.LockBoard(bool(n, "locked"));
            case "cursors.hide" -> new FacilitatorAction.HideCursors(bool(n, "hidden"));
            case "participant.role" -> {
                Role role = Role.fromWire(n.path("role").asText(""));
                if (role == null) throw bad("participant.role: 'role' must be facilitator, editor, commenter or viewer");
                yield new FacilitatorAction.SetRole(requiredText(n, "participant"), role);
            }
            case "participant.remove" -> new FacilitatorAction.Remove(requiredText(n, "participant"));
            case "links.rotate" -> new FacilitatorAction.RotateLinks();
            case "version.save" -> {
                String name = n.path("name").isTextual() ? n.get("name").textValue().strip() : "";
                if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_VERSION_NAME) {
                    throw bad("version.save: 'name' must be 1.." + MAX_VERSION_NAME + " characters");
                }
                yield new FacilitatorAction.VersionSave(name);
            }
            case "comments.viewers" -> new FacilitatorAction.CommentsViewers(bool(n, "on"));
            default -> throw new ProtocolException(UNKNOWN_TYPE, "unknown facilitator action '" + action + "'");
        };
    }

    /** The whole {@code facilitate} message carrying {@code a}. */
    static ObjectNode toJson(FacilitatorAction a) {
        ObjectNode o = NODES.objectNode().put("type", "facilitate").put("action", a.name());
        switch (a) {
            case FacilitatorAction.TimerStart t -> o.put("durationMs", t.durationMs());
            case FacilitatorAction.TimerAdd t -> o.put("ms", t.ms());
            case FacilitatorAction.VoteOpen v -> {
                ArrayNode lanes = o.putArray("lanes");
                v.lanes().forEach(lanes::add);
                o.put("votesPerPerson", v.votesPerPerson()).put("multiplePerCard", v.multiplePerCard());
            }
            case FacilitatorAction.Follow f -> o.put("on", f.on());
            case FacilitatorAction.PrivateWriting p -> o.put("on", p.on());
            case FacilitatorAction.LockBoard l -> o.put("locked", l.locked());
            case FacilitatorAction.HideCursors h -> o.put("hidden", h.hidden());
            case FacilitatorAction.SetRole r -> o.put("participant", r.participant()).put("role", r.role().wire());
            case FacilitatorAction.Remove r -> o.put("participant", r.participant());
            case FacilitatorAction.VersionSave v -> o.put("name", v.versionName());
            case FacilitatorAction.CommentsViewers c -> o.put("on", c.on());
            case FacilitatorAction.TimerPause t -> { }
            case FacilitatorAction.TimerResume t -> { }
            case FacilitatorAction.TimerStop t -> { }
            case FacilitatorAction.VoteClose v -> { }
            case FacilitatorAction.RotateLinks r -> { }
        }
        return o;
    }
}
