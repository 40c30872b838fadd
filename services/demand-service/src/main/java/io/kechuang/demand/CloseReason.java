package io.kechuang.demand;

/** Why an enterprise took its demand off the market without it being fulfilled through the platform. */
public enum CloseReason {
    /** 已通过其他途径解决 */
    SOLVED_ELSEWHERE,
    /** 需求已取消 */
    NO_LONGER_NEEDED,
    /** 预算取消 */
    BUDGET_CANCELLED,
    /** 其他（需说明） */
    OTHER
}

