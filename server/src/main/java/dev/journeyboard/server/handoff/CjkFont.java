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
 * <p>Parsing the font (its character maps above all) costs more than laying out a large map, so each thread keeps
 * its parsed font: a parsed TrueType font reads its file lazily and is not thread-safe, and exports run on two
 * render threads at once. PDFBox leaves a font loaded this way open when a document closes, so one parsed font
 * serves one document after another.
 */
public final class CjkFont {
    public static final Path DEFAULT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private final Path path;
    private final ThreadLocal<Parsed> parsed = new ThreadLocal<>();

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

    /** One thread's parsed font, kept open, with the glyph widths and coverage looked up so far. */
    private record Parsed(Closeable file, TrueTypeFont ttf, CmapLookup cmap, float unitsPerEm, Map<Integer, Double> widths) {}

    /** The font as loaded into one document, with the glyph widths and coverage the layout asks for. */
    final class Loaded implements Closeable, TextMeasure {
        final PDType0Font font;
        private final Parsed p;

        private Loaded(Parsed p, PDDocument doc) throws IOException {
            this.p = p;
            this.font = PDType0Font.load(doc, p.ttf(), true);
        }

        boolean has(int cp) {
            return p.cmap().getGlyphId(cp) > 0;
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
            return p.widths().computeIfAbsent(cp, c -> {
                int gid = p.cmap().getGlyphId(c);
                if (gid <= 0) gid = p.cmap().getGlyphId('?');
                try {
                    return p.ttf().getAdvanceWidth(gid) / (double) p.unitsPerEm();
                } catch (IOException e) {
                    return 1.0;
                }
            });
        }

        /** The parsed font stays with its thread for the next document. */
        @Override
        public void close() {}
    }

    /**
     * Loads the font into one document; close it only after the document is saved (the subset is written then).
     *
     * @throws Unavailable when the file is missing or not a font
     */
    Loaded open(PDDocument doc) {
        if (!Files.isReadable(path)) {
            throw new Unavailable("the PDF font " + path + " is not installed (Debian: apt-get install fonts-wqy-microhei)", null);
        }
        try {
            Parsed p = parsed.get();
            if (p == null) {
                p = parse();
                parsed.set(p);
            }
            return new Loaded(p, doc);
        } catch (IOException | RuntimeException e) {
            throw new Unavailable("the PDF font " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private Parsed parse() throws IOException {
        Closeable file;
        TrueTypeFont ttf;
        if (path.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
            var collection = new TrueTypeCollection(path.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) first[0] = f;
            });
            if (first[0] == null) {
                collection.close();
                throw new IOException("the collection holds no font");
            }
            file = collection;
            ttf = first[0];
        } else {
            ttf = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(path.toFile()));
            file = ttf;
        }
        // PDFBox runs every showText in a font that has a GSUB table through its glyph-substitution worker (which
        // tokenises each string with a regex); horizontal Chinese and Latin text needs no substitution, and without
        // the table a 2,000-card PDF takes a third less CPU (measured: ~0.25 s instead of ~0.4 s)
        ttf.getTableMap().remove("GSUB");
        return new Parsed(file, ttf, ttf.getUnicodeCmapLookup(), ttf.getUnitsPerEm(), new HashMap<>());
    }

    /** Whether a document could be made now: the file is there (what /health-style checks and tests ask). */
    public boolean installed() {
        return Files.isReadable(path);
    }
}
