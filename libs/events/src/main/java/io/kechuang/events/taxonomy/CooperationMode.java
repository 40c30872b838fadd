package io.kechuang.events.taxonomy;

/** How the parties may cooperate (合作方式): offered by achievements, wanted by demands. */
public enum CooperationMode {
    /** 转让 */
    TRANSFER,
    /** 许可 */
    LICENCE,
    /** 作价入股 */
    EQUITY_INVESTMENT,
    /** 合作开发 */
    JOINT_DEVELOPMENT,
    /** 技术服务 */
    TECHNICAL_SERVICE,
    /** 技术咨询 */
    CONSULTING
}
