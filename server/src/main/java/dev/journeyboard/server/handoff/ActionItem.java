package dev.journeyboard.server.handoff;

import java.util.List;

/**
 * A pain point or opportunity (or any card marked TOP) as the action plan lists it, with what the reader
 * worked out across cards: its owner's name, the metric gap it is scored on and its priority score.
 *
 * @param owner       the owner department's name (from {@code dept}, else the card's free-text {@code owner}), or null
 * @param ownerKey    what groups the plan by owner: the department id, else the owner text, else null
 * @param touchpoint  the touchpoint card whose metric gap counts, or null
 * @param gap         that gap on the 0..5 scale
 * @param score       {@code votes + 2·impact − effort + 2·gap}, missing parts counting 0
 * @param quadrant    null when impact or effort is not rated
 * @param addresses   the pain points this opportunity addresses (cards that exist)
 * @param addressedBy the opportunities that address this pain point
 */
public record ActionItem(JourneyCard card, JourneyModel.Stage stage, JourneyModel.Lane lane, Kind kind, String owner,
                         String ownerKey, JourneyCard touchpoint, double gap, double score, Quadrant quadrant,
                         List<JourneyCard> addresses, List<JourneyCard> addressedBy) {

    public enum Kind { PAIN_POINT, OPPORTUNITY, OTHER }

    public String kindLabel(Lang lang) {
        return switch (kind) {
            case PAIN_POINT -> Words.TYPE_PAIN.in(lang);
            case OPPORTUNITY -> Words.TYPE_OPPORTUNITY.in(lang);
            case OTHER -> Words.TYPE_OTHER.in(lang);
        };
    }

    /** The priority score formula (CONTRACTS, PROTOCOL.md "Hand-off documents"). */
    static double priorityScore(int votes, Integer impact, Integer effort, double gap) {
        return votes + 2.0 * (impact == null ? 0 : impact) - (effort == null ? 0 : effort) + 2 * gap;
    }

    /** "CSAT 支付页面: 2 → 4", or "" without a measure. */
    public String measureText(JourneyModel model) {
        var m = card.measure();
        if (m == null) return "";
        var sb = new StringBuilder();
        if (m.metric() != null) sb.append(m.metric().label());
        JourneyCard tp = m.touchpoint() == null ? null : model.card(m.touchpoint());
        if (tp != null) sb.append(sb.isEmpty() ? "" : " ").append(Text.oneLine(tp.textOrEmpty()));
        if (m.from() != null || m.to() != null) {
            sb.append(sb.isEmpty() ? "" : ": ").append(m.from() == null ? "?" : Num.format(m.from()))
                    .append(" → ").append(m.to() == null ? "?" : Num.format(m.to()));
        }
        return sb.toString();
    }
}
