package dev.journeyboard.server.handoff;

import java.time.LocalDate;
import java.util.List;

/** The hand-off documents a board can be downloaded as, by the file name in the URL. */
public enum HandoffFile {
    PLAN_CSV("plan.csv", "text/csv; charset=utf-8"),
    PLAN_MD("plan.md", "text/markdown; charset=utf-8"),
    BOARD_SVG("board.svg", "image/svg+xml"),
    BOARD_PDF("board.pdf", "application/pdf");

    public final String fileName;
    public final String contentType;

    HandoffFile(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    public static final List<String> NAMES = List.of("plan.csv", "plan.md", "board.svg", "board.pdf");

    /** @return null for a name that is not one of {@link #NAMES} */
    public static HandoffFile of(String name) {
        for (HandoffFile f : values()) if (f.fileName.equals(name)) return f;
        return null;
    }

    public boolean needsFont() {
        return this == BOARD_PDF;
    }

    /**
     * Renders the document: CPU work of up to a few seconds for a large board, so never on an event loop.
     *
     * @throws CjkFont.Unavailable for the PDF when its font is missing
     */
    public byte[] render(JourneyModel model, LocalDate date, CjkFont font) {
        return switch (this) {
            case PLAN_CSV -> CsvWriter.write(model);
            case PLAN_MD -> MarkdownWriter.write(model, date);
            case BOARD_SVG -> SvgWriter.write(model, date);
            case BOARD_PDF -> PdfWriter.write(model, date, font);
        };
    }
}
