package dev.journeyboard.server.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** board.pdf read back with PDFBox: page size, the embedded CJK font, card texts, quadrant names, the plan table. */
class HandoffPdfTest {
    static final CjkFont FONT = new CjkFont(CjkFont.DEFAULT);

    @BeforeAll
    static void fontIsInstalled() {
        assertThat(FONT.installed()).as(CjkFont.DEFAULT + " (Debian fonts-wqy-microhei; .ci/run installs it)").isTrue();
    }

    static String text(PDDocument doc, int from, int to) throws Exception {
        var s = new PDFTextStripper();
        s.setStartPage(from);
        s.setEndPage(to);
        return s.getText(doc);
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void mapThenMatrixThenPlanOnA3LandscapeWithTheFontEmbedded() throws Exception {
        var m = JourneyReader.read(Fixtures.title("retail-purchase", "zh"), Lang.ZH, Fixtures.retailWorkshop("zh"));
        try (var doc = Loader.loadPDF(PdfWriter.write(m, LocalDate.of(2026, 12, 1), FONT))) {
            assertThat(doc.getNumberOfPages()).as("one map page, the matrix, one table page").isEqualTo(3);
            for (var page : doc.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isCloseTo(1190.55f, org.assertj.core.data.Offset.offset(0.5f));
                assertThat(page.getMediaBox().getHeight()).isCloseTo(841.89f, org.assertj.core.data.Offset.offset(0.5f));
            }
            var fonts = new ArrayList<PDFont>();
            for (var name : doc.getPage(0).getResources().getFontNames()) fonts.add(doc.getPage(0).getResources().getFont(name));
            assertThat(fonts).isNotEmpty().allSatisfy(f -> {
                assertThat(f.isEmbedded()).isTrue();
                assertThat(f.getName()).as("a subset of WenQuanYi Micro Hei").matches("[A-Z]{6}\\+WenQuanYi.*");
            });
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("电商购物旅程");

            String map = squash(text(doc, 1, 1));
            assertThat(map).contains("电商购物旅程", "认知", "考虑", "购买", "使用", "忠诚", "痛点", "机会点", "情绪曲线");
            for (JourneyCard c : m.cards().values()) assertThat(map).as(c.id()).contains(squash(c.text()));
            assertThat(map).contains("TOP1", "CSAT2·目标4", "KANOM·必备型");

            String matrix = text(doc, 2, 2);
            assertThat(matrix).contains("速赢 · Quick wins", "重点投入 · Big bets", "顺手做 · Fill-ins", "费力不讨好 · Money pits");
            assertThat(squash(matrix)).contains("TOP1", "尺码表不清楚", "一键退换，上门取件", "基于购买记录的个性化推荐");

            String plan = squash(text(doc, 3, 3));
            assertThat(plan).contains("行动计划", "优先级分数", "增加多种支付方式，简化支付步骤", "产品部/Product", "进行中", "2027-03-31",
                    "CSAT支付页面:2→4", "费力不讨好");
            assertThat(text(doc, 3, 3)).contains("3 / 3");
        }
    }

    @Test
    void anEnglishBoardGetsEnglishHeadingsAndBothQuadrantNames() throws Exception {
        var m = JourneyReader.read(Fixtures.title("airline-trip", "en"), Lang.EN, Fixtures.example("airline-trip", "en"));
        try (var doc = Loader.loadPDF(PdfWriter.write(m, LocalDate.of(2026, 12, 1), FONT))) {
            String all = text(doc, 1, doc.getNumberOfPages());
            assertThat(all).contains("Airline trip journey", "Priority matrix", "Quick wins · 速赢", "Money pits · 费力不讨好", "Action plan");
            assertThat(squash(all)).contains(squash("Late gate-change notices, unclear signs"), "Boarding");
        }
    }

    @Test
    void a2000CardBoardSpreadsOverPagesAndLosesNoCard() throws Exception {
        var els = Fixtures.large(2000);
        var m = JourneyReader.read("大白板", Lang.ZH, els);
        try (var doc = Loader.loadPDF(PdfWriter.write(m, LocalDate.of(2026, 12, 1), FONT))) {
            var layout = MapLayout.of(m, TextMeasure.APPROXIMATE);
            assertThat(doc.getNumberOfPages()).isGreaterThan(10);
            // every card's number shows up on a map page (its text may wrap, the number is the last word)
            int mapPages = 0;
            String page;
            var seen = new HashSet<String>();
            for (int p = 1; !(page = text(doc, p, p)).contains("优先级矩阵"); p++) {
                mapPages++;
                var matcher = java.util.regex.Pattern.compile("购物车 ?(\\d+)|abandoned (\\d+)").matcher(page);
                while (matcher.find()) seen.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
            assertThat(mapPages).isGreaterThan(1);
            // (emotion-lane cards show three lines at most, as in the browser: their numbers may be cut off)
            for (var b : layout.cards) {
                if (b.lane().lane().kind().equals("emotions")) continue;
                assertThat(seen).as("card %s on a map page", b.card().id()).contains(b.card().id().substring(1));
            }
            assertThat(layout.cards).hasSize(2000);
            // the table lists every pain point and opportunity
            String all = text(doc, 1, doc.getNumberOfPages());
            assertThat(all).contains("费力不讨好 · Money pits");
        }
    }

    @Test
    void withoutTheFontThereIsNoPdfRatherThanEmptyBoxes() {
        var m = JourneyReader.read("t", Lang.ZH, Fixtures.example("airline-trip", "zh"));
        var missing = new CjkFont(Path.of("/nonexistent/wqy-microhei.ttc"));
        assertThat(missing.installed()).isFalse();
        assertThatThrownBy(() -> PdfWriter.write(m, LocalDate.of(2026, 12, 1), missing))
                .isInstanceOf(CjkFont.Unavailable.class).hasMessageContaining("fonts-wqy-microhei");
    }

    @Test
    void largeMapsAreTiledAtAReadableScaleWithNoGapsBetweenPages() {
        var small = MapLayout.of(JourneyReader.read("t", Lang.ZH, Fixtures.retailWorkshop("zh")), TextMeasure.APPROXIMATE);
        var one = MapTiles.of(small, PdfWriter.CONTENT_W, PdfWriter.CONTENT_H);
        assertThat(one.tiles).hasSize(1);
        assertThat(one.scale).isBetween(MapTiles.MIN_SCALE, 1.0);

        var big = MapLayout.of(JourneyReader.read("t", Lang.ZH, Fixtures.large(2000)), TextMeasure.APPROXIMATE);
        var tiles = MapTiles.of(big, PdfWriter.CONTENT_W, PdfWriter.CONTENT_H);
        assertThat(tiles.scale).isGreaterThanOrEqualTo(MapTiles.MIN_SCALE);
        assertThat(tiles.tiles.size()).isGreaterThan(1);
        for (var t : tiles.tiles) {
            assertThat((MapLayout.HEADER_W + (t.endStage() - t.firstStage()) * MapLayout.COL_W) * tiles.scale).isLessThanOrEqualTo(PdfWriter.CONTENT_W + 0.01);
            assertThat((MapLayout.HEADER_H + t.y1() - t.y0()) * tiles.scale).isLessThanOrEqualTo(PdfWriter.CONTENT_H + 0.01);
        }
        // each column range is covered top to bottom without a gap
        double y = MapLayout.HEADER_H;
        int first = tiles.tiles.get(0).firstStage();
        for (var t : tiles.tiles) {
            if (t.firstStage() != first) {
                assertThat(y).isEqualTo(big.height);
                first = t.firstStage();
                y = MapLayout.HEADER_H;
            }
            assertThat(t.y0()).isEqualTo(y);
            y = t.y1();
        }
        assertThat(y).isEqualTo(big.height);
        // and every card lies on a page of its stage
        for (var b : big.cards) {
            assertThat(tiles.tiles).as(b.card().id()).anySatisfy(t -> {
                assertThat(b.x() < t.bodyX1() && b.x() + b.w() > t.bodyX0()).isTrue();
                assertThat(b.y() < t.y1() && b.y() + b.h() > t.y0()).isTrue();
            });
        }
    }
}
