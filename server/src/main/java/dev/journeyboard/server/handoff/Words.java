package dev.journeyboard.server.handoff;

import java.util.Locale;

/** Every fixed string of the hand-off documents, in Chinese and English (user text is never translated). */
public enum Words {
    ACTION_PLAN("行动计划", "Action plan"),
    KEY_POINTS("TOP 关键点", "TOP key points"),
    BY_DEPARTMENT("按负责部门", "By owner department"),
    MATRIX("优先级矩阵", "Priority matrix"),
    MATRIX_AXES("纵轴：影响（1–5，≥3 为高）；横轴：投入（1–5，≥3 为高）",
            "Vertical: impact (1–5, high ≥ 3); horizontal: effort (1–5, high ≥ 3)"),
    METRIC_MISSES("未达目标的指标", "Metrics that miss their targets"),
    MAP("旅程地图", "Journey map"),
    EXPORTED("导出于", "Exported"),
    SCORE_FORMULA("优先级分数 = 票数 + 2×影响 − 投入 + 2×指标差距（0–5）",
            "Priority score = votes + 2 × impact − effort + 2 × metric gap (0–5)"),
    NONE_YET("（暂无）", "(none yet)"),
    NOT_RATED("未评估（缺少影响或投入）", "Not rated (impact or effort missing)"),
    NO_DEPARTMENT("未指定部门", "No department"),
    MORE("更多", "more"),
    PAGE("页", "page"),
    EMPTY_CARD("（空白卡片）", "(empty card)"),
    STAGE_N("阶段", "Stage"),
    LANE_N("泳道", "Lane"),
    TARGET("目标", "target"),
    OPEN_COMMENTS("未解决的评论", "Open comments"),
    FREE_ITEM("画布元素", "Canvas item"),

    COL_TOP("TOP", "TOP"),
    COL_TYPE("类型", "Type"),
    COL_STAGE("阶段", "Stage"),
    COL_TEXT("内容", "Item"),
    COL_DEPARTMENT("负责部门", "Department"),
    COL_STATUS("状态", "Status"),
    COL_DUE("截止日期", "Due"),
    COL_IMPACT("影响", "Impact"),
    COL_EFFORT("投入", "Effort"),
    COL_VOTES("票数", "Votes"),
    COL_SCORE("优先级分数", "Score"),
    COL_QUADRANT("象限", "Quadrant"),
    COL_MEASURE("成功标准", "Success measure"),
    COL_ADDRESSES("解决的痛点", "Linked pain points"),
    COL_ADDRESSED_BY("对应的机会点", "Addressed by"),
    COL_COMMENTS("未解决评论", "Open comments"),
    COL_ID("卡片 ID", "Card id"),
    COL_TOUCHPOINT("触点", "Touchpoint"),
    COL_METRIC("指标", "Metric"),
    COL_VALUE("当前值", "Value"),
    COL_TARGET("目标值", "Target"),
    COL_GAP("差距（0–5）", "Gap (0–5)"),
    COL_RESPONSES("样本数", "Responses"),

    TYPE_PAIN("痛点", "Pain point"),
    TYPE_OPPORTUNITY("机会点", "Opportunity"),
    TYPE_OTHER("卡片", "Card"),

    STATUS_IDEA("想法", "Idea"),
    STATUS_PLANNED("已计划", "Planned"),
    STATUS_IN_PROGRESS("进行中", "In progress"),
    STATUS_DONE("已完成", "Done"),
    STATUS_VERIFIED("已验证", "Verified"),

    KANO_MUST_BE("必备型", "Must-be"),
    KANO_PERFORMANCE("期望型", "Performance"),
    KANO_ATTRACTIVE("魅力型", "Attractive"),
    KANO_INDIFFERENT("无差异", "Indifferent"),
    KANO_REVERSE("反向型", "Reverse"),

    QUADRANT_QUICK_WINS("速赢", "Quick wins"),
    QUADRANT_BIG_BETS("重点投入", "Big bets"),
    QUADRANT_FILL_INS("顺手做", "Fill-ins"),
    QUADRANT_MONEY_PITS("费力不讨好", "Money pits");

    private static final String STATUS = "STATUS_";
    private static final String KANO = "KANO_";

    private final String zh;
    private final String en;

    Words(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String in(Lang lang) {
        return lang == Lang.ZH ? zh : en;
    }

    /** Both languages, the board's first: for headings a mixed team reads (the PDF's quadrant names). */
    public String both(Lang lang) {
        return lang == Lang.ZH ? zh + " · " + en : en + " · " + zh;
    }

    /** The name of a {@code status} value, or the value itself if it is not one the model knows. */
    public static String status(String status, Lang lang) {
        return named(STATUS, status, lang);
    }

    public static String kano(String kano, Lang lang) {
        return named(KANO, kano, lang);
    }

    /**
     * The word for a model value of one kind ({@code in-progress} is {@code STATUS_IN_PROGRESS}): the words of a
     * kind are named after the values, so a value the model gains needs only its word here.
     */
    private static String named(String kind, String value, Lang lang) {
        if (value == null) return "";
        for (Words w : values()) {
            if (w.name().startsWith(kind) && w.name().substring(kind.length()).replace('_', '-').toLowerCase(Locale.ROOT).equals(value)) {
                return w.in(lang);
            }
        }
        return value;
    }
}
