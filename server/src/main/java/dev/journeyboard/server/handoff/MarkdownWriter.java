package dev.journeyboard.server.handoff;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code plan.md}: the hand-off as Markdown (CommonMark with GitHub tables) for a wiki, an issue or an e-mail:
 * the title, the TOP key points, the action plan by owner department, the priority matrix's quadrants and the
 * metrics that miss their targets. User text is escaped so that it never becomes markup.
 */
public final class MarkdownWriter {
    private MarkdownWriter() {}

    public static byte[] write(JourneyModel model, LocalDate date) {
        Lang lang = model.lang();
        var md = new StringBuilder(8192 + model.actions().size() * 200);
        md.append("# ").append(inline(model.title())).append("\n\n");
        md.append('_').append(Words.ACTION_PLAN.in(lang)).append(" · ").append(Words.EXPORTED.in(lang)).append(' ').append(date).append("_\n\n");
        md.append("> ").append(Words.SCORE_FORMULA.in(lang)).append("\n\n");

        md.append("## ").append(Words.KEY_POINTS.in(lang)).append("\n\n");
        var top = model.keyPoints();
        if (top.isEmpty()) md.append(Words.NONE_YET.in(lang)).append("\n\n");
        for (ActionItem a : top) {
            md.append(a.card().top()).append(". **").append(inline(a.card().textOrEmpty())).append("** — ")
                    .append(inline(a.stage().label())).append(" · ").append(a.kindLabel(lang));
            if (a.owner() != null) md.append(" · ").append(inline(a.owner()));
            md.append(" · ").append(Words.COL_SCORE.in(lang)).append(' ').append(Num.format(a.score())).append('\n');
        }
        if (!top.isEmpty()) md.append('\n');

        md.append("## ").append(Words.ACTION_PLAN.in(lang)).append(" — ").append(Words.BY_DEPARTMENT.in(lang)).append("\n\n");
        var groups = model.byOwner();
        if (groups.isEmpty()) md.append(Words.NONE_YET.in(lang)).append("\n\n");
        for (var g : groups) {
            md.append("### ").append(g.label() == null ? Words.NO_DEPARTMENT.in(lang) : inline(g.label())).append("\n\n");
            table(md, List.of(Words.COL_TOP, Words.COL_TYPE, Words.COL_STAGE, Words.COL_TEXT, Words.COL_STATUS, Words.COL_DUE,
                    Words.COL_IMPACT, Words.COL_EFFORT, Words.COL_VOTES, Words.COL_SCORE, Words.COL_MEASURE, Words.COL_ADDRESSES), lang);
            for (ActionItem a : g.items()) {
                var c = a.card();
                cells(md, Num.format(c.top()), a.kindLabel(lang), inline(a.stage().label()), inline(c.textOrEmpty()),
                        Words.status(c.status(), lang), c.due() == null ? "" : inline(c.due()), Num.format(c.impact()),
                        Num.format(c.effort()), Integer.toString(c.votes()), Num.format(a.score()), inline(a.measureText(model)),
                        inline(String.join("; ", a.addresses().stream().map(JourneyCard::textOrEmpty).toList())));
            }
            md.append('\n');
        }

        md.append("## ").append(Words.MATRIX.in(lang)).append("\n\n").append(Words.MATRIX_AXES.in(lang)).append("\n\n");
        for (Quadrant q : Quadrant.values()) quadrant(md, q.both(lang), model.inQuadrant(q), lang);
        var unrated = model.inQuadrant(null);
        if (!unrated.isEmpty()) quadrant(md, Words.NOT_RATED.in(lang), unrated, lang);

        md.append("## ").append(Words.METRIC_MISSES.in(lang)).append("\n\n");
        var misses = model.missedTargets();
        if (misses.isEmpty()) {
            md.append(Words.NONE_YET.in(lang)).append('\n');
            if (!model.threads().open().isEmpty()) md.append('\n');
        } else {
            table(md, List.of(Words.COL_STAGE, Words.COL_TOUCHPOINT, Words.COL_METRIC, Words.COL_VALUE, Words.COL_TARGET,
                    Words.COL_GAP, Words.COL_RESPONSES), lang);
            for (var r : misses) {
                var m = r.metric();
                cells(md, inline(r.stage().label()), inline(r.card().textOrEmpty()), m.kind().label(), Num.format(m.value()),
                        Num.format(m.target()), Num.format(m.gap()), Num.format(m.n()));
            }
            if (!model.threads().open().isEmpty()) md.append('\n');
        }
        openComments(md, model, lang);
        return md.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The open comment threads per card or item: the first comment, its replies indented under it. */
    private static void openComments(StringBuilder md, JourneyModel model, Lang lang) {
        var threads = model.threads();
        if (threads.open().isEmpty()) return;
        md.append("## ").append(Words.OPEN_COMMENTS.in(lang)).append("\n\n");
        for (var e : threads.open().entrySet()) {
            var item = threads.items().get(e.getKey());
            JourneyCard card = model.card(e.getKey());
            String text = item.props().path("text").asText("");
            md.append("### ").append(inline(text.isBlank() ? Words.EMPTY_CARD.in(lang) : text));
            if (card != null) {
                var stage = model.stage(card.stage());
                var lane = model.lane(card.lane());
                md.append(" — ").append(stage == null ? "" : inline(stage.label())).append(" · ").append(lane == null ? "" : inline(lane.label()));
            } else {
                md.append(" — ").append(Words.FREE_ITEM.in(lang));
            }
            md.append("\n\n");
            for (var t : e.getValue()) {
                md.append("- **").append(inline(t.first().author())).append("**: ").append(inline(t.first().text())).append('\n');
                for (var r : t.replies()) md.append("  - **").append(inline(r.author())).append("**: ").append(inline(r.text())).append('\n');
            }
            md.append('\n');
        }
    }

    private static void quadrant(StringBuilder md, String heading, List<ActionItem> items, Lang lang) {
        md.append("### ").append(heading).append(" (").append(items.size()).append(")\n\n");
        if (items.isEmpty()) md.append(Words.NONE_YET.in(lang)).append('\n');
        for (ActionItem a : items) {
            md.append("- ");
            if (a.card().top() != null) md.append("**TOP ").append(a.card().top()).append("** ");
            md.append(inline(a.card().textOrEmpty())).append(" — ").append(a.kindLabel(lang));
            if (a.quadrant() != null) {
                md.append(" · ").append(Words.COL_IMPACT.in(lang)).append(' ').append(a.card().impact())
                        .append(" · ").append(Words.COL_EFFORT.in(lang)).append(' ').append(a.card().effort());
            }
            md.append(" · ").append(Words.COL_SCORE.in(lang)).append(' ').append(Num.format(a.score())).append('\n');
        }
        md.append('\n');
    }

    private static void table(StringBuilder md, List<Words> columns, Lang lang) {
        md.append('|');
        for (Words w : columns) md.append(' ').append(w.in(lang)).append(" |");
        md.append("\n|");
        for (int i = 0; i < columns.size(); i++) md.append(" --- |");
        md.append('\n');
    }

    private static void cells(StringBuilder md, String... values) {
        md.append('|');
        for (String v : values) md.append(' ').append(v.isEmpty() ? " " : v).append(" |");
        md.append('\n');
    }

    /**
     * User text on one line with Markdown's special characters escaped (CommonMark lets a backslash escape any ASCII
     * punctuation), so a card reading {@code *free* <b>|</b>} shows just that, and one starting with "- " or "1."
     * does not become a list.
     */
    static String inline(String s) {
        String one = Text.oneLine(s);
        var sb = new StringBuilder(one.length() + 8);
        int i = 0;
        if (!one.isEmpty() && (one.charAt(0) == '-' || one.charAt(0) == '+')) {
            sb.append('\\').append(one.charAt(0));
            i = 1;
        } else {
            int digits = 0;
            while (digits < one.length() && Character.isDigit(one.charAt(digits))) digits++;
            if (digits > 0 && digits < one.length() && (one.charAt(digits) == '.' || one.charAt(digits) == ')')) {
                sb.append(one, 0, digits).append('\\').append(one.charAt(digits));
                i = digits + 1;
            }
        }
        for (; i < one.length(); i++) {
            char ch = one.charAt(i);
            if ("\\`*_[]<>|~&#".indexOf(ch) >= 0) sb.append('\\');
            sb.append(ch);
        }
        return sb.toString();
    }
}
