package dev.journeyboard.server.handoff;

import java.util.ArrayList;
import java.util.List;

/**
 * Line breaking as the web client does it (web/src/render/text.ts): CJK text may break between any two
 * characters, Latin text at spaces, and a word longer than the line is split. Text past {@code maxLines} is cut
 * and the last line ends in an ellipsis.
 */
public final class TextWrap {
    private TextWrap() {}

    public static List<String> wrap(String text, TextMeasure m, double size, boolean bold, double maxWidth, int maxLines) {
        var out = new ArrayList<String>();
        for (String para : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            var line = new StringBuilder();
            double lineW = 0;
            int breakAt = 0; // length of line up to the last allowed break
            double breakW = 0; // width of line up to breakAt
            for (int i = 0; i < para.length(); ) {
                int ch = para.codePointAt(i);
                i += Character.charCount(ch);
                if (ch == '\t') ch = ' ';
                double cw = m.em(ch, bold) * size;
                boolean cjk = Lang.isCjk(ch);
                boolean space = ch == ' ';
                if (cjk && !line.isEmpty()) {
                    breakAt = line.length();
                    breakW = lineW;
                }
                if (lineW + cw > maxWidth && !line.isEmpty()) {
                    if (space) {
                        out.add(line.toString().stripTrailing());
                        line.setLength(0);
                        lineW = 0;
                        breakAt = 0;
                        breakW = 0;
                        continue;
                    }
                    if (breakAt > 0) {
                        out.add(line.substring(0, breakAt).stripTrailing());
                        line.delete(0, breakAt);
                        lineW -= breakW;
                    } else {
                        out.add(line.toString());
                        line.setLength(0);
                        lineW = 0;
                    }
                    breakAt = 0;
                    breakW = 0;
                    if (out.size() > maxLines) break;
                }
                if (space && line.isEmpty() && !out.isEmpty()) continue; // no leading space on a wrapped line
                line.appendCodePoint(ch);
                lineW += cw;
                if (space || cjk) {
                    breakAt = line.length();
                    breakW = lineW;
                }
            }
            out.add(line.toString().stripTrailing());
            if (out.size() > maxLines) break;
        }
        if (out.size() > maxLines) {
            var cut = new ArrayList<>(out.subList(0, maxLines));
            String last = cut.get(maxLines - 1);
            while (!last.isEmpty() && m.width(last + "…", size, bold) > maxWidth) {
                last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
            }
            cut.set(maxLines - 1, last + "…");
            return cut;
        }
        return out;
    }
}
