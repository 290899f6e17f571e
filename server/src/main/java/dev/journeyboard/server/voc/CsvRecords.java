package dev.journeyboard.server.voc;

import dev.journeyboard.server.api.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records out of CSV text: fields separated by the delimiter the header row uses most (comma, semicolon
 * or tab: Excel writes semicolons in some locales), optionally in double quotes ({@code ""} inside is one quote;
 * quoted fields may hold delimiters and line breaks), records ending at CRLF, LF or CR. A quote inside an unquoted
 * field is kept as it is. Blank records (every field empty) are no rows. Each record knows the line it starts on,
 * which is the row number a spreadsheet shows (the header is row 1) as long as no cell holds a line break.
 */
final class CsvRecords {
    /** @param line the 1-based line the record starts on */
    record Rec(int line, List<String> fields) {}

    private CsvRecords() {}

    /**
     * The header record and up to {@code maxRows} data records.
     *
     * @throws Refusal BAD_CSV (no header, an unclosed quote), TOO_LARGE (more than {@code maxRows} rows)
     */
    static List<Rec> parse(String text, int maxRows) {
        char delim = delimiter(text);
        var out = new ArrayList<Rec>();
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        boolean quoted = false;
        boolean atFieldStart = true;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) line++;
                    field.append(c);
                }
                continue;
            }
            if (c == '"' && atFieldStart) {
                quoted = true;
                quoteLine = line;
                atFieldStart = false;
            } else if (c == delim) {
                fields.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                fields.add(field.toString());
                field.setLength(0);
                add(out, recordLine, fields, maxRows);
                fields = new ArrayList<>();
                atFieldStart = true;
                line++;
                recordLine = line;
            } else {
                field.append(c);
                atFieldStart = false;
            }
        }
        if (quoted) throw CsvText.badCsv("a quoted field opened on row " + quoteLine + " is never closed (a missing \")");
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            add(out, recordLine, fields, maxRows);
        }
        if (out.isEmpty()) throw CsvText.badCsv("the file has no header row");
        return out;
    }

    private static void add(List<Rec> out, int line, List<String> fields, int maxRows) {
        boolean blank = true;
        for (String f : fields) {
            if (!f.isBlank()) {
                blank = false;
                break;
            }
        }
        if (blank) return;
        if (out.size() > maxRows) { // the header plus maxRows data rows are in already
            throw new Refusal(413, "TOO_LARGE", "the file has more than " + maxRows + " rows (JB_FEEDBACK_MAX_ROWS); split it");
        }
        out.add(new Rec(line, List.copyOf(fields)));
    }

    /** The delimiter the first line uses most, outside quotes; comma when none. */
    static char delimiter(String text) {
        int commas = 0, semis = 0, tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semis++;
            else if (!quoted && c == '\t') tabs++;
        }
        if (tabs > commas && tabs >= semis) return '\t';
        if (semis > commas) return ';';
        return ',';
    }
}
