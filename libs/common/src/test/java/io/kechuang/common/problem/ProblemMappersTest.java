package io.kechuang.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.common.http.StrictJson;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.common.util.URLUtils;
import org.junit.jupiter.api.Test;

/**
 * A request that fails because a dependency is down (the database, or Kafka for now) answers 503 with
 * {@code Retry-After}; any other unexpected failure stays a 500. The real failures of a database that stops, or
 * crashes before a commit, are covered by the demand service's {@code DatabaseOutageTest}.
 */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();
    private final UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class}, (proxy, method, args) -> "getPath".equals(method.getName())
                    ? "/api/demands" : null);

    @Test
    void aDatabaseOrBrokerThatIsDownIsA503WithRetryAfter() {
        assertUnavailable(mappers.unexpected(new PersistenceException(new JDBCConnectionException(
                "Unable to acquire JDBC Connection", new SQLException("Connection refused", "08001"))), uri));
        assertUnavailable(mappers.unexpected(new CompletionException(new TimeoutException("Expiring 1 record(s)")), uri));
    }

    @Test
    void otherFailuresStayA500WithAnErrorId() {
        for (Throwable failure : new Throwable[] {new IllegalStateException("a bug"),
                new RecordTooLargeException("too large"), new SQLException("duplicate key", "23505")}) {
            Response response = mappers.unexpected(failure, uri);
            assertEquals(500, response.getStatus(), failure.toString());
            assertNull(response.getHeaderString("Retry-After"), failure.toString());
            assertFalse(((Problem) response.getEntity()).extensions().get("errorId").toString().isBlank());
        }
    }

    /** Found by the fuzz suite: {@code grant_type=x&%zz%%%} posted to {@code /auth/token} was a 500. */
    @Test
    void aFormBodyThatCannotBePercentDecodedIsA400NamingTheBody() {
        IllegalArgumentException undecodable = assertThrows(IllegalArgumentException.class,
                () -> URLUtils.decode("%zz%%%", StandardCharsets.UTF_8, true, new StringBuilder()));
        Response response = mappers.unexpected(undecodable, uri);
        assertEquals(400, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertEquals("body", problem.getErrors().get(0).field());
        assertEquals(500, mappers.unexpected(new IllegalArgumentException("a bug of ours"), uri).getStatus());
    }

    /** Found by the fuzz suite: a match note holding U+0000 reached PostgreSQL, which refused it (a 500). */
    @Test
    void aStringHoldingTheNulCharacterIsA400NamingTheField() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        record Note(String text, List<String> keywords) {
        }
        assertEquals("备注", mapper.readValue("{\"text\":\"备注\",\"keywords\":[\"a\"]}", Note.class).text());
        for (String body : new String[] {"{\"text\":\"a\\u0000b\"}", "{\"keywords\":[\"ok\",\"\\u0000\"]}"}) {
            JsonMappingException refused = assertThrows(JsonMappingException.class,
                    () -> mapper.readValue(body, Note.class), body);
            Response response = mappers.unmappableJson(refused, uri);
            assertEquals(400, response.getStatus(), body);
            FieldError error = ((Problem) response.getEntity()).getErrors().get(0);
            assertEquals(body.contains("keywords") ? "keywords[1]" : "text", error.field(), body);
            assertEquals("must not contain the NUL character (U+0000)", error.message(), body);
        }
    }

    private static void assertUnavailable(Response response) {
        assertEquals(503, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals(String.valueOf(ProblemMappers.RETRY_AFTER_SECONDS), response.getHeaderString("Retry-After"));
        Problem problem = (Problem) response.getEntity();
        assertEquals(503, problem.getStatus());
        assertEquals("https://kechuang.io/problems/service-unavailable", problem.getType());
        assertEquals("/api/demands", problem.getInstance());
        assertEquals(ProblemMappers.RETRY_AFTER_SECONDS, problem.extensions().get("retryAfterSeconds"));
        assertFalse(problem.getDetail().contains("refused") || problem.getDetail().contains("Expiring"),
                "no internals: " + problem.getDetail());
    }
}
