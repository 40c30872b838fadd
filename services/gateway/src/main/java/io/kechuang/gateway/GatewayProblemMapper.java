package io.kechuang.gateway;

import io.kechuang.common.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders {@link GatewayProblem} like libs/common's ProblemMappers renders any problem, plus its headers. */
public class GatewayProblemMapper {

    @ServerExceptionMapper
    public Response gatewayProblem(GatewayProblem e, UriInfo uri) {
        Problem problem = e.problem();
        Problem body = problem.getInstance() == null && uri != null ? problem.withInstance(uri.getPath()) : problem;
        Response.ResponseBuilder response = Response.status(body.getStatus()).type(Problem.MEDIA_TYPE).entity(body);
        e.headers().forEach(response::header);
        return response.build();
    }
}
