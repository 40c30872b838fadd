package io.kechuang.events.taxonomy;

/** The platform's fixed taxonomy of technical fields (技术领域), shared by achievements, demands and matching. */
public enum TechnicalField {
    ELECTRONIC_INFORMATION("电子信息"),
    BIOMEDICINE("生物医药"),
    NEW_MATERIALS("新材料"),
    NEW_ENERGY("新能源"),
    ADVANCED_MANUFACTURING("先进制造"),
    MODERN_AGRICULTURE("现代农业"),
    INFORMATION_SECURITY("信息安全"),
    AUTOMOTIVE("汽车"),
    RESOURCES_ENVIRONMENT("资源与环境"),
    AEROSPACE("航空航天"),
    OTHER("其他");

    private final String labelZh;

    TechnicalField(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
