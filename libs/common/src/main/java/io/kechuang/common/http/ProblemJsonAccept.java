package io.kechuang.common.http;

import io.kechuang.common.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Lets a client that accepts {@code application/problem+json} but not {@code application/json} call operations whose
 * success answers plain JSON or nothing. Clients generated from the platform's OpenAPI document do exactly that: they
 * send the first JSON type an operation declares, and for an operation answering 204 (or whose errors are listed
 * first) that is the errors' problem+json. Without this, such a call is a 406 before it reaches the resource. A
 * client that accepts problem+json reads JSON; the answer still carries its own, correct Content-Type.
 */
@Provider
@PreMatching
public class ProblemJsonAccept implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<MediaType> accepted = request.getAcceptableMediaTypes();
        boolean problemOnly = accepted.stream().anyMatch(t -> t.isCompatible(MediaType.valueOf(Problem.MEDIA_TYPE))
                && !t.isWildcardType() && !t.isWildcardSubtype())
                && accepted.stream().noneMatch(t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE));
        if (problemOnly) {
            request.getHeaders().add(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
