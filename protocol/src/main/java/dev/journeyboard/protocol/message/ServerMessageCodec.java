package dev.journeyboard.protocol.message;

import static dev.journeyboard.protocol.ErrorCode.UNKNOWN_TYPE;
import static dev.journeyboard.protocol.message.JsonFields.NODES;
import static dev.journeyboard.protocol.message.JsonFields.bad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementCodec;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.op.OpCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Server → client messages: encoding (the server's hot path: a broadcast is encoded once, a welcome's elements
 * once per seq) and decoding for Java clients (tests, load generator), which trust the server's JSON.
 */
final class ServerMessageCodec {
    private static final byte[] BATCH_HEAD = "{\"type\":\"batch\",\"messages\":[".getBytes(StandardCharsets.US_ASCII);

    private ServerMessageCodec() {}

    static ObjectNode toJson(ServerMessage m) {
        ObjectNode o = NODES.objectNode();
        switch (m) {
            case ServerMessage.Welcome w -> welcome(o, w);
            case ServerMessage.Applied a -> {
                o.put("type", "applied").put("seq", a.seq()).put("author", a.author()).put("client", a.client()).put("cid", a.cid());
                o.set("ops", OpCodec.toJson(a.ops()));
                if (a.at() > 0) o.put("at", a.at());
                if (a.name() != null) o.put("name", a.name());
            }
            case ServerMessage.Ack a -> o.put("type", "ack").put("cid", a.cid()).put("duplicate", a.duplicate());
            case ServerMessage.Rejected r -> o.put("type", "rejected").put("cid", r.cid()).put("code", r.code().name()).put("message", r.message());
            case ServerMessage.Error e -> o.put("type", "error").put("code", e.code().name()).put("message", e.message());
            case ServerMessage.Joined j -> o.put("type", "joined").set("participant", toJson(j.participant()));
            case ServerMessage.Left l -> o.put("type", "left").put("id", l.id());
            case ServerMessage.Presence p -> {
                ArrayNode peers = o.put("type", "presence").putArray("peers");
                p.peers().forEach(peers::add);
            }
            case ServerMessage.Session s -> session(o, s);
            case ServerMessage.Votes v -> {
                ObjectNode mine = o.put("type", "votes").putObject("mine");
                v.mine().forEach(mine::put);
                o.put("remaining", v.remaining()).put("cast", v.cast());
            }
            case ServerMessage.VoteResult r -> {
                ArrayNode ranked = o.put("type", "voteResult").putArray("ranked");
                r.ranked().forEach(x -> ranked.addObject().put("card", x.card()).put("votes", x.votes()));
            }
            case ServerMessage.Emotion e -> emotion(o, e);
            case ServerMessage.Batch b -> {
                ArrayNode messages = o.put("type", "batch").putArray("messages");
                b.messages().forEach(m2 -> messages.add(toJson(m2)));
            }
            case ServerMessage.ParticipantChanged p -> o.put("type", "participant").set("participant", toJson(p.participant()));
            case ServerMessage.Links l -> {
                ObjectNode links = o.put("type", "links").putObject("links");
                l.links().forEach(links::put);
                ObjectNode tokens = o.putObject("tokens");
                l.tokens().forEach(tokens::put);
            }
            case ServerMessage.Feedback f -> {
                o.put("type", "feedback").put("seq", f.seq());
                ArrayNode cards = o.putArray("cards");
                f.cards().forEach(cards::add);
                o.put("unmatched", f.unmatched());
            }
        }
        return o;
    }

    private static void welcome(ObjectNode o, ServerMessage.Welcome w) {
        o.put("type", "welcome").put("v", w.v());
        o.putObject("board").put("id", w.board().id()).put("title", w.board().title()).put("template", w.board().template());
        o.set("you", toJson(w.you()));
        ArrayNode ps = o.putArray("participants");
        w.participants().forEach(p -> ps.add(toJson(p)));
        o.put("seq", w.seq());
        if (w.snapshot() != null) {
            ObjectNode s = o.putObject("snapshot").put("seq", w.snapshot().seq());
            s.set("elements", ElementCodec.toJson(w.snapshot().elements()));
        } else {
            o.putNull("snapshot");
        }
        if (w.missed() != null) {
            ArrayNode missed = o.putArray("missed");
            w.missed().forEach(a -> missed.add(toJson(a)));
        } else {
            o.putNull("missed");
        }
        o.putObject("limits").put("maxFrameBytes", w.limits().maxFrameBytes()).put("opsPerSecond", w.limits().opsPerSecond())
                .put("maxElements", w.limits().maxElements()).put("maxTextLength", w.limits().maxTextLength());
        if (w.behind() != null) o.putObject("behind").put("clientSeq", w.behind().clientSeq()).put("serverSeq", w.behind().serverSeq());
    }

    private static void session(ObjectNode o, ServerMessage.Session s) {
        o.put("type", "session");
        ObjectNode t = o.putObject("timer").put("state", s.timer().state()).put("durationMs", s.timer().durationMs())
                .put("remainingMs", s.timer().remainingMs());
        t.put("endsAt", s.timer().endsAt());
        if (s.vote() == null) {
            o.putNull("vote");
        } else {
            ObjectNode v = o.putObject("vote").put("votesPerPerson", s.vote().votesPerPerson()).put("multiplePerCard", s.vote().multiplePerCard());
            ArrayNode lanes = v.putArray("lanes");
            s.vote().lanes().forEach(lanes::add);
        }
        o.put("follow", s.follow()).put("privateWriting", s.privateWriting()).put("boardLocked", s.boardLocked())
                .put("cursorsHidden", s.cursorsHidden()).put("serverTime", s.serverTime()).put("viewersComment", s.viewersComment());
    }

    private static void emotion(ObjectNode o, ServerMessage.Emotion e) {
        o.put("type", "emotion");
        if (e.round() == null) {
            o.putNull("round");
        } else {
            ObjectNode r = o.putObject("round").put("round", e.round().round()).put("label", e.round().label()).put("kind", e.round().kind());
            ArrayNode targets = r.putArray("targets");
            e.round().targets().forEach(targets::add);
        }
        ObjectNode mine = o.putObject("mine");
        e.mine().forEach(mine::put);
        ObjectNode counts = o.putObject("counts");
        e.counts().forEach(counts::put);
        o.put("people", e.people());
    }

    private static ServerMessage.Emotion emotion(JsonNode n) {
        ServerMessage.EmotionRoundInfo round = null;
        JsonNode r = n.path("round");
        if (r.isObject()) {
            var targets = new ArrayList<String>();
            r.path("targets").forEach(t -> targets.add(t.textValue()));
            round = new ServerMessage.EmotionRoundInfo(r.path("round").intValue(), r.path("label").textValue(), r.path("kind").textValue(), targets);
        }
        var mine = new LinkedHashMap<String, Integer>();
        n.path("mine").fields().forEachRemaining(f -> mine.put(f.getKey(), f.getValue().intValue()));
        var counts = new LinkedHashMap<String, Integer>();
        n.path("counts").fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().intValue()));
        return new ServerMessage.Emotion(round, mine, counts, n.path("people").intValue());
    }

    static ObjectNode toJson(Participant p) {
        ObjectNode o = NODES.objectNode().put("id", p.id()).put("name", p.name()).put("color", p.color()).put("role", p.role().wire());
        if (p.department() != null) o.put("department", p.department());
        return o;
    }

    /** A welcome as text, its snapshot's elements replaced by {@code elementsJson} when given. */
    static String welcomeText(ServerMessage.Welcome w, String elementsJson) {
        ObjectNode o = toJson(w);
        if (elementsJson != null) ((ObjectNode) o.get("snapshot")).putRawValue("elements", new RawValue(elementsJson));
        return JsonFields.text(o);
    }

    static String elementsText(Collection<Element> elements) {
        return JsonFields.text(ElementCodec.toJson(elements));
    }

    /** A {@code batch} frame spliced from messages encoded already, without parsing them again. */
    static byte[] batch(List<byte[]> encoded) {
        int size = BATCH_HEAD.length + 2 + Math.max(0, encoded.size() - 1);
        for (byte[] e : encoded) size += e.length;
        byte[] out = new byte[size];
        System.arraycopy(BATCH_HEAD, 0, out, 0, BATCH_HEAD.length);
        int at = BATCH_HEAD.length;
        for (int i = 0; i < encoded.size(); i++) {
            if (i > 0) out[at++] = ',';
            System.arraycopy(encoded.get(i), 0, out, at, encoded.get(i).length);
            at += encoded.get(i).length;
        }
        out[at++] = ']';
        out[at] = '}';
        return out;
    }

    static ServerMessage decode(JsonNode n) {
        String type = JsonFields.type(n);
        return switch (type) {
            case "welcome" -> welcome(n);
            case "applied" -> applied(n);
            case "ack" -> new ServerMessage.Ack(n.path("cid").longValue(), n.path("duplicate").booleanValue());
            case "rejected" -> new ServerMessage.Rejected(n.path("cid").longValue(), ErrorCode.valueOf(n.path("code").textValue()),
                    n.path("message").textValue());
            case "error" -> new ServerMessage.Error(ErrorCode.valueOf(n.path("code").textValue()), n.path("message").textValue());
            case "joined" -> new ServerMessage.Joined(participant(n.get("participant")));
            case "left" -> new ServerMessage.Left(n.path("id").textValue());
            case "presence" -> {
                var peers = new ArrayList<ObjectNode>();
                for (JsonNode p : n.path("peers")) peers.add((ObjectNode) p);
                yield new ServerMessage.Presence(peers);
            }
            case "session" -> session(n);
            case "votes" -> {
                var mine = new LinkedHashMap<String, Integer>();
                n.path("mine").fields().forEachRemaining(f -> mine.put(f.getKey(), f.getValue().intValue()));
                yield new ServerMessage.Votes(mine, n.path("remaining").intValue(), n.path("cast").intValue());
            }
            case "voteResult" -> {
                var ranked = new ArrayList<ServerMessage.Ranked>();
                n.path("ranked").forEach(r -> ranked.add(new ServerMessage.Ranked(r.path("card").textValue(), r.path("votes").intValue())));
                yield new ServerMessage.VoteResult(ranked);
            }
            case "participant" -> new ServerMessage.ParticipantChanged(participant(n.get("participant")));
            case "emotion" -> emotion(n);
            case "batch" -> {
                var messages = new ArrayList<ServerMessage>();
                for (JsonNode m : n.path("messages")) messages.add(decode(JsonFields.requireObject(m)));
                yield new ServerMessage.Batch(messages);
            }
            case "links" -> {
                var links = new LinkedHashMap<String, String>();
                n.path("links").fields().forEachRemaining(f -> links.put(f.getKey(), f.getValue().textValue()));
                var tokens = new LinkedHashMap<String, String>();
                n.path("tokens").fields().forEachRemaining(f -> tokens.put(f.getKey(), f.getValue().textValue()));
                yield new ServerMessage.Links(links, tokens);
            }
            case "feedback" -> {
                var cards = new ArrayList<String>();
                n.path("cards").forEach(c -> cards.add(c.textValue()));
                yield new ServerMessage.Feedback(n.path("seq").longValue(), cards, n.path("unmatched").intValue());
            }
            default -> throw new ProtocolException(UNKNOWN_TYPE, "unknown message type '" + type + "'");
        };
    }

    private static ServerMessage.Welcome welcome(JsonNode n) {
        JsonNode b = n.get("board");
        JsonNode s = n.get("snapshot");
        List<ServerMessage.Applied> missed = null;
        if (n.hasNonNull("missed")) {
            missed = new ArrayList<>();
            for (JsonNode a : n.get("missed")) missed.add(applied(a));
        }
        var participants = new ArrayList<Participant>();
        for (JsonNode p : n.path("participants")) participants.add(participant(p));
        JsonNode l = n.path("limits");
        return new ServerMessage.Welcome(n.path("v").intValue(),
                new ServerMessage.BoardInfo(b.path("id").textValue(), b.path("title").textValue(), b.path("template").textValue()),
                participant(n.get("you")), participants, n.path("seq").longValue(),
                s == null || s.isNull() ? null : new ServerMessage.Snapshot(s.path("seq").longValue(), ElementCodec.listFromJson(s.get("elements"))),
                missed,
                new ServerMessage.LimitsInfo(l.path("maxFrameBytes").intValue(), l.path("opsPerSecond").intValue(),
                        l.path("maxElements").intValue(), l.path("maxTextLength").intValue()),
                n.hasNonNull("behind") ? new ServerMessage.Behind(n.get("behind").path("clientSeq").longValue(),
                        n.get("behind").path("serverSeq").longValue()) : null);
    }

    private static ServerMessage.Session session(JsonNode n) {
        JsonNode t = n.path("timer");
        JsonNode v = n.path("vote");
        ServerMessage.VoteInfo vote = null;
        if (v.isObject()) {
            var lanes = new ArrayList<String>();
            v.path("lanes").forEach(l -> lanes.add(l.textValue()));
            vote = new ServerMessage.VoteInfo(lanes, v.path("votesPerPerson").intValue(), v.path("multiplePerCard").booleanValue());
        }
        return new ServerMessage.Session(new ServerMessage.Timer(t.path("state").textValue(), t.path("durationMs").longValue(),
                t.path("remainingMs").longValue(), t.path("endsAt").isNumber() ? t.get("endsAt").longValue() : null),
                vote, n.path("follow").textValue(), n.path("privateWriting").booleanValue(), n.path("boardLocked").booleanValue(),
                n.path("cursorsHidden").booleanValue(), n.path("serverTime").longValue(), n.path("viewersComment").booleanValue());
    }

    static ServerMessage.Applied applied(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("seq").canConvertToLong()) throw bad("applied: bad record");
        return new ServerMessage.Applied(n.path("seq").longValue(), n.path("author").textValue(), n.path("client").textValue(),
                n.path("cid").longValue(), OpCodec.parseList(n.get("ops")), n.path("at").asLong(0), n.path("name").textValue());
    }

    private static Participant participant(JsonNode p) {
        return new Participant(p.path("id").textValue(), p.path("name").textValue(), p.path("color").textValue(),
                Role.fromWire(p.path("role").textValue()), p.path("department").isTextual() ? p.get("department").textValue() : null);
    }
}
