package dev.journeyboard.server.board;

import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.server.board.templates.Template;
import dev.journeyboard.server.board.templates.TemplateCatalog;
import java.util.List;
import java.util.Set;

/** The grids a new board starts from: the shipped templates of {@link TemplateCatalog} (resource files). */
public final class Templates {
    public static final Set<String> NAMES = TemplateCatalog.shipped().ids();

    private Templates() {}

    /** A new board's elements, card texts in Chinese (templates without cards are the same in both languages). */
    public static List<Element> elements(String template) {
        return elements(template, "zh");
    }

    /** A new board's elements, card texts in {@code lang} ({@code zh} or {@code en}). */
    public static List<Element> elements(String template, String lang) {
        Template t = TemplateCatalog.shipped().get(template);
        if (t == null) throw new IllegalArgumentException("unknown template " + template);
        return t.elements(lang);
    }
}
