package io.kechuang.events.achievement;

/** Legal status of one patent or registration. */
public enum PatentLegalStatus {
    /** 申请中/实审 */
    PENDING,
    /** 已授权 */
    GRANTED,
    /** 失效 (lapsed, e.g. fees unpaid) */
    LAPSED,
    /** 被宣告无效 */
    INVALIDATED
}
