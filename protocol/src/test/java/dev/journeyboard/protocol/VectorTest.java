package dev.journeyboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.ElementCodec;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.op.OpCodec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the shared JSON vectors (also run by the web client's Vitest suite) against {@link Document}. A step may
 * name its actor: {@code role} (default facilitator), {@code client} (default vector-client), {@code boardLocked}
 * (default false), {@code department} (default null), {@code server} (default false: the server's own edit) and
 * {@code viewersComment} (default false: the board lets viewers comment).
 * A rejection may name its exact {@code message} besides its {@code error} code.
 */
class VectorTest {

    @TestFactory
    Stream<DynamicTest> vectors() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/vectors").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                JsonNode suite = MessageCodec.json().readTree(file.toFile());
                for (JsonNode c : suite.get("cases")) {
                    tests.add(DynamicTest.dynamicTest(suite.get("name").textValue() + ": " + c.get("name").textValue(), () -> run(c)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }

    private static void run(JsonNode c) {
        Document doc = Document.of(ElementCodec.listFromJson(c.get("initial")));
        for (JsonNode step : c.get("steps")) {
            var ops = OpCodec.parseList(step.get("ops"));
            Actor actor = actor(step);
            JsonNode expect = step.get("expect");
            if (expect.isTextual()) {
                doc.apply(ops, actor, Limits.DEFAULT);
            } else {
                Document before = doc.copy();
                assertThatThrownBy(() -> doc.apply(ops, actor, Limits.DEFAULT))
                        .isInstanceOfSatisfying(ProtocolException.class, e -> {
                            assertThat(e.code().name()).as(e.getMessage()).isEqualTo(expect.get("error").textValue());
                            if (expect.has("message")) assertThat(e.getMessage()).isEqualTo(expect.get("message").textValue());
                        });
                assertThat(doc).as("a rejected step leaves the document unchanged").isEqualTo(before);
            }
        }
        assertThat(doc).isEqualTo(Document.of(ElementCodec.listFromJson(c.get("final"))));
    }

    private static Actor actor(JsonNode step) {
        Role role = Role.fromWire(step.path("role").asText("facilitator"));
        assertThat(role).as("step role " + step.get("role")).isNotNull();
        if (step.path("server").asBoolean(false)) return Actor.SERVER;
        JsonNode dept = step.path("department");
        return Actor.member(role, step.path("client").asText("vector-client"), step.path("boardLocked").asBoolean(false),
                dept.isTextual() ? dept.textValue() : null, step.path("viewersComment").asBoolean(false));
    }
}
