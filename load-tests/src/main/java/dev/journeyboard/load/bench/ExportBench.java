package dev.journeyboard.load.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.FractionalIndex;
import dev.journeyboard.server.handoff.CjkFont;
import dev.journeyboard.server.handoff.HandoffFile;
import dev.journeyboard.server.handoff.JourneyReader;
import dev.journeyboard.server.handoff.Lang;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hand-off export of a 2,000-card board, as the export endpoint does it on its worker: read the journey model
 * from the room's elements, then write one document (issue 14: each under 3 s). The board has 8 stages and
 * 10 lanes (an emotion lane among them), pain points and opportunities rated, voted, owned and partly TOP,
 * touchpoints with CSAT / NPS readings and targets, Chinese and English text.
 *
 * <p>{@code java -jar load-tests/target/jb-bench.jar ExportBench -wi 2 -i 3 -f 1} (board.pdf needs
 * fonts-wqy-microhei)
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ExportBench extends Microbench {
    private static final String[] KINDS = {"actions", "touchpoints", "thoughts", "emotions", "painpoints", "opportunities",
            "owners", "metrics", "backstage", "channels"};

    @Param({"plan.csv", "plan.md", "board.svg", "board.pdf"})
    public String file;

    @Param({"2000"})
    public int cards;

    private List<Element> elements;
    private HandoffFile format;
    private final CjkFont font = new CjkFont(CjkFont.DEFAULT);

    @Setup(Level.Trial)
    public void setup() {
        format = HandoffFile.of(file);
        elements = board(cards);
    }

    @Benchmark
    public byte[] export() {
        var model = JourneyReader.read("电商购物旅程 2,000 cards", Lang.ZH, elements);
        return format.render(model, LocalDate.of(2026, 12, 1), font);
    }

    public static List<Element> board(int cards) {
        var els = new ArrayList<Element>();
        String[] si = FractionalIndex.sequence(8);
        for (int s = 0; s < 8; s++) {
            ObjectNode p = N.objectNode();
            p.putObject("labels").put("zh", "阶段 " + (s + 1)).put("en", "Stage " + (s + 1));
            els.add(new Element("s" + s, ElementType.STAGE, null, si[s], p));
        }
        String[] li = FractionalIndex.sequence(KINDS.length);
        for (int l = 0; l < KINDS.length; l++) {
            els.add(new Element("l" + l, ElementType.LANE, null, li[l], N.objectNode().put("kind", KINDS[l]).put("title", KINDS[l])));
        }
        String[] ci = FractionalIndex.sequence(cards);
        for (int c = 0; c < cards; c++) {
            String kind = KINDS[c % KINDS.length];
            ObjectNode p = N.objectNode().put("stage", "s" + (c / KINDS.length) % 8)
                    .put("text", c % 2 == 0 ? "支付方式少，步骤多，购物车放弃率高，用户在最后一步离开 #" + c
                            : "Few payment methods and many steps; customers leave at the last step #" + c);
            switch (kind) {
                case "emotions" -> p.put("emotion", c % 5 - 2);
                case "touchpoints" -> p.put("csat", 1 + c % 5).put("csatTarget", 4).put("csatN", 100 + c).put("nps", c % 200 - 100).put("mot", c % 3 == 0);
                case "painpoints", "opportunities" -> {
                    p.put("impact", 1 + c % 5).put("effort", 1 + (c / 5) % 5).put("votes", c % 7).put("status", "planned")
                            .put("owner", "部门 " + c % 6).put("due", "2027-03-31").put("kano", "must-be");
                    if (c % 97 == 0) p.put("top", 1 + c / 97);
                }
                default -> { }
            }
            els.add(new Element("c" + c, ElementType.CARD, "l" + (c % KINDS.length), ci[c], p));
        }
        return els;
    }
}
