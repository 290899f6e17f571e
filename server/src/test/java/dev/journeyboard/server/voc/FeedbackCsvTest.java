package dev.journeyboard.server.voc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.server.api.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading feedback files: delimiters, header names, cell formats, keyword matching. */
class FeedbackCsvTest {
    static Cards cards() {
        var f = JsonNodeFactory.instance;
        var pay = f.objectNode().put("stage", "s").put("ext", "checkout-page");
        pay.putArray("keywords").add("支付").add("Payment");
        var ship = f.objectNode().put("stage", "s");
        ship.putArray("keywords").add("物流").add("快递");
        var secret = f.objectNode().put("stage", "s").put("private", "someone");
        secret.putArray("keywords").add("支付");
        return Cards.of(Document.of(List.of(new Element("pay", ElementType.CARD, "l", "a", pay),
                new Element("ship", ElementType.CARD, "l", "b", ship), new Element("draft", ElementType.CARD, "l", "c", secret))));
    }

    static FeedbackCsv.Parsed read(String csv) {
        return FeedbackCsv.read(csv.getBytes(StandardCharsets.UTF_8), null, 100, 100, cards());
    }

    @Test
    void semicolonsAndTabsAreDelimitersWhenTheHeaderUsesThem() {
        assertThat(read("内容;评分\n快递很快;5\n").accepted().getFirst().rating()).isEqualTo(5.0);
        assertThat(read("Text\tRating\n\"tab, with comma\"\t3\n").accepted().getFirst().text()).isEqualTo("tab, with comma");
    }

    @Test
    void cellsAreReadLeniently() {
        var p = read("文本,日期,评分\na,2026/1/5,4分\nb,2026年1月6日 10:20,４\nc,2026-01-07T08:00:00,3.5星\n");
        assertThat(p.accepted()).extracting(FeedbackCsv.Row::date).containsExactly("2026-01-05", "2026-01-06", "2026-01-07");
        assertThat(p.accepted()).extracting(FeedbackCsv.Row::rating).containsExactly(4.0, 4.0, 3.5);
    }

    @Test
    void keywordsMatchAsSubstringsIgnoringCaseAndWidthAndTiesStayUnmatched() {
        var p = read("text\n我用ＰＡＹＭＥＮＴ付不了\n物流慢，快递员态度差\n支付完了等快递\n无关内容\n");
        assertThat(p.accepted()).extracting(FeedbackCsv.Row::card).containsExactly("pay", "ship", null, null);
        assertThat(p.accepted().get(1).match()).isEqualTo("keywords");
    }

    @Test
    void aPrivateCardIsNeitherMatchedNorNamed() {
        var p = read("text,touchpoint\n只说支付,draft\n");
        assertThat(p.accepted().getFirst().card()).isEqualTo("pay");
        assertThat(p.warnings()).hasSize(1);
    }

    @Test
    void aDuplicateHeaderColumnUsesTheFirstAndUnknownColumnsAreIgnored() {
        var p = read("score,text,文本\n5,first,second\n");
        assertThat(p.accepted().getFirst().text()).isEqualTo("first");
    }

    @Test
    void onlyBlankLinesIsNoHeader() {
        assertThatThrownBy(() -> read("\n ,  \n\n")).isInstanceOf(Refusal.class).hasMessage("the file has no header row");
    }

    @Test
    void manyControlCharactersMeanBinary() {
        byte[] junk = new byte[4000];
        for (int i = 0; i < junk.length; i++) junk[i] = (byte) (1 + i % 8);
        assertThatThrownBy(() -> FeedbackCsv.read(junk, null, 100, 100, cards())).isInstanceOf(Refusal.class)
                .hasMessageContaining("control characters");
    }
}
