package dev.journeyboard.server.voc;

import dev.journeyboard.server.api.Refusal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A decoded feedback CSV as rows to import: the header names the columns ({@code text} required; {@code channel},
 * {@code date}, {@code rating}, {@code touchpoint}; Chinese names too), each data row is checked on its own, and a
 * bad row is reported (its row number, the column, what is wrong) and skipped. A row whose touchpoint names no card
 * is imported all the same, matched by keywords instead, with a warning.
 */
final class FeedbackCsv {
    static final int MAX_CHANNEL = 64;
    static final int MAX_TOUCHPOINT = 64;
    /** Header names per column, compared after NFKC and lower-casing. */
    static final Map<String, List<String>> ALIASES = Map.of(
            "text", List.of("text", "文本", "内容"),
            "channel", List.of("channel", "渠道"),
            "date", List.of("date", "日期"),
            "rating", List.of("rating", "评分"),
            "touchpoint", List.of("touchpoint", "触点"));
    private static final List<String> COLUMNS = List.of("text", "channel", "date", "rating", "touchpoint");
    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T].*)?");

    /** A row that is bad, or a warning about one; {@code column} may be null (the row as a whole). */
    record Issue(int row, String column, String message) {}

    /** A row to import: {@code card} is the card it is tagged with (touchpoint column) or matched to, or null. */
    record Row(int row, String text, String channel, String date, Double rating, String touchpoint, String card, String match) {}

    /** @param rows data rows in the file (blank lines aside) */
    record Parsed(int rows, List<Row> accepted, List<Issue> errors, List<Issue> warnings, String charset) {}

    private FeedbackCsv() {}

    /** @throws Refusal when the file as a whole can't be read (encoding, no text column, too many rows) */
    static Parsed read(byte[] body, String charset, int maxRows, int maxText, Cards cards) {
        CsvText.Decoded decoded = CsvText.decode(body, charset);
        List<CsvRecords.Rec> recs = CsvRecords.parse(decoded.text(), maxRows);
        int[] col = columns(recs.getFirst().fields());
        var accepted = new ArrayList<Row>();
        var errors = new ArrayList<Issue>();
        var warnings = new ArrayList<Issue>();
        for (int r = 1; r < recs.size(); r++) {
            CsvRecords.Rec rec = recs.get(r);
            Row row = row(rec, col, maxText, cards, errors, warnings);
            if (row != null) accepted.add(row);
        }
        return new Parsed(recs.size() - 1, accepted, errors, warnings, decoded.charset());
    }

    /** Column index per {@link #COLUMNS} entry, -1 when absent. */
    private static int[] columns(List<String> header) {
        int[] col = {-1, -1, -1, -1, -1};
        for (int i = 0; i < header.size(); i++) {
            String name = Cards.normalise(header.get(i)).replace("\ufeff", "").strip();
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (col[c] == -1 && ALIASES.get(COLUMNS.get(c)).contains(name)) col[c] = i;
            }
        }
        if (col[0] == -1) {
            throw new Refusal(400, "MISSING_COLUMN", "the header row has no text column (text, 文本 or 内容); it names: "
                    + String.join(", ", header.stream().map(String::strip).toList()));
        }
        return col;
    }

    private static Row row(CsvRecords.Rec rec, int[] col, int maxText, Cards cards, List<Issue> errors, List<Issue> warnings) {
        int line = rec.line();
        String text = cell(rec, col[0]).strip();
        if (text.isEmpty()) return bad(errors, line, "text", "text is empty");
        int len = text.codePointCount(0, text.length());
        if (len > maxText) return bad(errors, line, "text", "text has " + len + " characters; at most " + maxText + " (JB_FEEDBACK_MAX_TEXT)");
        String channel = cell(rec, col[1]).strip();
        if (channel.codePointCount(0, channel.length()) > MAX_CHANNEL) return bad(errors, line, "channel", "channel is longer than " + MAX_CHANNEL + " characters");
        String date = null;
        String d = cell(rec, col[2]).strip();
        if (!d.isEmpty()) {
            date = date(d);
            if (date == null) return bad(errors, line, "date", "date '" + d + "' is not a date like 2026-11-30");
        }
        Double rating = null;
        String rt = cell(rec, col[3]).strip();
        if (!rt.isEmpty()) {
            rating = rating(rt);
            if (rating == null) return bad(errors, line, "rating", "rating '" + rt + "' is not a number from 0 to 10");
        }
        String touchpoint = cell(rec, col[4]).strip();
        if (touchpoint.codePointCount(0, touchpoint.length()) > MAX_TOUCHPOINT) {
            return bad(errors, line, "touchpoint", "touchpoint is longer than " + MAX_TOUCHPOINT + " characters");
        }
        String card = null;
        String match = null;
        if (!touchpoint.isEmpty()) {
            card = cards.resolve(touchpoint);
            if (card != null) match = "touchpoint";
            else warnings.add(new Issue(line, "touchpoint", "touchpoint '" + touchpoint + "' is no card's ext key or id; matched by keywords instead"));
        }
        if (card == null) {
            card = cards.match(Cards.normalise(text));
            if (card != null) match = "keywords";
        }
        return new Row(line, text, channel.isEmpty() ? null : channel, date, rating, touchpoint.isEmpty() ? null : touchpoint, card, match);
    }

    private static Row bad(List<Issue> errors, int line, String column, String message) {
        errors.add(new Issue(line, column, message));
        return null;
    }

    private static String cell(CsvRecords.Rec rec, int i) {
        return i < 0 || i >= rec.fields().size() ? "" : rec.fields().get(i);
    }

    /** {@code 2026-11-30}, {@code 2026/11/30}, {@code 2026.11.30}, {@code 2026年11月30日}, a time after it ignored. */
    static String date(String s) {
        Matcher m = DATE.matcher(Normalizer.normalize(s, Normalizer.Form.NFKC));
        if (!m.matches()) return null;
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A number 0..10, as {@code 4}, {@code 4.5}, {@code ４}, {@code 4分} or {@code 4星}. */
    static Double rating(String s) {
        String v = Normalizer.normalize(s, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("分") || v.endsWith("星")) v = v.substring(0, v.length() - 1).strip();
        if (!v.matches("[0-9]+(\\.[0-9]+)?")) return null;
        double d = Double.parseDouble(v);
        return d <= 10 ? d : null;
    }
}
