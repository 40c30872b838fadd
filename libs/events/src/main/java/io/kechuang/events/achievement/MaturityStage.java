package io.kechuang.events.achievement;

/** Development stage, reported next to the TRL (1–9). */
public enum MaturityStage {
    /** 实验室 */
    LAB,
    /** 样机/样品 */
    PROTOTYPE,
    /** 中试 */
    PILOT,
    /** 小批量 */
    SMALL_BATCH,
    /** 量产 */
    MASS_PRODUCTION
}
