package dev.journeyboard.server.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/** Open comment threads in the hand-off: their count per item in plan.csv, the threads with replies in plan.md. */
class HandoffCommentsTest {
    static Element comment(String id, String on, String text, String author, long at, String replyTo, boolean resolved) {
        var p = Fixtures.N.objectNode().put("text", text).put("author", author).put("by", "tab-" + author.length()).put("at", at);
        if (replyTo != null) p.put("replyTo", replyTo);
        if (resolved) p.put("resolved", true);
        return new Element(id, ElementType.COMMENT, on, "V", p);
    }

    static List<Element> board() {
        var els = new ArrayList<>(Fixtures.retailWorkshop("zh"));
        els.add(new Element("n1", ElementType.STICKY, null, "V", Fixtures.N.objectNode().put("x", 0).put("y", 0).put("text", "停车场")));
        els.add(comment("t1", "pain-purchase-1", "能不能先上支付宝？", "李娜", 2000, null, false));
        els.add(comment("r1", "pain-purchase-1", "@产品部 下个迭代可以", "Sam", 3000, "t1", false));
        els.add(comment("t2", "pain-purchase-1", "运费说明*不清楚*", "王磊", 2500, null, false));
        els.add(comment("t3", "pain-purchase-1", "已经解决的", "Ana", 1000, null, true));
        els.add(comment("t4", "n1", "sticky thread", "Ana", 4000, null, false));
        return els;
    }

    @Test
    void planCsvCountsTheOpenThreadsOfEachItem() throws Exception {
        var model = JourneyReader.read("电商购物旅程", Lang.ZH, board());
        String text = new String(CsvWriter.write(model), StandardCharsets.UTF_8).substring(1);
        try (var parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            var rows = parser.getRecords();
            assertThat(rows.get(0).get(16)).isEqualTo("未解决评论");
            var pain = rows.stream().filter(r -> r.get(15).equals("pain-purchase-1")).findFirst().orElseThrow();
            assertThat(pain.get(16)).as("two open threads; the resolved one and the reply do not count").isEqualTo("2");
            var other = rows.stream().filter(r -> r.get(15).equals("opp-purchase-1")).findFirst().orElseThrow();
            assertThat(other.get(16)).isEqualTo("0");
        }
    }

    @Test
    void planMdListsTheOpenThreadsPerItemWithTheirReplies() {
        var model = JourneyReader.read("电商购物旅程", Lang.ZH, board());
        String md = new String(MarkdownWriter.write(model, LocalDate.of(2026, 12, 1)), StandardCharsets.UTF_8);
        assertThat(md).contains("## 未解决的评论\n\n### 支付方式少，步骤多，购物车放弃率高 — 购买 · 痛点\n\n"
                + "- **李娜**: 能不能先上支付宝？\n  - **Sam**: @产品部 下个迭代可以\n- **王磊**: 运费说明\\*不清楚\\*\n\n");
        assertThat(md).contains("### 停车场 — 画布元素\n\n- **Ana**: sticky thread\n");
        assertThat(md).doesNotContain("已经解决的");
        var en = new String(MarkdownWriter.write(JourneyReader.read("Retail", Lang.EN, board()), LocalDate.of(2026, 12, 1)), StandardCharsets.UTF_8);
        assertThat(en).contains("## Open comments\n\n");
    }

    @Test
    void aBoardWithoutOpenThreadsHasNoCommentSection() {
        String md = new String(MarkdownWriter.write(JourneyReader.read("电商购物旅程", Lang.ZH, Fixtures.retailWorkshop("zh")),
                LocalDate.of(2026, 12, 1)), StandardCharsets.UTF_8);
        assertThat(md).doesNotContain("未解决的评论");
    }
}
