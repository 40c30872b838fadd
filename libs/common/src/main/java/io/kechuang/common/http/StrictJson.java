package io.kechuang.common.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every service's request bodies are exactly one JSON value: {@code {"title":"x"} garbage} is a 400, not a draft
 * titled "x". Jackson stops reading after the first value unless told otherwise, and Quarkus has no configuration
 * property for {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}, so this customizer sets it on the one
 * {@link ObjectMapper} that Quarkus REST reads bodies with. The failure is a {@code MismatchedInputException}, which
 * {@link io.kechuang.common.problem.ProblemMappers} answers as 400 problem+json.
 *
 * <p>No string value may hold the NUL character (U+0000): JSON allows it as an escape, PostgreSQL's text types do
 * not, so without this check such a value was accepted here and refused by the database as a 500. It is a 400 naming
 * the field instead, before anything is written.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("kechuang-strict-strings").addDeserializer(String.class,
                new NoNulStrings()));
    }

    /** The start of the failure's message, which the problem mapper recognises. */
    public static final String NUL_MESSAGE = "Text holds the NUL character";

    /** Jackson's own string reading, then a refusal of U+0000. */
    static final class NoNulStrings extends StdScalarDeserializer<String> {

        NoNulStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(p, NUL_MESSAGE + " (U+0000)", value, String.class);
            }
            return value;
        }
    }
}
