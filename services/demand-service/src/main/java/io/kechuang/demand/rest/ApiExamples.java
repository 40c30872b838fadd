package io.kechuang.demand.rest;

/**
 * Realistic Chinese and English examples for the OpenAPI document. The resource refers to them by name
 * ({@code @ExampleObject(ref = "demand-zh")}), so each is written once under {@code components/examples} although
 * several operations show it. The document's title, version and description come from {@code application.properties},
 * which override the {@code @Info} in {@code package-info.java}, where the examples are declared as components: SmallRye
 * OpenAPI reads {@code @OpenAPIDefinition} only on a package or a JAX-RS {@code Application}, not on a plain class.
 */
final class ApiExamples {

    static final String DEMAND_ZH = """
            {
              "title": "动力电池健康状态（SOH）在线估计算法",
              "problemStatement": "我公司是成都一家新能源汽车动力电池包与BMS供应商。现有BMS以安时积分和开路电压查表估计容量衰减，在快充和低温工况下SOH误差超过8%，影响质保评估和退役电池梯次利用定价。需要一套可在车规级MCU上运行、基于充放电片段数据在线估计电芯与模组SOH的算法。",
              "technicalIndicators": ["全生命周期SOH估计误差≤3%（RMSE）", "-20℃至55℃工况下有效", "Cortex-M7上单次估计≤50ms，RAM≤64KB", "兼容磷酸铁锂和三元体系"],
              "confidentialDetails": "可提供约1200台运营车辆3年的云端BMS数据（10秒粒度）及200只电芯的加速老化数据；对应主机厂定点项目，2027年量产。",
              "contact": {"person": "刘工（研发中心）", "phone": "028-86000000", "email": "rd@example.com"},
              "keywords": ["电池健康状态", "SOH估计", "电池管理系统", "锂离子电池"],
              "technicalField": "NEW_ENERGY",
              "ipcCodes": ["G01R31/392", "H01M10/48"],
              "budget": {"min": 300000, "max": 800000, "currency": "CNY"},
              "deadline": "2027-06-30",
              "cooperationModes": ["JOINT_DEVELOPMENT", "TECHNICAL_SERVICE", "LICENCE"],
              "minTrl": 4,
              "region": "510100",
              "language": "zh"
            }""";

    static final String DEMAND_EN = """
            {
              "title": "Inline detection of non-metal foreign bodies in frozen dumplings",
              "problemStatement": "A frozen-food processor running six dumpling lines needs to detect low-density foreign bodies (plastic film, rubber, bone fragments of 2 mm and more) before packing. Metal detectors and the current X-ray unit miss most non-metal contaminants.",
              "technicalIndicators": ["Detection rate of at least 95% for plastic and rubber fragments of 2 mm or more", "False reject rate at most 0.5%", "12,000 pieces per hour per line", "IP69K wash-down rating"],
              "confidentialDetails": "Two retailer complaints in 2026 were traced to conveyor-belt fragments; a customer audit is due next quarter.",
              "contact": {"person": "Ms. Chen, Quality Director", "email": "quality@example-foods.com"},
              "keywords": ["foreign body detection", "food safety", "machine vision", "X-ray inspection"],
              "technicalField": "ADVANCED_MANUFACTURING",
              "ipcCodes": ["G01N23/04"],
              "budget": {"max": 150000, "currency": "USD"},
              "deadline": "2027-03-31",
              "cooperationModes": ["TECHNICAL_SERVICE", "LICENCE"],
              "minTrl": 6,
              "region": "370200",
              "language": "en"
            }""";

    static final String DEMAND_VIEW_ZH = """
            {
              "id": "7b0c9a52-3f1e-4c1b-9a55-2d1f0e8c4a10",
              "ownerOrgId": "0d6f1c2a-8b7e-4f3a-a1c9-5e2b7d4f9a01",
              "status": "OPEN",
              "version": 2,
              "title": "动力电池健康状态（SOH）在线估计算法",
              "problemStatement": "我公司是成都一家新能源汽车动力电池包与BMS供应商……需要一套可在车规级MCU上运行的SOH在线估计算法。",
              "technicalIndicators": ["全生命周期SOH估计误差≤3%（RMSE）", "-20℃至55℃工况下有效"],
              "keywords": ["电池健康状态", "SOH估计", "电池管理系统"],
              "technicalField": "NEW_ENERGY",
              "ipcCodes": ["G01R31/392"],
              "budget": {"min": 300000.0, "max": 800000.0, "currency": "CNY"},
              "deadline": "2027-06-30",
              "cooperationModes": ["JOINT_DEVELOPMENT", "TECHNICAL_SERVICE"],
              "minTrl": 4,
              "region": "510100",
              "language": "zh",
              "createdAt": "2026-11-20T02:15:00Z",
              "updatedAt": "2026-11-21T01:00:00Z",
              "openedAt": "2026-11-21T01:00:00Z"
            }""";

    static final String DEMAND_VIEW_EN = """
            {
              "id": "2e4d6f80-1a3b-4c5d-8e9f-0a1b2c3d4e5f",
              "ownerOrgId": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
              "status": "IN_NEGOTIATION",
              "version": 4,
              "title": "Inline detection of non-metal foreign bodies in frozen dumplings",
              "problemStatement": "A frozen-food processor running six dumpling lines needs to detect low-density foreign bodies before packing.",
              "technicalIndicators": ["Detection rate of at least 95% for plastic and rubber fragments of 2 mm or more"],
              "keywords": ["foreign body detection", "food safety", "machine vision"],
              "technicalField": "ADVANCED_MANUFACTURING",
              "ipcCodes": ["G01N23/04"],
              "budget": {"max": 150000.0, "currency": "USD"},
              "deadline": "2027-03-31",
              "cooperationModes": ["TECHNICAL_SERVICE", "LICENCE"],
              "minTrl": 6,
              "region": "370200",
              "language": "en",
              "createdAt": "2026-10-02T08:00:00Z",
              "updatedAt": "2026-11-18T09:30:00Z",
              "openedAt": "2026-10-03T01:00:00Z"
            }""";

    static final String CONFIDENTIAL_READS = """
            {
              "items": [
                {"matchId": "3c9e1f2a-7b4d-4e8f-a6c1-9d2b5e7f0a13", "readerSubject": "broker.wang@tj-ttc", "readerOrgId": "8f1e2d3c-4b5a-4c6d-9e7f-1a2b3c4d5e6f", "readAt": "2026-11-24T06:40:12Z"},
                {"matchId": "3c9e1f2a-7b4d-4e8f-a6c1-9d2b5e7f0a13", "readerSubject": "broker.wang@tj-ttc", "readerOrgId": "8f1e2d3c-4b5a-4c6d-9e7f-1a2b3c4d5e6f", "readAt": "2026-11-23T02:05:47Z"}
              ],
              "page": 0,
              "size": 20,
              "total": 2,
              "totalPages": 1
            }""";

    static final String CLOSE_ZH = """
            {"reason": "SOLVED_ELSEWHERE", "comment": "已与本地高校签订合作开发协议，平台外解决"}""";

    static final String CLOSE_EN = """
            {"reason": "BUDGET_CANCELLED", "comment": "The 2027 capex plan no longer funds the inspection upgrade."}""";

    static final String INCOMPLETE = """
            {
              "type": "https://kechuang.io/problems/validation",
              "title": "Request validation failed",
              "status": 400,
              "detail": "3 field(s) are invalid",
              "instance": "/api/demands/7b0c9a52-3f1e-4c1b-9a55-2d1f0e8c4a10/open",
              "errors": [
                {"field": "deadline", "message": "must be in the future to open"},
                {"field": "budget.currency", "message": "is required when a budget is given"},
                {"field": "contact", "message": "is required to open"}
              ]
            }""";

    static final String ILLEGAL_TRANSITION = """
            {
              "type": "https://kechuang.io/problems/illegal-transition",
              "title": "Illegal state transition",
              "status": 409,
              "detail": "Cannot negotiate a demand in state DRAFT",
              "currentState": "DRAFT",
              "allowedTransitions": ["update", "open", "delete"]
            }""";

    static final String IMPORT_CSV = """
            title,problem_statement,technical_indicators,keywords,technical_field,budget_min,budget_max,budget_currency,deadline,cooperation_modes,min_trl,region,language,contact_person,contact_phone,contact_email
            动力电池健康状态（SOH）在线估计算法,需在BMS端基于充放电数据在线估计电芯SOH,SOH估计误差≤3%;单次估计≤50ms,电池健康状态;BMS,NEW_ENERGY,300000,800000,CNY,2027-06-30,JOINT_DEVELOPMENT;TECHNICAL_SERVICE,4,510100,zh,刘工,028-86000000,
            Inline detection of non-metal foreign bodies,Detect plastic and rubber fragments before packing,Detection rate ≥ 95%,food safety;machine vision,ADVANCED_MANUFACTURING,,150000,USD,2027-03-31,TECHNICAL_SERVICE,6,370200,en,Ms. Chen,,quality@example-foods.com
            """;

    static final String IMPORT_JOB = """
            {
              "id": "5d8f3c2e-1b7a-4e0d-9c61-0a2f4b6d8e10",
              "status": "QUEUED",
              "rows": 2,
              "rowsDone": 0,
              "imported": 0,
              "rejected": 0,
              "published": false,
              "createdAt": "2026-12-07T08:30:00Z"
            }""";

    private ApiExamples() {
    }
}
