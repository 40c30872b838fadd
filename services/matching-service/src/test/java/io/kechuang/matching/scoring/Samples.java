package io.kechuang.matching.scoring;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import io.kechuang.corpus.CslCorpus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Hand-written targets and demands, and CSL papers turned into achievements, for relevance tests. */
final class Samples {

    static final UUID UNIVERSITY = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID ENTERPRISE = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private Samples() {
    }

    static Item batteryAchievement() {
        return achievement("基于增量容量分析与迁移学习的锂离子电池健康状态估计方法",
                "针对电动汽车动力锂电池老化导致容量衰减的问题，提出一种融合增量容量曲线特征与迁移学习的电池健康状态（SOH）在线估计方法，"
                        + "仅利用充电片段的电压、电流数据即可估计电池剩余容量，估计误差小于2%，适用于电池管理系统（BMS）与退役电池梯次利用评估。",
                List.of("锂离子电池", "健康状态", "SOH估计", "电池管理系统", "迁移学习"), TechnicalField.NEW_ENERGY, 6);
    }

    static Item cleaningRobotAchievement() {
        return achievement("光伏组件智能清洗机器人",
                "一种面向大型地面光伏电站的轨道式无水清洗机器人，采用柔性毛刷与静电除尘相结合，自动跨越组件阵列间隙，"
                        + "清洗后组件发电效率提升8%以上，适合西北干旱少水地区，支持远程监控与定时清洗。",
                List.of("光伏组件", "清洗机器人", "无水清洗", "光伏电站运维"), TechnicalField.NEW_ENERGY, 7);
    }

    static Item batteryDemand() {
        return demand("退役动力电池健康状态快速评估",
                "我公司生产新能源汽车电池包，需要对退役动力电池的健康状态进行快速评估，判断剩余容量和寿命，用于梯次利用分选。"
                        + "要求评估误差小于3%，单包检测时间小于10分钟。",
                List.of("动力电池", "健康状态", "剩余寿命"), TechnicalField.NEW_ENERGY);
    }

    static Item cleaningDemand() {
        return demand("光伏组件清洗",
                "我们运营多个光伏电站，组件表面积灰导致发电量下降，人工清洗成本高、用水多。需要一种自动化的光伏组件清洗设备或机器人，"
                        + "能够节水并适应大面积阵列。",
                List.of("光伏组件清洗", "光伏电站", "自动化"), TechnicalField.NEW_ENERGY);
    }

    static Item achievement(String title, String text, List<String> keywords, TechnicalField field, int trl) {
        return Item.achievement(UUID.randomUUID(), UNIVERSITY, AchievementStatus.PUBLISHED).title(title).text(text)
                .keywords(keywords).field(field).ipType(IpType.INVENTION_PATENT).trl(trl).stage(MaturityStage.PILOT)
                .cooperationModes(Set.of(CooperationMode.LICENCE, CooperationMode.TRANSFER))
                .price(new BigDecimal("800000"), "CNY", true).region("510100").language("zh")
                .expiresOn(LocalDate.now().plusYears(1)).updatedAt(OffsetDateTime.now()).build();
    }

    static Item demand(String title, String text, List<String> keywords, TechnicalField field) {
        return Item.demand(UUID.randomUUID(), ENTERPRISE, DemandStatus.OPEN).title(title).text(text).keywords(keywords)
                .field(field).minTrl(5).cooperationModes(Set.of(CooperationMode.LICENCE, CooperationMode.JOINT_DEVELOPMENT))
                .budget(new BigDecimal("500000"), new BigDecimal("2000000"), "CNY").region("510100").language("zh")
                .expiresOn(LocalDate.now().plusMonths(6)).updatedAt(OffsetDateTime.now()).build();
    }

    /** Every CSL paper as a published achievement with no field (so only the text decides). */
    static List<Item> cslAchievements() {
        return CslCorpus.papers().stream()
                .map(p -> Item.achievement(UUID.randomUUID(), UUID.randomUUID(), AchievementStatus.PUBLISHED)
                        .title(p.title()).text(p.abstractText()).keywords(p.keywords()).ipType(IpType.INVENTION_PATENT)
                        .trl(5).stage(MaturityStage.LAB).cooperationModes(Set.of(CooperationMode.LICENCE))
                        .price(null, null, true).region("110000").language("zh").updatedAt(OffsetDateTime.now())
                        .build())
                .toList();
    }
}
