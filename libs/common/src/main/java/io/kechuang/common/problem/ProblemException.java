package io.kechuang.common.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure with a definite HTTP meaning. Services throw the subclasses; {@link ProblemMappers} turns them into
 * problem+json. Messages must never carry confidential data: they are shown to the caller.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.getTitle() + (problem.getDetail() == null ? "" : ": " + problem.getDetail()), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** 400: the input broke one or more rules; every offending field is listed. */
    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(Problem.of(400, "validation", "Request validation failed")
                .detail(errors.size() + " field(s) are invalid").errors(errors).build());
    }

    public static ProblemException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    /** 404: unknown, or not visible to this caller (the two are indistinguishable on purpose). */
    public static ProblemException notFound(String resource, Object id) {
        return new ProblemException(Problem.of(404, "not-found", resource + " not found")
                .detail("No " + resource.toLowerCase() + " with id " + id).build());
    }

    /** 403: the caller's role may not perform this operation at all. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden").detail(detail).build());
    }

    /** 409: the operation is not allowed in the record's current state. */
    public static ProblemException illegalTransition(String resource, Object from, String action,
            List<String> allowedActions) {
        return new ProblemException(Problem.of(409, "illegal-transition", "Illegal state transition")
                .detail("Cannot " + action + " a " + resource.toLowerCase() + " in state " + from)
                .with("currentState", String.valueOf(from))
                .with("allowedTransitions", allowedActions).build());
    }

    /** 409: a duplicate or a conflicting reuse. */
    public static ProblemException conflict(String detail, Map<String, Object> extensions) {
        Problem.Builder builder = Problem.of(409, "conflict", "Conflict").detail(detail);
        extensions.forEach(builder::with);
        return new ProblemException(builder.build());
    }

    /** 412: {@code If-Match} names a version that is no longer current. */
    public static ProblemException versionMismatch(long expected, long current) {
        return new ProblemException(Problem.of(412, "version-mismatch", "Version mismatch")
                .detail("If-Match names version " + expected + " but the current version is " + current
                        + "; re-read the record and apply your change again")
                .with("currentVersion", current).build());
    }

    /** 428: an update without {@code If-Match}. */
    public static ProblemException versionRequired() {
        return new ProblemException(Problem.of(428, "version-required", "If-Match required")
                .detail("Send the ETag of the version you read in an If-Match header").build());
    }
}
