package io.kechuang.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body, served as {@code application/problem+json}. */
@Schema(name = "Problem", description = "RFC 9457 problem details. Extension members such as allowedTransitions, "
        + "currentVersion, running or the OAuth2 error may follow the standard ones.",
        additionalProperties = Schema.True.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://kechuang.io/problems/";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final List<FieldError> errors;
    @Schema(hidden = true)
    private final Map<String, Object> extensions;

    private Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
            Map<String, Object> extensions) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    /** A problem of the given kind; {@code slug} becomes the type URI, e.g. {@code validation}. */
    public static Builder of(int status, String slug, String title) {
        return new Builder(status, TYPE_BASE + slug, title);
    }

    /** A copy that names the request path it answers. */
    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, extensions);
    }

    @Schema(example = "https://kechuang.io/problems/validation")
    public String getType() {
        return type;
    }

    @Schema(example = "Request validation failed")
    public String getTitle() {
        return title;
    }

    @Schema(example = "400")
    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    /** Every offending field, for validation failures. */
    public List<FieldError> getErrors() {
        return errors;
    }

    /** Extension members such as {@code allowedTransitions} or {@code currentVersion}. */
    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> extensions() {
        return extensions;
    }

    public static final class Builder {
        private final int status;
        private final String type;
        private final String title;
        private String detail;
        private String instance;
        private List<FieldError> errors = List.of();
        private final Map<String, Object> extensions = new LinkedHashMap<>();

        private Builder(int status, String type, String title) {
            this.status = status;
            this.type = type;
            this.title = title;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder instance(String instance) {
            this.instance = instance;
            return this;
        }

        public Builder errors(List<FieldError> errors) {
            this.errors = errors;
            return this;
        }

        public Builder with(String name, Object value) {
            if (value != null) {
                extensions.put(name, value);
            }
            return this;
        }

        public Problem build() {
            return new Problem(type, title, status, detail, instance, errors, extensions);
        }
    }
}
