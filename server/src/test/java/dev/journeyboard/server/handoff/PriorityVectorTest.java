package dev.journeyboard.server.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyboard.protocol.board.ElementCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared priority-score vectors ({@code protocol/src/test/resources/priority/*.json}) against the hand-off
 * reader, the server's one implementation of the score. The web client runs the same files against its own
 * ({@code web/test/priority.test.ts}), so the matrix, the ranking and the plan in the browser give the numbers the
 * exported documents print.
 */
class PriorityVectorTest {
    /** Maven runs a module's tests in the module's folder. */
    private static final Path DIR = Path.of("../protocol/src/test/resources/priority");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void theVectorFolderHoldsVectors() throws IOException {
        // without this the factory below would pass by running nothing
        assertThat(files()).isNotEmpty();
    }

    @TestFactory
    List<DynamicTest> everyCaseScoresAsTheVectorSays() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        for (Path file : files()) {
            JsonNode suite = JSON.readTree(file.toFile());
            for (JsonNode c : suite.get("cases")) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + c.get("name").textValue(), () -> run(c)));
            }
        }
        return tests;
    }

    private static void run(JsonNode c) {
        var model = JourneyReader.read("vectors", Lang.EN, ElementCodec.listFromJson(c.get("elements")));
        for (JsonNode want : c.get("items")) {
            String id = want.get("card").textValue();
            ActionItem item = model.actions().stream().filter(a -> a.card().id().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no action item '" + id + "'"));
            assertThat(item.score()).as(id + " score").isCloseTo(want.get("score").doubleValue(), within(1e-9));
            assertThat(item.gap()).as(id + " gap").isCloseTo(want.get("gap").doubleValue(), within(1e-9));
            String tp = want.get("touchpoint").isNull() ? null : want.get("touchpoint").textValue();
            assertThat(item.touchpoint() == null ? null : item.touchpoint().id()).as(id + " touchpoint").isEqualTo(tp);
            String quadrant = item.quadrant() == null ? null : item.quadrant().name().toLowerCase(Locale.ROOT).replace('_', '-');
            assertThat(quadrant).as(id + " quadrant").isEqualTo(want.get("quadrant").isNull() ? null : want.get("quadrant").textValue());
        }
        if (c.has("order")) {
            var order = new ArrayList<String>();
            c.get("order").forEach(o -> order.add(o.textValue()));
            assertThat(model.actions()).extracting(a -> a.card().id()).containsExactlyElementsOf(order);
        }
    }
}
