package io.kechuang.matching.rest;

/** Realistic bodies for the OpenAPI document, in Chinese and English (the demo's style: real shapes, fictitious ids). */
final class ApiExamples {

    private ApiExamples() {
    }

    static final String SUGGESTIONS_ZH = """
            {"items":[{"id":"3f6c2a0e-7b1d-4c55-9e2a-5d8f1b7c9a01",
            "demand":{"id":"b2c6a0ee-41f7-4e0b-9a63-2f3c7d8e1a55","title":"大容量软包锂离子电池模组热管理与温度场仿真",
            "ownerOrgId":"20000000-0000-4000-8000-000000000101"},
            "achievement":{"id":"71aa5c3e-9d2b-4f61-8c07-3e5b2a9d4f10","title":"大容量软包装锂离子电池放电过程热分析",
            "ownerOrgId":"10000000-0000-4000-8000-000000000101"},
            "status":"SUGGESTED","score":0.7794,"confidence":"STRONG",
            "breakdown":{"TEXT":{"value":0.73,"weight":0.82,"contribution":0.5986},
            "SEMANTIC":{"value":0.72,"weight":0.05,"contribution":0.036},
            "FIELD":{"value":1.0,"weight":0.03,"contribution":0.03},
            "MATURITY":{"value":1.0,"weight":0.03,"contribution":0.03}},
            "explanation":{"matchedTerms":["锂离子电池","大容量软包装","散热"],"sharedKeywords":["锂离子电池","温度分布"],
            "demandHighlights":["针对<em>大容量</em>软包<em>锂离子电池</em>模组的<em>散热</em>设计"],
            "achievementHighlights":["建立<em>大容量软包装</em><em>锂离子电池</em>放电过程的热模型"],
            "reasons":[{"feature":"SEMANTIC","effect":"RAISED","zh":"语义相似度0.8（向量余弦）",
            "en":"Semantic similarity 0.8 (vector cosine)"},
            {"feature":"FIELD","effect":"RAISED","zh":"同属新能源领域","en":"Both in the same field (NEW_ENERGY)"},
            {"feature":"MATURITY","effect":"RAISED","zh":"成果成熟度TRL 5达到需求要求的TRL 4",
            "en":"The achievement's TRL 5 meets the required TRL 4"}]},
            "version":1,"createdAt":"2026-12-01T09:30:12+08:00","updatedAt":"2026-12-01T09:30:12+08:00",
            "scoredAt":"2026-12-01T09:30:12+08:00"}],
            "page":0,"size":20,"total":1,"totalPages":1}""";

    static final String SUGGESTIONS_EN = """
            {"items":[{"id":"8d2e4b61-0c3f-4a7e-b1d9-6f5a3c2e8b44",
            "demand":{"id":"c41f9e27-5a8b-4d03-a6e1-9b7d2f4c0e18",
            "title":"Inline detection of non-metal foreign bodies in frozen dumplings",
            "ownerOrgId":"20000000-0000-4000-8000-000000000102"},
            "achievement":{"id":"e7b3a1d5-2f94-4c68-8a0e-1d6c5b9f7a23",
            "title":"Dual-energy X-ray imaging for low-density contaminants in packaged food",
            "ownerOrgId":"10000000-0000-4000-8000-000000000103"},
            "status":"SHORTLISTED","score":0.4127,"confidence":"STRONG",
            "breakdown":{"TEXT":{"value":0.41,"weight":0.82,"contribution":0.3362},
            "SEMANTIC":{"value":0.0,"weight":0.05,"contribution":0.0},
            "FIELD":{"value":1.0,"weight":0.03,"contribution":0.03}},
            "explanation":{"matchedTerms":["foreign bodi","x-ray","low-dens"],"sharedKeywords":["food safety"],
            "demandHighlights":["detect <em>low-density</em> <em>foreign bodies</em> (plastic film, rubber)"],
            "achievementHighlights":["<em>X-ray</em> imaging separates <em>low-density</em> contaminants"],
            "reasons":[{"feature":"FIELD","effect":"RAISED","zh":"同属先进制造领域",
            "en":"Both in the same field (ADVANCED_MANUFACTURING)"},
            {"feature":"BUDGET","effect":"LOWERED","zh":"报价20万美元高于预算上限15万美元",
            "en":"The asking price of USD 200,000 is above the budget of USD 150,000"}]},
            "version":3,"createdAt":"2026-11-20T02:14:55Z","updatedAt":"2026-11-24T07:40:03Z",
            "scoredAt":"2026-11-20T02:14:55Z","broker":"qian.broker@tfjj"}],
            "page":0,"size":20,"total":1,"totalPages":1}""";

    static final String SEARCH_ZH = """
            {"items":[{"type":"ACHIEVEMENT","id":"71aa5c3e-9d2b-4f61-8c07-3e5b2a9d4f10","title":"光伏组件智能清洗机器人",
            "text":"一种面向大型地面光伏电站的轨道式无水清洗机器人","keywords":["光伏组件","清洗机器人"],
            "field":"NEW_ENERGY","region":"510100","trl":7,"ipType":"INVENTION_PATENT",
            "cooperationModes":["LICENCE","TRANSFER"],"ownerOrgId":"10000000-0000-4000-8000-000000000101",
            "updatedAt":"2026-11-28T03:12:40Z","score":7.42,
            "highlights":["<em>光伏组件</em>智能<em>清洗</em>机器人"]}],
            "page":0,"size":20,"total":1,
            "facets":{"type":{"ACHIEVEMENT":1},"field":{"NEW_ENERGY":1},"region":{"510100":1}}}""";

    static final String SEARCH_EN = """
            {"items":[{"type":"DEMAND","id":"c41f9e27-5a8b-4d03-a6e1-9b7d2f4c0e18",
            "title":"Inline detection of non-metal foreign bodies in frozen dumplings",
            "text":"A frozen-food processor running six dumpling lines needs to detect low-density foreign bodies",
            "keywords":["foreign body detection","food safety"],"field":"ADVANCED_MANUFACTURING","region":"510100",
            "trl":6,"cooperationModes":["TECHNICAL_SERVICE","LICENCE"],
            "ownerOrgId":"20000000-0000-4000-8000-000000000102","expiresOn":"2027-03-31",
            "updatedAt":"2026-11-20T02:10:09Z","score":5.18,
            "highlights":["Inline detection of non-metal <em>foreign bodies</em>"]}],
            "page":0,"size":20,"total":1,
            "facets":{"type":{"DEMAND":1},"field":{"ADVANCED_MANUFACTURING":1}}}""";
}
