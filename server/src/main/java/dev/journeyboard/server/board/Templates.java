package dev.journeyboard.server.board;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.FractionalIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The grids a new board starts from, labelled in Chinese and English. */
public final class Templates {
    public static final Set<String> NAMES = Set.of("journey", "service-blueprint", "blank");

    private record Label(String key, String zh, String en) {}
    private record LaneLabel(String key, String kind, String zh, String en) {}

    private static final List<Label> JOURNEY_STAGES = List.of(
            new Label("aware", "认知", "Awareness"),
            new Label("consider", "考虑", "Consideration"),
            new Label("purchase", "购买", "Purchase"),
            new Label("use", "使用", "Use"),
            new Label("loyal", "忠诚", "Loyalty"));

    private static final List<LaneLabel> JOURNEY_LANES = List.of(
            new LaneLabel("persona", "persona", "用户画像与场景", "Persona & scenario"),
            new LaneLabel("actions", "actions", "客户行为", "Customer actions"),
            new LaneLabel("touch", "touchpoints", "触点", "Touchpoints"),
            new LaneLabel("channels", "channels", "渠道", "Channels"),
            new LaneLabel("think", "thoughts", "想法与期望", "Thoughts & expectations"),
            new LaneLabel("emotion", "emotions", "情绪曲线", "Emotions"),
            new LaneLabel("pain", "painpoints", "痛点", "Pain points"),
            new LaneLabel("opp", "opportunities", "机会点", "Opportunities"),
            new LaneLabel("owner", "owners", "负责部门", "Owning department"),
            new LaneLabel("metrics", "metrics", "指标 (CSAT / NPS / CES)", "Metrics (CSAT / NPS / CES)"));

    private static final List<LaneLabel> BLUEPRINT_LANES = List.of(
            new LaneLabel("evidence", "custom", "有形展示", "Physical evidence"),
            new LaneLabel("actions", "actions", "客户行为", "Customer actions"),
            new LaneLabel("front", "touchpoints", "前台接触", "Frontstage interactions"),
            new LaneLabel("back", "backstage", "后台行为", "Backstage actions"),
            new LaneLabel("support", "custom", "支持流程", "Support processes"),
            new LaneLabel("owner", "owners", "负责部门", "Owning department"));

    private Templates() {}

    public static List<Element> elements(String template) {
        return switch (template) {
            case "journey" -> grid(JOURNEY_STAGES, JOURNEY_LANES);
            case "service-blueprint" -> grid(JOURNEY_STAGES, BLUEPRINT_LANES);
            case "blank" -> List.of();
            default -> throw new IllegalArgumentException("unknown template " + template);
        };
    }

    private static List<Element> grid(List<Label> stages, List<LaneLabel> lanes) {
        var out = new ArrayList<Element>();
        String[] stageIdx = FractionalIndex.sequence(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            Label s = stages.get(i);
            out.add(new Element("stage-" + s.key(), ElementType.STAGE, null, stageIdx[i], labels(s.zh(), s.en())));
        }
        String[] laneIdx = FractionalIndex.sequence(lanes.size());
        for (int i = 0; i < lanes.size(); i++) {
            LaneLabel l = lanes.get(i);
            out.add(new Element("lane-" + l.key(), ElementType.LANE, null, laneIdx[i], labels(l.zh(), l.en()).put("kind", l.kind())));
        }
        return out;
    }

    private static ObjectNode labels(String zh, String en) {
        ObjectNode props = JsonNodeFactory.instance.objectNode();
        props.putObject("labels").put("zh", zh).put("en", en);
        return props;
    }
}
