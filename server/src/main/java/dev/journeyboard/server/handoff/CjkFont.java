package dev.journeyboard.server.handoff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The TrueType font board.pdf embeds, for Chinese and Latin text alike: by default Debian's
 * {@code fonts-wqy-microhei} (WenQuanYi Micro Hei, the first face of the collection). Noto CJK can not be used:
 * it is CFF-based OpenType, which PDFBox cannot embed. Only the glyphs a document uses are embedded (a subset).
 *
 * <p>The file is opened per document: a parsed TrueType font reads its file lazily and is not thread-safe,
 * and exports run on several worker threads at once.
 */
public final class CjkFont {
    public static final Path DEFAULT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private final Path path;

    public CjkFont(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Thrown when the font file is missing or unreadable: the server answers 503 rather than print empty boxes. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The font as loaded into one document, with the glyph widths and coverage the layout asks for. */
    final class Loaded implements Closeable, TextMeasure {
        private final Closeable file;
        final PDType0Font font;
        private final CmapLookup cmap;
        private final Map<Integer, Double> widths = new HashMap<>();

        private Loaded(Closeable file, TrueTypeFont ttf, PDDocument doc) throws IOException {
            this.file = file;
            this.cmap = ttf.getUnicodeCmapLookup();
            this.font = PDType0Font.load(doc, ttf, true);
        }

        boolean has(int cp) {
            return cmap.getGlyphId(cp) > 0;
        }

        /** Text the font can draw: characters it lacks become '?', control characters are dropped. */
        String drawable(String s) {
            var sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) continue;
                if (Character.isWhitespace(cp)) cp = ' ';
                sb.appendCodePoint(has(cp) ? cp : '?');
            }
            return sb.toString();
        }

        @Override
        public double em(int cp, boolean bold) {
            return widths.computeIfAbsent(cp, c -> {
                int glyphCp = has(c) ? c : '?';
                try {
                    return font.getStringWidth(new String(Character.toChars(glyphCp))) / 1000.0;
                } catch (IOException | IllegalArgumentException e) {
                    return 1.0;
                }
            });
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /**
     * Opens the font for one document; close it only after the document is saved (the subset is written then).
     *
     * @throws Unavailable when the file is missing or not a font
     */
    Loaded open(PDDocument doc) {
        if (!Files.isReadable(path)) {
            throw new Unavailable("the PDF font " + path + " is not installed (Debian: apt-get install fonts-wqy-microhei)", null);
        }
        try {
            if (path.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
                var collection = new TrueTypeCollection(path.toFile());
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(f -> {
                    if (first[0] == null) first[0] = f;
                });
                if (first[0] == null) throw new IOException("the collection holds no font");
                return new Loaded(collection, first[0], doc);
            }
            var ttf = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(path.toFile()));
            return new Loaded(ttf, ttf, doc);
        } catch (IOException | RuntimeException e) {
            throw new Unavailable("the PDF font " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether a document could be made now: the file is there (what /health-style checks and tests ask). */
    public boolean installed() {
        return Files.isReadable(path);
    }
}
