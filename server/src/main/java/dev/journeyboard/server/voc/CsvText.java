package dev.journeyboard.server.voc;

import dev.journeyboard.server.api.Refusal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The bytes of an uploaded CSV as text. Chinese survey tools and Excel export UTF-8 (often with a byte-order mark)
 * or GB18030/GBK, so: a {@code charset=} parameter decides when given; otherwise a UTF-8 BOM, or bytes that are
 * valid UTF-8, mean UTF-8, and anything else is read as GB18030 (a superset of GBK and GB2312). Decoding is strict:
 * a byte sequence that is valid in neither is refused rather than turned into replacement characters. What is
 * not text at all (a workbook, a PDF, a zero byte, UTF-16) is refused with a message saying what it looks like.
 */
final class CsvText {
    static final Charset GB18030 = Charset.forName("GB18030");

    /** @param charset the encoding used, as the answer names it ({@code UTF-8}, {@code GB18030}) */
    record Decoded(String text, String charset) {}

    private CsvText() {}

    /** A file that can't be read as CSV text (400 {@code BAD_CSV}): its encoding, its bytes, its quoting. */
    static Refusal badCsv(String message) {
        return new Refusal(400, "BAD_CSV", message);
    }

    static Decoded decode(byte[] b, String charsetParam) {
        if (b.length == 0) throw badCsv("the file is empty");
        String kind = binaryKind(b);
        if (kind != null) throw badCsv("this is not a CSV text file: it looks like " + kind);
        int bom = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        Charset cs = charsetParam == null ? null : named(charsetParam);
        String text;
        if (cs == StandardCharsets.UTF_8 || (cs == null && bom == 3)) {
            text = strict(b, bom, StandardCharsets.UTF_8);
            if (text == null) throw badCsv("the file is not valid UTF-8 text" + (cs != null ? " (charset=" + charsetParam + ")" : ""));
        } else if (cs == GB18030) {
            text = strict(b, 0, GB18030);
            if (text == null) throw badCsv("the file is not valid GB18030/GBK text (charset=" + charsetParam + ")");
        } else {
            text = strict(b, 0, StandardCharsets.UTF_8);
            cs = StandardCharsets.UTF_8;
            if (text == null) {
                text = strict(b, 0, GB18030);
                cs = GB18030;
            }
            if (text == null) throw badCsv("the file is neither UTF-8 nor GB18030/GBK text");
        }
        return new Decoded(clean(text), cs == GB18030 ? "GB18030" : "UTF-8");
    }

    private static Charset named(String param) {
        String p = param.strip().toLowerCase(Locale.ROOT).replace("\"", "");
        return switch (p) {
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "gb18030", "gbk", "gb2312", "cp936", "x-gbk", "windows-936" -> GB18030;
            default -> throw badCsv("charset '" + param + "' is not supported; send UTF-8 or GB18030 (GBK)");
        };
    }

    /** What the bytes look like when they are clearly not CSV text, else null. */
    private static String binaryKind(byte[] b) {
        if (starts(b, 0x50, 0x4B, 0x03, 0x04)) return "an Excel workbook (.xlsx) or another zip file; save it as CSV (UTF-8) first";
        if (starts(b, 0xD0, 0xCF, 0x11, 0xE0)) return "an old Excel workbook (.xls); save it as CSV (UTF-8) first";
        if (starts(b, 0x25, 0x50, 0x44, 0x46)) return "a PDF document";
        if (starts(b, 0xFF, 0xFE) || starts(b, 0xFE, 0xFF)) return "UTF-16 text (Excel's \"Unicode text\"); save it as CSV UTF-8";
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) return "binary data (a zero byte at offset " + i + ")";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xff) != prefix[i]) return false;
        return true;
    }

    private static String strict(byte[] b, int offset, Charset cs) {
        try {
            CharBuffer out = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, offset, b.length - offset));
            return out.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Drops a DOS end-of-file mark; other control characters (but tab and line breaks) become spaces, unless there
     * are so many that the "text" is surely binary data that happened to decode.
     */
    private static String clean(String text) {
        if (text.endsWith("\u001a")) text = text.substring(0, text.length() - 1);
        int controls = 0;
        for (int i = 0; i < text.length(); i++) if (isControl(text.charAt(i))) controls++;
        if (controls == 0) return text;
        if (controls > Math.max(8, text.length() / 1000)) {
            throw badCsv("this is not a CSV text file: it holds " + controls + " control characters");
        }
        var sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) sb.append(isControl(text.charAt(i)) ? ' ' : text.charAt(i));
        return sb.toString();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }
}
