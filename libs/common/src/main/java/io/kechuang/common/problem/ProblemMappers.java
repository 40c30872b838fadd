package io.kechuang.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.kechuang.common.consumer.InfrastructureFailures;
import io.kechuang.common.http.StrictJson;
import io.kechuang.common.http.Versions;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP responses. Every error leaves as RFC 9457 problem+json; nothing leaks
 * an exception type, a stack trace or a SQL message. A dependency that is down (the database cannot be reached, Kafka
 * cannot take a request for now: {@link InfrastructureFailures}) is a 503 with {@code Retry-After}: the same request
 * succeeds once it is back. Unexpected failures are logged with an id that the 500 body repeats, so support can find
 * the log line without the caller seeing internals.
 */
public class ProblemMappers {

    private static final String URL_DECODER = "org.jboss.resteasy.reactive.common.util.URLUtils";

    /** What a 503 asks the client to wait before it retries: about how long a database restart or failover takes. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final AtomicLong lastUnavailableWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response resteasyViolation(ResteasyReactiveViolationException e, UriInfo uri) {
        return violation(e, uri);
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldPath(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return respond(ProblemException.validation(errors).problem(), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        return respond(Problem.of(400, "malformed-body", "Malformed request body")
                .detail("The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")")
                .build(), uri);
    }

    /** Registered for the exact type, which Quarkus' own Jackson mapper would otherwise claim. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unmappableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "unknown field";
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            message = "must be a single JSON value, with nothing after it";
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(StrictJson.NUL_MESSAGE)) {
            message = "must not contain the NUL character (U+0000)";
        } else if (e instanceof InvalidFormatException invalid) {
            message = "cannot read " + quoteValue(invalid.getValue()) + " as " + describe(invalid.getTargetType());
        } else {
            message = "has the wrong type or shape";
        }
        return respond(ProblemException.validation(field.isEmpty() ? "body" : field, message).problem(), uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden")
                .detail("Your role may not perform this operation").build(), uri);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return concurrentUpdate(uri);
    }

    @ServerExceptionMapper
    public Response staleState(StaleStateException e, UriInfo uri) {
        return concurrentUpdate(uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonParseException parse) {
            return unreadableJson(parse, uri);
        }
        if (cause instanceof JsonMappingException mapping) {
            return unmappableJson(mapping, uri);
        }
        NumberFormatException number = numberFormat(e);
        if (number != null) {
            return badNumber(number, uri);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return respond(Problem.of(status, slug(title), title).detail(status >= 500 ? null : e.getMessage()).build(), uri);
    }

    /**
     * Last resort: unwraps transaction and CDI wrappers to find a known cause; a dependency that is down is a 503
     * (also when it surfaces only as the suppressed cause of a failed commit); anything else a 500 with an error id.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return problem(p, uri);
            }
            if (t instanceof ConstraintViolationException v) {
                return violation(v, uri);
            }
        }
        if (Versions.isConcurrentUpdate(e)) {
            return concurrentUpdate(uri);
        }
        if (InfrastructureFailures.isInfrastructure(e)) {
            return unavailable(e, uri);
        }
        if (isUndecodable(e)) {
            return respond(Problem.of(400, "malformed-body", "Malformed request body")
                    .detail("The form body is not valid percent-encoded UTF-8 (" + e.getMessage() + ")")
                    .errors(List.of(new FieldError("body", "not valid percent-encoding"))).build(), uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        return respond(Problem.of(500, "internal", "Internal error")
                .detail("Something went wrong on our side. Quote error id " + errorId + " when reporting it.")
                .with("errorId", errorId).build(), uri);
    }

    /**
     * A form body ({@code application/x-www-form-urlencoded}, e.g. a token request) that cannot be percent-decoded
     * ({@code %zz}): the form parser fails before any resource method runs, with a bare IllegalArgumentException from
     * its URL decoder. It is the caller's bad input, not our failure.
     */
    static boolean isUndecodable(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        return e instanceof IllegalArgumentException && frames.length > 0
                && URL_DECODER.equals(frames[0].getClassName());
    }

    /**
     * A query parameter whose value is not a number of its declared type ({@code page=99999999999} for an
     * {@code int}, {@code size=x}). JAX-RS answers 404 for it, as if the resource did not exist; it is a bad value,
     * so a 400 naming the parameter: the one whose value failed to convert. A value that is a valid number but out
     * of range is the endpoint's own validation, with its bounds.
     */
    private Response badNumber(NumberFormatException e, UriInfo uri) {
        String input = inputOf(e);
        List<FieldError> errors = new ArrayList<>();
        if (input != null && uri != null) {
            uri.getQueryParameters().forEach((name, values) -> {
                if (values.contains(input)) {
                    errors.add(new FieldError(name, "must be a whole number in the allowed range"));
                }
            });
        }
        if (errors.isEmpty()) {
            errors.add(new FieldError("query", "a parameter is not a number in the allowed range"));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return respond(ProblemException.validation(errors).problem(), uri);
    }

    private static NumberFormatException numberFormat(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NumberFormatException n) {
                return n;
            }
        }
        return null;
    }

    /** The rejected text, from the JDK's message {@code For input string: "…"} (perhaps followed by a radix). */
    private static String inputOf(NumberFormatException e) {
        String message = e.getMessage();
        String prefix = "For input string: \"";
        if (message == null || !message.startsWith(prefix)) {
            return null;
        }
        int end = message.lastIndexOf('"');
        return end < prefix.length() ? null : message.substring(prefix.length(), end);
    }

    private Response unauthorized(UriInfo uri) {
        Response response = respond(Problem.of(401, "unauthenticated", "Unauthenticated")
                .detail("A valid bearer token is required").build(), uri);
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /**
     * 503 with {@code Retry-After}. Logged without a stack trace, and at most once every 10 s: during an outage
     * every request fails the same way, and readiness already reports it.
     */
    private Response unavailable(Throwable e, UriInfo uri) {
        long now = System.nanoTime();
        long last = lastUnavailableWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastUnavailableWarning.compareAndSet(last, now)) {
            LOG.warnf("A dependency is unavailable, answering 503 (logged at most every 10 s): %s on %s",
                    InfrastructureFailures.describe(e), uri == null ? "?" : uri.getPath());
        }
        Response response = respond(Problem.of(503, "service-unavailable", "Service unavailable")
                .detail("A database or message broker this service needs is unavailable; try again in "
                        + RETRY_AFTER_SECONDS + " s")
                .with("retryAfterSeconds", RETRY_AFTER_SECONDS).build(), uri);
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    private Response concurrentUpdate(UriInfo uri) {
        return respond(Problem.of(412, "version-mismatch", "Version mismatch")
                .detail("The record was changed concurrently; re-read it and apply your change again").build(), uri);
    }

    static Response respond(Problem problem, UriInfo uri) {
        Problem body = problem.getInstance() == null && uri != null ? problem.withInstance(uri.getPath()) : problem;
        return Response.status(body.getStatus()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /**
     * Turns a Bean Validation path such as {@code create.request.askingPrice.currency} into the client's view,
     * {@code askingPrice.currency}: the method and the body parameter are not part of what the client sent, but a
     * query parameter's own name is.
     */
    static String fieldPath(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && !last) {
                continue;
            }
            if (node.getKind() == ElementKind.CROSS_PARAMETER || node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && out.length() > 0) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(node.getName());
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "the expected type";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (Object v : values) {
                names.add(String.valueOf(v));
            }
            return "one of " + names;
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date (yyyy-MM-dd)";
            case "OffsetDateTime", "Instant" -> "a timestamp (ISO 8601)";
            case "UUID" -> "a UUID";
            case "int", "Integer", "long", "Long" -> "a whole number";
            case "BigDecimal", "double", "Double" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            default -> "the expected type";
        };
    }

    private static String quoteValue(Object value) {
        String s = String.valueOf(value);
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
