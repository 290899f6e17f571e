package dev.journeyboard.server.handoff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan.csv}: the action plan, one row per pain point or opportunity (and any other card marked TOP), in
 * plan order. UTF-8 with a byte-order mark, which is what makes Excel read it as UTF-8 (without it Excel on a
 * Chinese Windows takes the file for GBK); RFC 4180: CRLF line ends, fields with commas, quotes or line breaks
 * quoted, quotes doubled. Headers in the document's language.
 *
 * <p>Text a user typed is defused against spreadsheet formula injection: a cell starting with {@code = + - @},
 * a tab or a carriage return gets a leading apostrophe, which Excel and LibreOffice show as text.
 */
public final class CsvWriter {
    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private CsvWriter() {}

    public static List<Words> columns() {
        return List.of(Words.COL_TOP, Words.COL_TYPE, Words.COL_STAGE, Words.COL_TEXT, Words.COL_DEPARTMENT, Words.COL_STATUS,
                Words.COL_DUE, Words.COL_IMPACT, Words.COL_EFFORT, Words.COL_VOTES, Words.COL_SCORE, Words.COL_QUADRANT,
                Words.COL_MEASURE, Words.COL_ADDRESSES, Words.COL_ADDRESSED_BY, Words.COL_ID, Words.COL_COMMENTS);
    }

    public static byte[] write(JourneyModel model) {
        Lang lang = model.lang();
        var sb = new StringBuilder(4096 + model.actions().size() * 200);
        var header = new ArrayList<String>();
        for (Words w : columns()) header.add(w.in(lang));
        row(sb, header, false);
        for (ActionItem a : model.actions()) {
            JourneyCard c = a.card();
            row(sb, List.of(
                    Num.format(c.top()),
                    a.kindLabel(lang),
                    a.stage().label(),
                    c.textOrEmpty(),
                    a.owner() == null ? "" : a.owner(),
                    Words.status(c.status(), lang),
                    c.due() == null ? "" : c.due(),
                    Num.format(c.impact()),
                    Num.format(c.effort()),
                    Integer.toString(c.votes()),
                    Num.format(a.score()),
                    a.quadrant() == null ? "" : a.quadrant().label(lang),
                    a.measureText(model),
                    texts(a.addresses()),
                    texts(a.addressedBy()),
                    c.id(),
                    Integer.toString(model.threads().openOn(c.id()))), true);
        }
        var out = new ByteArrayOutputStream(sb.length() * 2 + 3);
        out.writeBytes(BOM);
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String texts(List<JourneyCard> cards) {
        var parts = new ArrayList<String>();
        for (JourneyCard c : cards) parts.add(Text.oneLine(c.textOrEmpty()));
        return String.join("; ", parts);
    }

    private static void row(StringBuilder sb, List<String> fields, boolean defuse) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            field(sb, fields.get(i), defuse && isUserText(i));
        }
        sb.append("\r\n");
    }

    /** Columns holding what people typed (numbers, dates we wrote and ids are left alone). */
    private static boolean isUserText(int column) {
        return column == 2 || column == 3 || column == 4 || column == 12 || column == 13 || column == 14;
    }

    static void field(StringBuilder sb, String value, boolean defuse) {
        String v = value;
        if (defuse && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '"') sb.append('"');
            sb.append(ch);
        }
        sb.append('"');
    }
}
