package io.kechuang.matching.scoring;

import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.scoring.Suggestion.Effect;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.matching.scoring.Suggestion.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The soft features between a demand and an achievement, each a value in [0,1] where 0.5 means "unknown, neither
 * helps nor hurts", with the sentence a broker reads. Pure functions of the two items.
 */
public final class Features {

    /** A feature's value and its plain-words reason. */
    public record Value(double value, Reason reason) {
    }

    private static final double NEUTRAL = 0.5;

    private Features() {
    }

    /**
     * The semantic similarity of the two texts: their dense vectors' cosine, scaled so that the floor of unrelated
     * texts is 0 ({@link ScoringConfig.Dense#scale}).
     */
    public static Value semantic(double cosine, ScoringConfig.Dense dense) {
        double v = dense.scale(cosine);
        String shown = Double.toString(Math.round(cosine * 100) / 100.0);
        return new Value(v, new Reason(Feature.SEMANTIC, effect(v), "语义相似度" + shown + "（向量余弦）",
                "Semantic similarity " + shown + " (vector cosine)"));
    }

    public static Value field(Item demand, Item achievement) {
        TechnicalField d = demand.field();
        TechnicalField a = achievement.field();
        if (d == null || a == null || d == TechnicalField.OTHER || a == TechnicalField.OTHER) {
            return neutral(Feature.FIELD, "技术领域未明确", "Technical field not stated on both sides");
        }
        if (d == a) {
            return raised(1.0, Feature.FIELD, "同属" + d.labelZh() + "领域", "Both in the same field (" + d + ")");
        }
        return lowered(0.0, Feature.FIELD, "领域不同（需求：" + d.labelZh() + "，成果：" + a.labelZh() + "）",
                "Different fields (demand " + d + ", achievement " + a + ")");
    }

    public static Value ipc(Item demand, Item achievement) {
        if (demand.ipcCodes().isEmpty() || achievement.ipcCodes().isEmpty()) {
            return neutral(Feature.IPC, "一方未给出IPC分类", "IPC codes not given on both sides");
        }
        for (int length : new int[] {4, 3}) {
            Set<String> shared = prefixes(demand.ipcCodes(), length);
            shared.retainAll(prefixes(achievement.ipcCodes(), length));
            if (!shared.isEmpty()) {
                String codes = String.join("、", shared);
                return length == 4
                        ? raised(1.0, Feature.IPC, "IPC小类相同：" + codes, "Same IPC subclass " + codes)
                        : raised(0.7, Feature.IPC, "IPC大类相同：" + codes, "Same IPC class " + codes);
            }
        }
        return lowered(0.1, Feature.IPC, "IPC分类不同", "No IPC class in common");
    }

    public static Value maturity(Item demand, Item achievement) {
        Integer trl = achievement.trl();
        Integer required = demand.minTrl();
        if (trl == null) {
            return neutral(Feature.MATURITY, "成果未标明成熟度", "Achievement maturity not stated");
        }
        if (required == null) {
            double v = 0.5 + 0.4 * (trl - 1) / 8.0;
            return new Value(v, new Reason(Feature.MATURITY, effect(v), "需求未限定成熟度，成果为TRL " + trl,
                    "No maturity required; achievement is at TRL " + trl));
        }
        if (trl >= required) {
            return raised(1.0, Feature.MATURITY, "成果成熟度TRL " + trl + "达到需求要求的TRL " + required,
                    "TRL " + trl + " meets the required TRL " + required);
        }
        double v = Math.max(0.0, 1.0 - 0.3 * (required - trl));
        return lowered(v, Feature.MATURITY, "成果成熟度TRL " + trl + "低于需求要求的TRL " + required,
                "TRL " + trl + " is below the required TRL " + required);
    }

    public static Value cooperation(Item demand, Item achievement) {
        Set<CooperationMode> wanted = demand.cooperationModes();
        Set<CooperationMode> offered = achievement.cooperationModes();
        if (wanted.isEmpty() || offered.isEmpty()) {
            return neutral(Feature.COOPERATION, "合作方式未明确", "Cooperation modes not stated on both sides");
        }
        Set<CooperationMode> shared = wanted.isEmpty() ? Set.of() : EnumSet.copyOf(wanted);
        shared.retainAll(offered);
        if (shared.isEmpty()) {
            return lowered(0.0, Feature.COOPERATION, "没有共同的合作方式", "No cooperation mode in common");
        }
        double v = 0.6 + 0.4 * shared.size() / wanted.size();
        return raised(v, Feature.COOPERATION, "合作方式一致：" + shared, "Shared cooperation modes: " + shared);
    }

    public static Value budget(Item demand, Item achievement) {
        BigDecimal price = achievement.priceAmount();
        BigDecimal max = demand.budgetMax();
        BigDecimal min = demand.budgetMin();
        if (price == null || (max == null && min == null)) {
            String zh = price == null ? (achievement.priceNegotiable() ? "成果价格面议" : "成果未标价") : "需求未给出预算";
            String en = price == null ? "Achievement price is negotiable or not given" : "Demand gives no budget";
            return new Value(0.6, new Reason(Feature.BUDGET, Effect.NEUTRAL, zh, en));
        }
        if (demand.budgetCurrency() != null && achievement.priceCurrency() != null
                && !demand.budgetCurrency().equals(achievement.priceCurrency())) {
            return neutral(Feature.BUDGET, "报价与预算币种不同（" + achievement.priceCurrency() + "/" + demand.budgetCurrency() + "）",
                    "Price and budget are in different currencies");
        }
        if (max == null || price.compareTo(max) <= 0) {
            return raised(1.0, Feature.BUDGET, "报价" + wan(price) + "在预算范围内", "Asking price " + price.toPlainString()
                    + " is within the budget");
        }
        double over = price.subtract(max).divide(max.max(BigDecimal.ONE), 6, RoundingMode.HALF_UP).doubleValue();
        double v = Math.max(achievement.priceNegotiable() ? 0.3 : 0.0, 1.0 - over);
        return new Value(v, new Reason(Feature.BUDGET, v >= 0.75 ? Effect.NEUTRAL : Effect.LOWERED,
                "报价" + wan(price) + "高于预算上限" + wan(max) + (achievement.priceNegotiable() ? "（可议价）" : ""),
                "Asking price " + price.toPlainString() + " is above the budget ceiling " + max.toPlainString()
                        + (achievement.priceNegotiable() ? " (negotiable)" : "")));
    }

    public static Value region(Item demand, Item achievement) {
        String d = demand.region();
        String a = achievement.region();
        if (d == null || a == null || d.length() < 2 || a.length() < 2) {
            return neutral(Feature.REGION, "地区未明确", "Region not stated on both sides");
        }
        if (d.equals(a)) {
            return raised(1.0, Feature.REGION, "同一地区（" + d + "）", "Same region (" + d + ")");
        }
        if (d.substring(0, 2).equals(a.substring(0, 2))) {
            return raised(0.8, Feature.REGION, "同省（" + d.substring(0, 2) + "）", "Same province");
        }
        return new Value(0.4, new Reason(Feature.REGION, Effect.NEUTRAL, "跨省合作（" + a + " → " + d + "）",
                "Different provinces (" + a + " → " + d + ")"));
    }

    private static Set<String> prefixes(List<String> codes, int length) {
        Set<String> out = new TreeSet<>();
        for (String code : codes) {
            if (code.length() >= length) {
                out.add(code.substring(0, length));
            }
        }
        return out;
    }

    private static String wan(BigDecimal amount) {
        return amount.divide(BigDecimal.valueOf(10_000), 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "万";
    }

    static Effect effect(double value) {
        return value >= 0.75 ? Effect.RAISED : value <= 0.35 ? Effect.LOWERED : Effect.NEUTRAL;
    }

    private static Value raised(double v, Feature f, String zh, String en) {
        return new Value(v, new Reason(f, Effect.RAISED, zh, en));
    }

    private static Value lowered(double v, Feature f, String zh, String en) {
        return new Value(v, new Reason(f, Effect.LOWERED, zh, en));
    }

    private static Value neutral(Feature f, String zh, String en) {
        return new Value(NEUTRAL, new Reason(f, Effect.NEUTRAL, zh, en));
    }
}
