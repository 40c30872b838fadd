package io.kechuang.events.achievement;

/** The form of intellectual property behind an achievement. */
public enum IpType {
    /** 发明专利 */
    INVENTION_PATENT,
    /** 实用新型 */
    UTILITY_MODEL,
    /** 软件著作权 */
    SOFTWARE_COPYRIGHT,
    /** 集成电路布图设计 */
    IC_LAYOUT,
    /** 植物新品种 */
    PLANT_VARIETY,
    /** 技术秘密 */
    KNOW_HOW,
    OTHER
}
