package io.kechuang.common.openapi;

import io.kechuang.common.idempotency.Idempotency;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the error answers that follow from the platform's conventions, the same way on every operation of every
 * service, so that resources only describe what is particular to them. An answer an operation documents itself is
 * left as it is. All are {@code application/problem+json}:
 * <ul>
 * <li>401 on every secured operation; 403 on every one that changes something;</li>
 * <li>404 where the path names a record ({@code {id}});</li>
 * <li>400 where a body or query parameters can be invalid;</li>
 * <li>412 where {@code If-Match} is accepted, and 428 where it is required;</li>
 * <li>409 where {@code Idempotency-Key} is accepted (a key reused for another request).</li>
 * </ul>
 * Every other error answer an operation declares without a body gets the same problem+json body, and one declared
 * as {@code application/json} is served as problem+json, as {@code ProblemMappers} does. It also describes the
 * {@code If-Match} and {@code Idempotency-Key} headers wherever they appear.
 *
 * <p>Operations that a shared resource declares for every listing service ({@code ListingResyncResource}) name
 * their {@code operationId} with a {@value #LISTING} placeholder, which becomes the singular of the collection the
 * path starts with ({@code /api/achievements/resync} → {@code startAchievementResync}), so that ids stay unique
 * across the merged platform document.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class StandardResponses implements OASFilter {

    private static final String IF_MATCH = "If-Match";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String LISTING = "{Listing}";
    private static final Pattern COLLECTION = Pattern.compile("^/api/([a-z]+?)(?:(?<=ch)es|s)(/|$)");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) ->
                document(path, method, operation, securedByDefault)));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation, boolean securedByDefault) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean secured = operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
        if (secured) {
            add(responses, "401", "No token, or an invalid one");
            if (method != PathItem.HttpMethod.GET) {
                add(responses, "403", "The caller's role may not do this, or the record belongs to another organisation");
            }
        }
        nameAfterCollection(path, operation);
        if (operation.getSecurity() != null && operation.getSecurity().size() > 1) {
            // A class-level requirement and the one SmallRye adds for @RolesAllowed may name the same scheme twice.
            Set<Set<String>> seen = new HashSet<>();
            operation.setSecurity(new ArrayList<>(operation.getSecurity().stream()
                    .filter(requirement -> seen.add(Set.copyOf(requirement.getSchemes().keySet()))).toList()));
        }
        if (path.contains("{id}")) {
            add(responses, "404", "Unknown, or not visible to the caller");
        }
        if (operation.getRequestBody() != null || parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
            add(responses, "400", "Invalid input; every offending field is listed in errors");
        }
        for (Parameter header : parameters) {
            if (header.getIn() != Parameter.In.HEADER) {
                continue;
            }
            if (IF_MATCH.equalsIgnoreCase(header.getName())) {
                boolean required = method == PathItem.HttpMethod.PUT;
                header.setRequired(required);
                describe(header, required ? "ETag of the version being replaced, e.g. \"3\""
                        : "ETag of the version the change is based on, e.g. \"3\"; optional, but must be current when sent");
                add(responses, "412", "If-Match names a version that is no longer current");
                if (required) {
                    add(responses, "428", "If-Match is missing");
                }
            } else if (Idempotency.HEADER.equalsIgnoreCase(header.getName())) {
                describe(header, "Makes retries safe: a retry with the same key returns the first response and creates nothing");
                add(responses, "409", "Idempotency-Key reused for a different request");
            }
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                asProblem(response);
            }
        });
        // Success first, then the errors by code: generated clients take their Accept header from this order.
        Map<String, org.eclipse.microprofile.openapi.models.responses.APIResponse> sorted = new TreeMap<>(
                responses.getAPIResponses());
        responses.setAPIResponses(new LinkedHashMap<>(sorted));
    }

    private static void nameAfterCollection(String path, Operation operation) {
        String id = operation.getOperationId();
        Matcher collection = COLLECTION.matcher(path);
        if (id != null && id.contains(LISTING) && collection.find()) {
            String singular = collection.group(1);
            operation.setOperationId(id.replace(LISTING,
                    Character.toUpperCase(singular.charAt(0)) + singular.substring(1)));
        }
    }

    /** Error answers are problem+json: a body declared as plain JSON moves there, a missing one is added. */
    private static void asProblem(org.eclipse.microprofile.openapi.models.responses.APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        Content content = response.getContent();
        if (content == null) {
            content = OASFactory.createContent();
            response.setContent(content);
        }
        Map<String, MediaType> types = content.getMediaTypes() == null ? Map.of() : content.getMediaTypes();
        MediaType problem = types.get(PROBLEM_JSON);
        if (problem == null) {
            problem = types.containsKey(JSON) ? types.get(JSON) : OASFactory.createMediaType();
            content.removeMediaType(JSON);
            content.addMediaType(PROBLEM_JSON, problem);
        }
        if (problem.getSchema() == null) {
            problem.setSchema(OASFactory.createSchema().ref(PROBLEM_REF));
        }
    }

    private static void describe(Parameter header, String description) {
        if (header.getDescription() == null) {
            header.setDescription(description);
        }
    }

    private static void add(APIResponses responses, String code, String description) {
        Map<String, org.eclipse.microprofile.openapi.models.responses.APIResponse> existing = responses.getAPIResponses();
        if (existing != null && existing.containsKey(code)) {
            return;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)))));
    }
}
