package dev.journeyboard.server.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wrapping (CJK per character, Latin per word), file names and number formats. */
class HandoffTextTest {
    /** Every character one em wide: widths are easy to count. */
    private static final TextMeasure MONO = (cp, bold) -> 1.0;

    @Test
    void chineseBreaksBetweenAnyTwoCharacters() {
        assertThat(TextWrap.wrap("支付方式少步骤多", MONO, 10, false, 30, 10)).containsExactly("支付方", "式少步", "骤多");
    }

    @Test
    void latinBreaksAtSpacesAndSplitsWordsLongerThanALine() {
        assertThat(TextWrap.wrap("few pay methods", MONO, 10, false, 80, 10)).containsExactly("few pay", "methods");
        assertThat(TextWrap.wrap("abcdefghij", MONO, 10, false, 40, 10)).containsExactly("abcd", "efgh", "ij");
        assertThat(TextWrap.wrap("line one\nline two", MONO, 10, false, 200, 10)).containsExactly("line one", "line two");
    }

    @Test
    void mixedTextBreaksBeforeAChineseCharacterToo() {
        assertThat(TextWrap.wrap("CSAT很低", MONO, 10, false, 45, 10)).containsExactly("CSAT", "很低");
    }

    @Test
    void textBeyondTheLastLineEndsInAnEllipsis() {
        var lines = TextWrap.wrap("一二三四五六七八九十", MONO, 10, false, 30, 2);
        assertThat(lines).containsExactly("一二三", "四五…");
    }

    @Test
    void fileNamesComeFromTheTitleWithAnAsciiFallback() {
        assertThat(FileNames.contentDisposition("电商购物旅程", "plan.csv")).isEqualTo(
                "attachment; filename=\"journey-board-plan.csv\"; filename*=UTF-8''%E7%94%B5%E5%95%86%E8%B4%AD%E7%89%A9%E6%97%85%E7%A8%8B-plan.csv");
        assertThat(FileNames.contentDisposition("Q4 / \"checkout\" 旅程", "board.pdf")).isEqualTo(
                "attachment; filename=\"Q4 _ _checkout-board.pdf\"; filename*=UTF-8''Q4%20_%20_checkout_%20%E6%97%85%E7%A8%8B-board.pdf");
        assertThat(FileNames.base("..\u0000")).isEqualTo("journey-board");
    }

    @Test
    void numbersHaveNoTrailingZeros() {
        assertThat(Num.format(17.0)).isEqualTo("17");
        assertThat(Num.format(3.8)).isEqualTo("3.8");
        assertThat(Num.format(2.4990000001)).isEqualTo("2.5");
        assertThat(Num.format(-3.0)).isEqualTo("-3");
    }
}
