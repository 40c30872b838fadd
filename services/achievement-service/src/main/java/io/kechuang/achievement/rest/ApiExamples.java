package io.kechuang.achievement.rest;

/** Realistic request bodies for the OpenAPI document, in Chinese and English. */
final class ApiExamples {

    static final String CREATE_ZH = """
            {
              "title": "一种钙钛矿光伏组件的低温封装方法",
              "summary": "采用低温固化阻水胶膜与边缘密封结构，组件在85℃/85%RH湿热老化1000小时后效率衰减小于5%，适用于柔性与刚性钙钛矿组件的中试线。",
              "keywords": ["钙钛矿", "光伏组件", "封装", "湿热稳定性"],
              "technicalField": "NEW_ENERGY",
              "ipcCodes": ["H01L31/048"],
              "ipType": "INVENTION_PATENT",
              "patents": [{"number": "CN202310123456.7", "legalStatus": "GRANTED"}],
              "trl": 6,
              "stage": "PILOT",
              "cooperationModes": ["LICENCE", "TRANSFER"],
              "askingPrice": {"amount": 1500000, "currency": "CNY"},
              "priceNegotiable": true,
              "advantages": ["湿热1000小时衰减<5%", "封装温度低于90℃"],
              "applicationScenarios": ["分布式光伏", "光伏建筑一体化"],
              "inventors": [{"name": "张伟", "title": "教授", "email": "zhangwei@example.edu.cn"}],
              "contact": {"person": "李老师（技术转移中心）", "phone": "028-85400000", "email": "ttc@example.edu.cn"},
              "region": "510100",
              "language": "zh",
              "expiresOn": "2027-12-31"
            }""";

    static final String CREATE_EN = """
            {
              "title": "Low-latency anomaly detection for industrial IoT gateways",
              "summary": "An edge algorithm that flags sensor anomalies within 20 ms on an ARM gateway, trained on 3 years of plant data.",
              "keywords": ["anomaly detection", "industrial IoT", "edge computing"],
              "technicalField": "ELECTRONIC_INFORMATION",
              "ipType": "SOFTWARE_COPYRIGHT",
              "trl": 7,
              "stage": "SMALL_BATCH",
              "cooperationModes": ["LICENCE", "TECHNICAL_SERVICE"],
              "priceNegotiable": true,
              "contact": {"person": "Dr. Wang", "email": "tto@example.ac.cn"},
              "region": "510100",
              "language": "en"
            }""";

    static final String IMPORT_CSV = """
            title,summary,keywords,technical_field,ip_type,trl,stage,cooperation_modes,price_amount,price_currency,price_negotiable,region,language,contact_person,contact_phone,contact_email
            一种玉米抗旱品种选育方法,选育出的品种在干旱条件下增产12%,玉米;抗旱;育种,MODERN_AGRICULTURE,PLANT_VARIETY,7,SMALL_BATCH,LICENCE;TRANSFER,800000,CNY,false,510100,zh,王老师,028-85400001,
            """;

    private ApiExamples() {
    }
}
