package io.kechuang.common.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Every service's request bodies are exactly one JSON value: {@code {"title":"x"} garbage} is a 400, not a draft
 * titled "x". Jackson stops reading after the first value unless told otherwise, and Quarkus has no configuration
 * property for {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}, so this customizer sets it on the one
 * {@link ObjectMapper} that Quarkus REST reads bodies with. The failure is a {@code MismatchedInputException}, which
 * {@link io.kechuang.common.problem.ProblemMappers} answers as 400 problem+json.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
