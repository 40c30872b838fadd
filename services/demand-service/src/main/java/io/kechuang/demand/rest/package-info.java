/**
 * The demand HTTP API: the resources (injecting only {@code DemandService}), their OpenAPI annotations and the zh/en
 * examples as Java constants ({@code ApiExamples}, named components the operations refer to). Decides HTTP statuses
 * and headers (ETag, Location). Must not: hold rules or open transactions; nothing else imports this package.
 */
@OpenAPIDefinition(info = @Info(title = "Kechuang demand service (技术需求)", version = "0.1.0"),
        components = @Components(examples = {
                @ExampleObject(name = "demand-zh", value = io.kechuang.demand.rest.ApiExamples.DEMAND_ZH,
                        summary = "成都动力电池企业：电池健康状态（SOH）在线估计（中文）"),
                @ExampleObject(name = "demand-en", value = io.kechuang.demand.rest.ApiExamples.DEMAND_EN,
                        summary = "Frozen-food processor needs non-metal foreign-body detection (English)"),
                @ExampleObject(name = "demand-view-zh", value = io.kechuang.demand.rest.ApiExamples.DEMAND_VIEW_ZH,
                        summary = "公开视图：其他组织看到的已发布需求（无保密信息和联系人）"),
                @ExampleObject(name = "demand-view-en", value = io.kechuang.demand.rest.ApiExamples.DEMAND_VIEW_EN,
                        summary = "The public view of a demand in negotiation"),
                @ExampleObject(name = "demand-confidential-reads", value = io.kechuang.demand.rest.ApiExamples.CONFIDENTIAL_READS,
                        summary = "指派经纪人两次查看保密信息 / the assigned broker read the confidential details twice"),
                @ExampleObject(name = "demand-close-zh", value = io.kechuang.demand.rest.ApiExamples.CLOSE_ZH,
                        summary = "已通过其他途径解决"),
                @ExampleObject(name = "demand-close-en", value = io.kechuang.demand.rest.ApiExamples.CLOSE_EN,
                        summary = "The budget was cancelled"),
                @ExampleObject(name = "demand-incomplete", value = io.kechuang.demand.rest.ApiExamples.INCOMPLETE,
                        summary = "Opening a draft that still lacks what a provider needs"),
                @ExampleObject(name = "demand-illegal-transition", value = io.kechuang.demand.rest.ApiExamples.ILLEGAL_TRANSITION,
                        summary = "Asking a draft to go into negotiation"),
                @ExampleObject(name = "demand-import-csv", value = io.kechuang.demand.rest.ApiExamples.IMPORT_CSV,
                        summary = "一行中文需求、一行英文需求 / one Chinese and one English row"),
                @ExampleObject(name = "demand-import-job", value = io.kechuang.demand.rest.ApiExamples.IMPORT_JOB,
                        summary = "An import accepted: two rows queued")}))
package io.kechuang.demand.rest;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
