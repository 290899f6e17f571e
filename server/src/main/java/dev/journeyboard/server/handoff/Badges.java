package dev.journeyboard.server.handoff;

import java.util.ArrayList;
import java.util.List;

/**
 * The small labels under a card's text, in the web client's order (web/src/render/cards.ts), with the TOP rank in
 * front and metric targets added: MoT, emotion, KANO, CSAT / NPS / CES (a missed target in red, with the target),
 * votes, owner.
 */
final class Badges {
    private Badges() {}

    /** @param strong drawn with an outline: a TOP rank or a missed target */
    record Badge(String label, String fg, String bg, boolean strong) {}

    private static final String[] KANO_SHORT = {"must-be", "M", "performance", "P", "attractive", "A", "indifferent", "I", "reverse", "R"};

    static List<Badge> of(JourneyCard c, String laneKind, JourneyModel model) {
        Lang lang = model.lang();
        var out = new ArrayList<Badge>();
        if (c.top() != null) out.add(new Badge("TOP " + c.top(), "#ffffff", Theme.TOP, true));
        if (c.mot()) out.add(new Badge("MoT", "#ffffff", Theme.MOT, false));
        if (c.emotion() != null && !laneKind.equals("emotions")) {
            int e = c.emotion();
            var tone = Theme.emotionTone(e);
            out.add(new Badge((e > 0 ? "+" : "") + e, Theme.fg(tone), Theme.bg(tone), false));
        }
        if (c.kano() != null) {
            String shortName = "?";
            for (int i = 0; i < KANO_SHORT.length; i += 2) if (KANO_SHORT[i].equals(c.kano())) shortName = KANO_SHORT[i + 1];
            out.add(new Badge("KANO " + shortName + " · " + Words.kano(c.kano(), lang), "#5f3dc4", "#e5dbff", false));
        }
        for (Metric m : c.metrics()) {
            String v = m.kind().label() + " " + Num.format(m.value());
            if (m.missesTarget()) {
                out.add(new Badge(v + " · " + Words.TARGET.in(lang) + " " + Num.format(m.target()),
                        Theme.fg(Metric.Tone.BAD), Theme.bg(Metric.Tone.BAD), true));
            } else {
                var tone = m.kind().tone(m.value());
                out.add(new Badge(m.hasTarget() ? v + " ✓" : v, Theme.fg(tone), Theme.bg(tone), false));
            }
        }
        if (c.votes() > 0) out.add(new Badge("▲ " + c.votes(), "#1864ab", "#d0ebff", false));
        String owner = owner(c, model);
        if (owner != null) out.add(new Badge("@ " + Text.cut(Text.oneLine(owner), 40), "#495057", "#e9ecef", false));
        return out;
    }

    /** The owner department's name, else the free-text owner. */
    static String owner(JourneyCard c, JourneyModel model) {
        if (c.dept() != null) {
            var d = model.department(c.dept());
            if (d != null) return d.label();
        }
        return c.owner();
    }
}
