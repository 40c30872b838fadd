package io.kechuang.common.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.examples.Example;

/**
 * Named examples declared in Java ({@code @Components(examples = @ExampleObject(value = ApiExamples.X))}) reach the
 * document as strings, because a component has no media type to parse them by; an example written inline under a
 * JSON content is parsed. This filter parses a component example whose value is a JSON object or array, so both
 * ways show the example as JSON and schema checks can validate it. Text that is not JSON (a CSV file) stays a string.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class JsonExampleValues implements OASFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getExamples() == null) {
            return;
        }
        openAPI.getComponents().getExamples().values().forEach(JsonExampleValues::parse);
    }

    private static void parse(Example example) {
        if (!(example.getValue() instanceof String text)) {
            return;
        }
        String trimmed = text.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return;
        }
        try {
            example.setValue(JSON.readValue(trimmed, Object.class));
        } catch (JsonProcessingException notJson) {
            // Left as written: the lint test reports an example that does not match its schema.
        }
    }
}
