package dev.journeyboard.server.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** plan.csv read back with commons-csv (RFC 4180), and plan.md's sections and escaping. */
class HandoffCsvTest {

    private static JourneyModel model(String lang) {
        return JourneyReader.read(Fixtures.title("retail-purchase", lang), Lang.of(lang, null), Fixtures.retailWorkshop(lang));
    }

    private static List<CSVRecord> parse(byte[] csv) throws IOException {
        assertThat(Arrays.copyOf(csv, 3)).as("UTF-8 byte-order mark").containsExactly(0xef, 0xbb, 0xbf);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text).as("no second BOM").doesNotStartWith("\ufeff");
        try (var parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            return parser.getRecords();
        }
    }

    @Test
    void oneRowPerActionItemWithAChineseHeader() throws IOException {
        var m = model("zh");
        var rows = parse(CsvWriter.write(m));
        assertThat(rows.get(0).toList()).containsExactly("TOP", "类型", "阶段", "内容", "负责部门", "状态", "截止日期", "影响", "投入",
                "票数", "优先级分数", "象限", "成功标准", "解决的痛点", "对应的机会点", "卡片 ID", "未解决评论");
        assertThat(rows).hasSize(1 + m.actions().size());
        var top1 = rows.get(1);
        assertThat(top1.toList()).containsExactly("1", "痛点", "购买", "支付方式少，步骤多，购物车放弃率高", "", "", "", "5", "2", "7", "20",
                "速赢", "", "", "增加多种支付方式，简化支付步骤", "pain-purchase-1", "0");
        var opp = rows.stream().filter(r -> r.get(15).equals("opp-purchase-1")).findFirst().orElseThrow();
        assertThat(opp.get(4)).isEqualTo("产品部 / Product");
        assertThat(opp.get(5)).isEqualTo("进行中");
        assertThat(opp.get(6)).isEqualTo("2027-03-31");
        assertThat(opp.get(10)).isEqualTo("17");
        assertThat(opp.get(11)).isEqualTo("重点投入");
        assertThat(opp.get(12)).isEqualTo("CSAT 支付页面: 2 → 4");
        assertThat(opp.get(13)).isEqualTo("支付方式少，步骤多，购物车放弃率高");
    }

    @Test
    void englishHeadersOnAnEnglishBoard() throws IOException {
        var rows = parse(CsvWriter.write(model("en")));
        assertThat(rows.get(0).get(3)).isEqualTo("Item");
        assertThat(rows.get(0).get(11)).isEqualTo("Quadrant");
        assertThat(rows.get(1).get(3)).isEqualTo("Few payment methods and many steps; high cart abandonment");
        assertThat(rows.get(1).get(11)).isEqualTo("Quick wins");
    }

    @Test
    void quotesCommasAndLineBreaksSurviveAndFormulasAreDefused() throws IOException {
        var rows = parse(CsvWriter.write(model("zh")));
        var nasty = rows.stream().filter(r -> r.get(15).equals("opp-nasty")).findFirst().orElseThrow();
        assertThat(nasty.get(3)).as("a leading = would make Excel evaluate it").isEqualTo("'" + Fixtures.NASTY);
        assertThat(nasty.get(4)).isEqualTo("IT <ops> & \"support\"");
        assertThat(nasty.size()).isEqualTo(17);
        String raw = new String(CsvWriter.write(model("zh")), StandardCharsets.UTF_8);
        assertThat(raw).contains("\r\n").contains("\"'=SUM(A1) <b>&\"\"quoted\"\"</b>, line\nbreak | *star* ]]>\"");
    }

    @Test
    void markdownHasTheKeyPointsThePlanByOwnerTheQuadrantsAndTheMissedTargets() {
        String md = new String(MarkdownWriter.write(model("zh"), LocalDate.of(2026, 12, 1)), StandardCharsets.UTF_8);
        assertThat(md).startsWith("# 电商购物旅程\n");
        assertThat(md).contains("## TOP 关键点\n\n1. **支付方式少，步骤多，购物车放弃率高** — 购买 · 痛点 · 优先级分数 20\n"
                + "2. **退换货流程不明确**");
        assertThat(md).contains("### 产品部 / Product\n\n| TOP | 类型 | 阶段 | 内容 |");
        assertThat(md).contains("| 机会点 | 购买 | 增加多种支付方式，简化支付步骤 | 进行中 | 2027-03-31 | 5 | 4 | 6 | 17 | CSAT 支付页面: 2 → 4 |");
        assertThat(md).contains("### 未指定部门");
        assertThat(md).contains("### 速赢 · Quick wins (2)\n\n- **TOP 1** 支付方式少");
        assertThat(md).contains("### 费力不讨好 · Money pits (1)\n\n- 一键退换，上门取件");
        assertThat(md).contains("## 未达目标的指标").contains("| 购买 | 支付页面 | CSAT | 2 | 4 | 2.5 | 412 |");
        // user text is escaped: no HTML, no table cell break, no emphasis
        assertThat(md).contains("=SUM(A1) \\<b\\>\\&\"quoted\"\\</b\\>, line break \\| \\*star\\* \\]\\]\\>");
        assertThat(md).contains("### IT \\<ops\\> \\& \"support\"");
        assertThat(md).doesNotContain("<b>");
    }

    @Test
    void markdownEscapesWhatWouldStartAList() {
        assertThat(MarkdownWriter.inline("- not a list")).isEqualTo("\\- not a list");
        assertThat(MarkdownWriter.inline("1. not a list")).isEqualTo("1\\. not a list");
        assertThat(MarkdownWriter.inline("a_b `c`")).isEqualTo("a\\_b \\`c\\`");
    }
}
