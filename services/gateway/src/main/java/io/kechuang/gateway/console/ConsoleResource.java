package io.kechuang.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.common.problem.ProblemException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The console's pages. Every page reads through {@link PlatformApi} with the person's token; every write is a form
 * posted with the session's CSRF token to {@code /console/action} (or the import upload), which relays it to the API
 * and shows the API's problem next to the field it names.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class ConsoleResource {

    static final String SESSION_COOKIE = "kc_session";
    static final String SECURE_SESSION_COOKIE = "__Host-kc_session";
    static final String LOGIN_CSRF_COOKIE = "kc_login_csrf";
    static final String LANGUAGE_COOKIE = "kc_lang";
    private static final Pattern API_PATH = Pattern.compile("/(api|auth)(/[A-Za-z0-9_\\-.:]+)+(\\?[A-Za-z0-9_=&\\-.%]*)?");
    private static final Pattern CONSOLE_PATH = Pattern.compile("/console(/[A-Za-z0-9_\\-.{}]*)*(\\?[A-Za-z0-9_=&\\-.%]*)?");
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    Sessions sessions;

    @Inject
    PlatformApi api;

    @Inject
    Engine engine;

    @Inject
    Texts texts;

    @Inject
    ObjectMapper json;

    @Inject
    ConsoleConfig config;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Context
    HttpServerRequest request;

    // ------------------------------------------------------------------ sign-in

    @GET
    @Operation(hidden = true)
    public Response home() {
        Optional<Sessions.Person> person = person();
        if (person.isEmpty()) {
            return redirect("/console/sign-in");
        }
        Sessions.Person p = person.get();
        String home = p.has("ADMIN") ? "/console/admin/organisations"
                : p.has("BROKER") ? "/console/queue"
                : p.ownListings().map(kind -> "/console/" + kind).orElse("/console/search");
        return redirect(home);
    }

    @GET
    @Path("/sign-in")
    @Operation(hidden = true)
    public Response signInPage(@QueryParam("next") String next, @QueryParam("ended") String ended) {
        String loginCsrf = Sessions.randomToken();
        Map<String, Object> data = new HashMap<>();
        data.put("next", safeNext(next));
        data.put("loginCsrf", loginCsrf);
        data.put("ended", ended != null);
        return page("sign-in", null, data, 200).cookie(cookie(LOGIN_CSRF_COOKIE, loginCsrf, -1, "/console/sign-in"))
                .build();
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("_csrf") String csrf, @FormParam("next") String next,
            @CookieParam(LOGIN_CSRF_COOKIE) String loginCsrf) {
        Map<String, Object> data = new HashMap<>();
        data.put("next", safeNext(next));
        data.put("username", username == null ? "" : username);
        String fresh = Sessions.randomToken();
        data.put("loginCsrf", fresh);
        int status;
        if (loginCsrf == null || csrf == null || !same(loginCsrf, csrf)) {
            data.put("error", "csrf");
            status = 403;
        } else {
            try {
                Sessions.Started started = sessions.signIn(username == null ? "" : username.trim(),
                        password == null ? "" : password, clientAddress());
                return Response.seeOther(URI.create(safeNext(next))).cookie(sessionCookie(started.cookieValue(),
                        (int) config.absoluteTimeout().toSeconds()))
                        .cookie(cookie(LOGIN_CSRF_COOKIE, "", 0, "/console/sign-in")).build();
            } catch (ProblemException e) {
                status = e.problem().getStatus();
                data.put("error", status == 429 ? "throttled" : status == 403 ? "not-a-person" : "wrong");
                data.put("detail", e.problem().getDetail());
            }
        }
        return page("sign-in", null, data, status).cookie(cookie(LOGIN_CSRF_COOKIE, fresh, -1, "/console/sign-in"))
                .build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut(@FormParam("_csrf") String csrf) {
        Optional<Sessions.Person> person = person();
        if (person.isPresent()) {
            requireCsrf(person.get(), csrf);
            sessions.end(sessionCookieValue());
        }
        return Response.seeOther(URI.create("/console/sign-in?ended=1"))
                .cookie(sessionCookie("", 0)).build();
    }

    // ------------------------------------------------------------------ listings (demands and achievements)

    @GET
    @Path("/{kind:demands|achievements}")
    @Operation(hidden = true)
    public Response listings(@PathParam("kind") String kind, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("all") String all) {
        return signedIn(p -> {
            boolean own = all == null && !p.has("ADMIN") && !p.has("BROKER") && !p.orgType().equals("PARTNER");
            String query = "/api/" + kind + "?size=20&page=" + Math.max(0, page)
                    + (own ? "&owner=" + p.organisationId() : "") + param("status", status);
            Map<String, Object> data = new HashMap<>();
            data.put("kind", kind);
            data.put("list", read(p, query));
            data.put("own", own);
            data.put("status", status == null ? "" : status);
            data.put("isDemands", kind.equals("demands"));
            data.put("statuses", Choices.ALL.get(kind.equals("demands") ? "demandStatuses" : "achievementStatuses"));
            data.put("canCreate", p.ownListings().filter(kind::equals).isPresent());
            return view("listings", p, data);
        });
    }

    @GET
    @Path("/{kind:demands|achievements}/new")
    @Operation(hidden = true)
    public Response newListing(@PathParam("kind") String kind) {
        return signedIn(p -> view(kind.equals("demands") ? "demand-form" : "achievement-form", p,
                Map.of("item", Map.of(), "editing", false, "formMethod", "POST", "apiPath", "/api/" + kind,
                        "backPath", "/console/" + kind + "/{id}")));
    }

    @GET
    @Path("/{kind:demands|achievements}/{id}/edit")
    @Operation(hidden = true)
    public Response editListing(@PathParam("kind") String kind, @PathParam("id") String id) {
        return signedIn(p -> {
            String listingId = uuid(id);
            Map<String, Object> item = asMap(read(p, "/api/" + kind + "/" + listingId));
            Map<String, Object> texts = new HashMap<>();
            item.forEach((key, value) -> {
                if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
                    boolean lines = Set.of("technicalIndicators", "advantages", "applicationScenarios").contains(key);
                    texts.put(key + "Text", String.join(lines ? "\n" : ", ", (List<String>) list));
                } else if (value instanceof Number n) {
                    texts.put(key + "Text", n.toString());
                }
            });
            item.putAll(texts);
            return view(kind.equals("demands") ? "demand-form" : "achievement-form", p, Map.of("item", item,
                    "editing", true, "formMethod", "PUT", "apiPath", "/api/" + kind + "/" + listingId,
                    "backPath", "/console/" + kind + "/" + listingId));
        });
    }

    @GET
    @Path("/{kind:demands|achievements}/{id}")
    @Operation(hidden = true)
    public Response listing(@PathParam("kind") String kind, @PathParam("id") String id) {
        return signedIn(p -> {
            String listingId = uuid(id);
            Map<String, Object> item = asMap(read(p, "/api/" + kind + "/" + listingId));
            boolean owner = p.organisationId().toString().equals(String.valueOf(item.get("ownerOrgId")))
                    || p.has("ADMIN");
            Map<String, Object> data = new HashMap<>();
            data.put("kind", kind);
            data.put("item", item);
            data.put("owner", owner);
            data.put("apiBase", "/api/" + kind + "/" + listingId);
            data.put("selfPath", "/console/" + kind + "/" + listingId);
            if (owner) {
                String suggestions = kind.equals("demands") ? "/api/matches/demands/" + listingId + "/suggestions"
                        : "/api/matches/achievements/" + listingId + "/suggestions";
                data.put("suggestions", optional(p, suggestions + "?size=20"));
                data.put("accessRequests", optional(p, "/api/" + kind + "/" + listingId + "/access-requests?size=50"));
                data.put("reads", optional(p, "/api/" + kind + "/" + listingId + "/confidential-reads?size=20"));
                data.put("nda", optional(p, "/api/" + kind + "/" + listingId + "/nda"));
            }
            return view(kind.equals("demands") ? "demand" : "achievement", p, data);
        });
    }

    // ------------------------------------------------------------------ CSV import and export

    @GET
    @Path("/{kind:demands|achievements}/imports")
    @Operation(hidden = true)
    public Response imports(@PathParam("kind") String kind) {
        return signedIn(p -> view("imports", p, Map.of("kind", kind, "jobs", read(p, "/api/" + kind + "/imports?size=20"))));
    }

    @GET
    @Path("/{kind:demands|achievements}/imports/{job}")
    @Operation(hidden = true)
    public Response importJob(@PathParam("kind") String kind, @PathParam("job") String job,
            @QueryParam("fragment") String fragment) {
        return signedIn(p -> {
            Map<String, Object> data = Map.of("kind", kind, "job", read(p, "/api/" + kind + "/imports/" + uuid(job)
                    + "?size=50"));
            return fragment != null ? view("import-progress", p, data) : view("import-job", p, data);
        });
    }

    @POST
    @Path("/{kind:demands|achievements}/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response upload(@PathParam("kind") String kind, @RestForm("_csrf") String csrf,
            @RestForm("file") FileUpload file, @RestForm("open") String open) {
        return signedIn(p -> {
            requireCsrf(p, csrf);
            if (file == null || file.size() == 0) {
                return formError(p, "import", List.of(Map.of("field", "file", "message", t("import_file_missing"))),
                        t("import_file_missing"), 400);
            }
            String csv;
            try {
                csv = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return formError(p, "import", List.of(), e.getMessage(), 400);
            }
            String flag = kind.equals("demands") ? "open" : "publish";
            PlatformApi.Answer answer = api.sendText(p, base(), "POST", "/api/" + kind + "/import?" + flag + "="
                    + ("on".equals(open) || "true".equals(open)), csv, "text/csv");
            if (!answer.ok()) {
                return problem(p, "import", answer);
            }
            return go("/console/" + kind + "/imports/" + answer.body().path("id").asText());
        });
    }

    @GET
    @Path("/{kind:demands|achievements}/import-template")
    @Produces("text/csv;charset=utf-8")
    @Operation(hidden = true)
    public Response importTemplate(@PathParam("kind") String kind) {
        return signedIn(p -> {
            PlatformApi.Answer answer = required(p, "/api/" + kind + "/import/template");
            return Response.ok(answer.raw(), "text/csv;charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + kind + "-template.csv\"").build();
        });
    }

    @GET
    @Path("/{kind:demands|achievements}/export")
    @Produces("text/csv;charset=utf-8")
    @Operation(hidden = true)
    public Response export(@PathParam("kind") String kind) {
        return signedIn(p -> {
            List<JsonNode> rows = new ArrayList<>();
            for (int page = 0; rows.size() < config.maxExportRows(); page++) {
                JsonNode list = read(p, "/api/" + kind + "?size=100&page=" + page + "&owner=" + p.organisationId());
                list.path("items").forEach(rows::add);
                if (list.path("items").size() < 100) {
                    break;
                }
            }
            String csv = Exports.csv(kind, rows);
            return Response.ok("\uFEFF" + csv, "text/csv;charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + kind + ".csv\"")
                    .header("Cache-Control", "no-store").build();
        });
    }

    // ------------------------------------------------------------------ matches

    @GET
    @Path("/queue")
    @Operation(hidden = true)
    public Response queue(@QueryParam("status") String status, @QueryParam("field") String field,
            @QueryParam("region") String region, @QueryParam("confidence") String confidence,
            @QueryParam("assigned") String assigned, @QueryParam("flagged") String flagged,
            @QueryParam("sort") String sort, @QueryParam("page") @DefaultValue("0") int page) {
        return signedIn(p -> {
            Map<String, String> filters = filters("status", status, "field", field, "region", region,
                    "confidence", confidence, "assigned", assigned, "flagged", flagged, "sort", sort);
            Map<String, Object> data = new HashMap<>();
            data.put("filters", filters);
            data.put("list", read(p, withParams("/api/matches/queue?size=20&page=" + Math.max(0, page), filters)));
            data.put("assignedChoices", List.of("me", "unassigned"));
            data.put("flaggedChoices", List.of("true", "false"));
            data.put("sortChoices", List.of("score", "age", "deadline"));
            return view("queue", p, data);
        });
    }

    @GET
    @Path("/matches")
    @Operation(hidden = true)
    public Response matches(@QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page) {
        return signedIn(p -> {
            String query = p.has("BROKER") ? "/api/matches/queue?assigned=me&sort=age&size=20&page=" + Math.max(0, page)
                    : "/api/matches?size=20&page=" + Math.max(0, page);
            Map<String, Object> data = new HashMap<>();
            data.put("list", read(p, query + param("status", status)));
            data.put("status", nz(status));
            // What waits for this organisation's answer: brokers' access requests to its listings.
            p.ownListings().ifPresent(listings -> {
                data.put("listings", listings);
                data.put("pending", optional(p, "/api/" + listings + "/access-requests?status=PENDING&size=50"));
            });
            return view("matches", p, data);
        });
    }

    @GET
    @Path("/matches/{id}")
    @Operation(hidden = true)
    public Response match(@PathParam("id") String id) {
        return signedIn(p -> {
            String matchId = uuid(id);
            Map<String, Object> match = asMap(read(p, "/api/matches/" + matchId));
            Map<String, Object> data = new HashMap<>();
            data.put("match", match);
            String demandId = String.valueOf(((Map<?, ?>) match.get("demand")).get("id"));
            String achievementId = String.valueOf(((Map<?, ?>) match.get("achievement")).get("id"));
            Map<String, Object> demand = asMap(optional(p, "/api/demands/" + demandId));
            Map<String, Object> achievement = asMap(optional(p, "/api/achievements/" + achievementId));
            data.put("demand", demand);
            data.put("achievement", achievement);
            Map<String, Object> explanation = match.get("explanation") instanceof Map<?, ?> e
                    ? castMap(e) : Map.of();
            List<String> terms = Highlights.terms(explanation);
            data.put("demandText", Highlights.mark(Highlights.join(demand.get("problemStatement"),
                    demand.get("technicalIndicators")), terms));
            data.put("achievementText", Highlights.mark(Highlights.join(achievement.get("summary"),
                    achievement.get("description")), terms));
            data.put("demandTitle", Highlights.mark(String.valueOf(demand.getOrDefault("title",
                    ((Map<?, ?>) match.get("demand")).get("title"))), terms));
            data.put("achievementTitle", Highlights.mark(String.valueOf(achievement.getOrDefault("title",
                    ((Map<?, ?>) match.get("achievement")).get("title"))), terms));
            data.put("chart", Highlights.chart(json, match, t("chart_contribution")));
            Set<String> actions = Workflow.actions(match, p);
            data.put("actions", actions);
            data.put("history", optional(p, "/api/matches/" + matchId + "/history?size=50"));
            // The NDAs this person may have to accept: the broker side's both, a party's the other side's.
            List<String> sides = actions.contains("note") ? List.of("demand", "achievement")
                    : Workflow.ownedBy(match.get("demand"), p) ? List.of("achievement")
                    : Workflow.ownedBy(match.get("achievement"), p) ? List.of("demand") : List.of();
            List<Map<String, Object>> pendingNdas = new ArrayList<>();
            for (String side : sides) {
                String apiBase = "/api/" + side + "s/" + (side.equals("demand") ? demandId : achievementId) + "/nda";
                JsonNode nda = optional(p, apiBase);
                if (nda != null && nda.path("required").asBoolean() && !nda.path("acceptedByCaller").asBoolean()) {
                    pendingNdas.add(Map.of("side", side, "nda", asMap(nda), "apiPath", apiBase + "/acceptances"));
                }
            }
            data.put("pendingNdas", pendingNdas);
            data.put("selfPath", "/console/matches/" + matchId);
            data.put("accessScopes", List.of("DETAILS", "CONTACT"));
            return view("match", p, data);
        });
    }

    @GET
    @Path("/stats")
    @Operation(hidden = true)
    public Response stats(@QueryParam("field") String field, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return signedIn(p -> {
            JsonNode stats = read(p, "/api/matches/stats?x=1" + param("field", field) + param("from", from)
                    + param("to", to));
            Map<String, Object> data = new HashMap<>();
            data.put("stats", stats);
            data.put("chart", Statistics.charts(json, stats, texts.of(language())));
            data.put("chartNames", List.of("funnel", "byField", "byRegion", "byMonth", "contractValue",
                    "declineReasons"));
            data.put("field", nz(field));
            data.put("from", nz(from));
            data.put("to", nz(to));
            return view("stats", p, data);
        });
    }

    // ------------------------------------------------------------------ search

    @GET
    @Path("/search")
    @Operation(hidden = true)
    public Response search(@QueryParam("q") String q, @QueryParam("type") String type,
            @QueryParam("field") String field, @QueryParam("region") String region,
            @QueryParam("cooperation") String cooperation, @QueryParam("page") @DefaultValue("0") int page) {
        return signedIn(p -> {
            Map<String, String> filters = filters("q", q, "type", type, "field", field, "region", region,
                    "cooperation", cooperation);
            Map<String, Object> data = new HashMap<>();
            data.put("filters", filters);
            JsonNode result = read(p, withParams("/api/search?size=20&page=" + Math.max(0, page), filters));
            data.put("result", result);
            List<Map<String, Object>> hits = new ArrayList<>();
            for (JsonNode hit : result.path("items")) {
                Map<String, Object> h = asMap(hit);
                List<String> fragments = new ArrayList<>();
                hit.path("highlights").forEach(f -> fragments.add(Highlights.fragment(f.asText())));
                if (fragments.isEmpty() && hit.hasNonNull("text")) {
                    String text = hit.path("text").asText();
                    fragments.add(Highlights.escape(text.length() > 160 ? text.substring(0, 160) + "…" : text));
                }
                h.put("fragments", fragments);
                hits.add(h);
            }
            data.put("hits", hits);
            data.put("typeChoices", List.of("ACHIEVEMENT", "DEMAND"));
            data.put("base", withParams("/console/search?x=1", filters));
            return view("search", p, data);
        });
    }

    // ------------------------------------------------------------------ admin and account

    @GET
    @Path("/admin/{section:organisations|users|clients|keys}")
    @Operation(hidden = true)
    public Response admin(@PathParam("section") String section, @QueryParam("organisationId") String organisationId,
            @QueryParam("page") @DefaultValue("0") int page) {
        return signedIn(p -> {
            String path = "/api/admin/" + section + (section.equals("keys") ? "" : "?size=50&page=" + Math.max(0, page)
                    + param("organisationId", organisationId == null ? null : uuid(organisationId)));
            Map<String, Object> data = new HashMap<>();
            data.put("section", section);
            JsonNode list = read(p, path);
            data.put("list", list);
            if (organisationId != null && !section.equals("organisations")) {
                data.put("organisation", read(p, "/api/admin/organisations/" + uuid(organisationId)));
            }
            if (section.equals("keys")) {
                data.put("keysJson", list.toPrettyString());
            }
            data.put("orgTypeChoices", List.of("UNIVERSITY", "RESEARCH_INSTITUTE", "ENTERPRISE", "BROKERAGE",
                    "PARTNER"));
            if (!section.equals("organisations") && !section.equals("keys")) {
                data.put("organisations", read(p, "/api/admin/organisations?size=100"));
            }
            return view("admin-" + section, p, data);
        });
    }

    @GET
    @Path("/password")
    @Operation(hidden = true)
    public Response password() {
        return signedIn(p -> view("password", p, Map.of()));
    }

    // ------------------------------------------------------------------ every write

    /**
     * Relays a form to the API: {@code _method} and {@code _path} name the call, {@code _back} where to go after it
     * ({@code {id}} stands for the created resource), the other fields become its JSON body ({@link FormBody}).
     */
    @POST
    @Path("/action")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response action(MultivaluedMap<String, String> form) {
        return signedIn(p -> {
            requireCsrf(p, form.getFirst("_csrf"));
            String formId = Optional.ofNullable(form.getFirst("_form")).orElse("form").replaceAll("[^A-Za-z0-9-]", "");
            String method = Optional.ofNullable(form.getFirst("_method")).orElse("POST");
            String path = Optional.ofNullable(form.getFirst("_path")).orElse("");
            if (!Set.of("POST", "PUT", "DELETE").contains(method) || !API_PATH.matcher(path).matches()
                    || path.contains("..")) {
                throw ProblemException.validation("_path", "not an API call the console makes");
            }
            PlatformApi.Answer answer;
            if (method.equals("DELETE")) {
                answer = api.send(p, base(), method, path, null);
            } else {
                com.fasterxml.jackson.databind.node.ObjectNode body = form.containsKey("_empty") ? null
                        : FormBody.toJson(json, form);
                String preserve = form.getFirst("_preserve");
                if (body != null && preserve != null && method.equals("PUT")) {
                    // Fields the form does not show (patents, inventors) are kept as they are, not wiped by the PUT.
                    JsonNode current = read(p, path);
                    for (String field : preserve.split(",")) {
                        if (!body.has(field.trim()) && current.hasNonNull(field.trim())) {
                            body.set(field.trim(), current.get(field.trim()));
                        }
                    }
                }
                answer = api.send(p, base(), method, path, body, form.getFirst("_version"));
            }
            if (!answer.ok()) {
                return problem(p, formId, answer);
            }
            if (answer.body().has("clientSecret")) {
                // A new API client or secret: shown this once, never stored by the console.
                return view("secret", p, Map.of("answer", asMap(answer.body())));
            }
            String back = Optional.ofNullable(form.getFirst("_back")).orElse("/console");
            String created = answer.body().path("id").asText(answer.location()
                    .map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse(""));
            back = back.replace("{id}", created);
            // {field} stands for that field of the answer, e.g. the organisation of a user just created.
            java.util.regex.Matcher field = Pattern.compile("\\{(\\w+)}").matcher(back);
            StringBuilder resolved = new StringBuilder();
            while (field.find()) {
                field.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(
                        URLEncoder.encode(answer.body().path(field.group(1)).asText(""), StandardCharsets.UTF_8)));
            }
            back = field.appendTail(resolved).toString();
            if (!CONSOLE_PATH.matcher(back).matches()) {
                back = "/console";
            }
            return go(back + (back.contains("?") ? "&" : "?") + "done=" + formId);
        });
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    interface PageBody {
        Response render(Sessions.Person person);
    }

    /** Runs a page for a signed-in person; otherwise sends the browser to sign in (htmx: HX-Redirect). */
    private Response signedIn(PageBody body) {
        Optional<Sessions.Person> person = person();
        if (person.isEmpty()) {
            String next = uri.getRequestUri().getRawPath()
                    + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
            String target = "/console/sign-in?next=" + URLEncoder.encode(safeNext(next), StandardCharsets.UTF_8);
            return htmx() ? Response.ok().header("HX-Redirect", target).build() : redirect(target);
        }
        try {
            return body.render(person.get());
        } catch (ApiFailure failure) {
            Map<String, Object> data = Map.of("status", failure.answer.status(), "detail", failure.answer.detail());
            return page("error", person.get(), data, failure.answer.status()).build();
        } catch (ProblemException problem) {
            Map<String, Object> data = Map.of("status", problem.problem().getStatus(),
                    "detail", Optional.ofNullable(problem.problem().getDetail()).orElse(problem.problem().getTitle()));
            if (htmx()) {
                return formError(person.get(), "form", List.of(), (String) data.get("detail"),
                        problem.problem().getStatus());
            }
            return page("error", person.get(), data, problem.problem().getStatus()).build();
        }
    }

    private Optional<Sessions.Person> person() {
        return sessions.find(sessionCookieValue());
    }

    private String sessionCookieValue() {
        Map<String, jakarta.ws.rs.core.Cookie> cookies = headers.getCookies();
        jakarta.ws.rs.core.Cookie c = cookies.getOrDefault(SECURE_SESSION_COOKIE, cookies.get(SESSION_COOKIE));
        return c == null ? null : c.getValue();
    }

    private void requireCsrf(Sessions.Person person, String formToken) {
        String token = formToken != null ? formToken : headers.getHeaderString("X-CSRF-Token");
        if (token == null || !same(token, person.csrfToken())) {
            throw new ProblemException(io.kechuang.common.problem.Problem.of(403, "csrf", "CSRF token missing or wrong")
                    .detail("This form is out of date or did not come from the console; reload the page and try again")
                    .build());
        }
        String origin = headers.getHeaderString("Origin");
        String host = headers.getHeaderString("Host");
        if (origin != null && host != null && !origin.equals("null") && !URI.create(origin).getAuthority().equals(host)) {
            throw ProblemException.forbidden("Cross-site request refused");
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET the page cannot do without: a failure becomes the error page (404 stays 404). */
    private JsonNode read(Sessions.Person p, String path) {
        return required(p, path).body();
    }

    private PlatformApi.Answer required(Sessions.Person p, String path) {
        PlatformApi.Answer answer = api.get(p, base(), path);
        if (!answer.ok()) {
            throw new ApiFailure(answer);
        }
        return answer;
    }

    /** A GET the page can do without (a section the person may not see): null when refused. */
    private JsonNode optional(Sessions.Person p, String path) {
        PlatformApi.Answer answer = api.get(p, base(), path);
        return answer.ok() ? answer.body() : null;
    }

    static final class ApiFailure extends RuntimeException {
        final transient PlatformApi.Answer answer;

        ApiFailure(PlatformApi.Answer answer) {
            super(answer.detail(), null, false, false);
            this.answer = answer;
        }
    }

    /** The API's problem as a form's error summary, with each field's message swapped in next to the field. */
    private Response problem(Sessions.Person p, String formId, PlatformApi.Answer answer) {
        List<Map<String, String>> errors = new ArrayList<>();
        answer.body().path("errors").forEach(e -> errors.add(Map.of("field", e.path("field").asText(""),
                "message", e.path("message").asText(""))));
        return formError(p, formId, errors, answer.detail(), answer.status());
    }

    private Response formError(Sessions.Person p, String formId, List<Map<String, String>> errors, String detail,
            int status) {
        List<Map<String, String>> fields = new ArrayList<>();
        for (Map<String, String> e : errors) {
            String field = e.get("field").replaceAll("\\[\\d+]", "");
            fields.add(Map.of("field", e.get("field"), "message", e.get("message"),
                    "id", "err-" + formId + "-" + field.replaceAll("[^A-Za-z0-9]", "-")));
        }
        Map<String, Object> data = Map.of("formId", formId, "errors", fields, "detail", detail, "status", status);
        if (htmx()) {
            // htmx swaps only 2xx answers: the error goes out as 200 into the form's error area.
            return Response.fromResponse(view("form-errors", p, data))
                    .header("HX-Retarget", "#errors-" + formId).header("HX-Reswap", "innerHTML").build();
        }
        return page("error", p, Map.of("status", status, "detail", detail, "errors", fields), status).build();
    }

    private boolean htmx() {
        return "true".equals(headers.getHeaderString("HX-Request"));
    }

    private Response go(String target) {
        return htmx() ? Response.ok().header("HX-Redirect", target).build() : redirect(target);
    }

    private static Response redirect(String target) {
        return Response.seeOther(URI.create(target)).build();
    }

    private Response view(String template, Sessions.Person p, Map<String, Object> data) {
        return page(template, p, data, 200).build();
    }

    private Response.ResponseBuilder page(String name, Sessions.Person p, Map<String, Object> data, int status) {
        String language = language();
        Template template = engine.getTemplate("console/" + name);
        if (template == null) {
            throw new IllegalStateException("no template console/" + name);
        }
        var instance = template.instance();
        data.forEach((k, v) -> instance.data(k, v instanceof JsonNode node ? json.convertValue(node, Object.class) : v));
        instance.data("t", texts.of(language));
        instance.data("lang", language);
        instance.data("me", p);
        instance.data("csrf", p == null ? "" : p.csrfToken());
        instance.data("path", uri.getRequestUri().getRawPath());
        instance.data("done", nz(uri.getQueryParameters().getFirst("done")));
        instance.data("choices", Choices.ALL);
        Object paged = data.containsKey("list") ? data.get("list") : data.get("result");
        if (paged instanceof JsonNode node && node.has("total") && node.has("page")) {
            instance.data("pager", pager(node));
        }
        Response.ResponseBuilder response = Response.status(status).entity(instance.render())
                .type(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' "
                        + "'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
                        + "base-uri 'none'; object-src 'none'");
        String requested = uri.getQueryParameters().getFirst("lang");
        if (requested != null && Texts.LANGUAGES.contains(requested)) {
            response.cookie(cookie(LANGUAGE_COOKIE, requested, 365 * 24 * 3600, "/console"));
        }
        return response;
    }

    /** Previous and next links for a page of results, keeping the request's other parameters. */
    private Map<String, Object> pager(JsonNode list) {
        int page = list.path("page").asInt();
        int size = Math.max(1, list.path("size").asInt(20));
        long total = list.path("total").asLong();
        Map<String, Object> pager = new HashMap<>();
        pager.put("total", total);
        pager.put("number", page + 1);
        pager.put("hasPrev", page > 0);
        pager.put("hasNext", (long) (page + 1) * size < total);
        pager.put("prevUrl", pageUrl(page - 1));
        pager.put("nextUrl", pageUrl(page + 1));
        return pager;
    }

    private String pageUrl(int page) {
        StringBuilder url = new StringBuilder(uri.getRequestUri().getRawPath()).append("?page=").append(page);
        uri.getQueryParameters().forEach((k, values) -> {
            if (!k.equals("page") && !k.equals("done") && !k.equals("lang")) {
                values.forEach(v -> url.append(param(k, v)));
            }
        });
        return url.toString();
    }

    private String language() {
        String requested = uri.getQueryParameters().getFirst("lang");
        if (requested != null && Texts.LANGUAGES.contains(requested)) {
            return requested;
        }
        jakarta.ws.rs.core.Cookie chosen = headers.getCookies().get(LANGUAGE_COOKIE);
        if (chosen != null && Texts.LANGUAGES.contains(chosen.getValue())) {
            return chosen.getValue();
        }
        // No choice made yet: the browser's first language we have, Chinese otherwise.
        for (java.util.Locale locale : headers.getAcceptableLanguages()) {
            if (Texts.LANGUAGES.contains(locale.getLanguage())) {
                return locale.getLanguage();
            }
        }
        return "zh";
    }

    private String t(String key) {
        return texts.of(language()).getOrDefault(key, key);
    }

    private boolean secure() {
        return switch (config.secureCookie()) {
            case "always" -> true;
            case "never" -> false;
            default -> request.isSSL() || "https".equalsIgnoreCase(request.scheme());
        };
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        boolean secure = secure();
        return new NewCookie.Builder(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE).value(value).path("/")
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    private NewCookie cookie(String name, String value, int maxAge, String path) {
        return new NewCookie.Builder(name).value(value).path(path).httpOnly(true).secure(secure())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** Where this gateway answers, for the console's own API calls: loopback, on the port the request came in on. */
    private String base() {
        // A request that came in over TLS (the in-cluster port) is answered through the plain port on loopback.
        int port = request.isSSL() ? org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.http.port", Integer.class) : request.localAddress().port();
        return "http://127.0.0.1:" + port;
    }

    private String clientAddress() {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
    }

    private static String safeNext(String next) {
        return next != null && next.startsWith("/console") && !next.startsWith("/console/sign-")
                && CONSOLE_PATH.matcher(next).matches() ? next : "/console";
    }

    private static String uuid(String id) {
        if (id == null || !UUID_PATTERN.matcher(id).matches()) {
            throw ProblemException.notFound("record", id);
        }
        return id.toLowerCase();
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? ""
                : "&" + name + "=" + URLEncoder.encode(value.trim(), StandardCharsets.UTF_8);
    }

    /** Filter values by name, in the order given ({@code name, value, name, value, …}); absent ones are empty. */
    private static Map<String, String> filters(String... namesAndValues) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            filters.put(namesAndValues[i], nz(namesAndValues[i + 1]));
        }
        return filters;
    }

    /** {@code base} (which has a query already) with every non-empty filter appended. */
    private static String withParams(String base, Map<String, String> filters) {
        StringBuilder url = new StringBuilder(base);
        filters.forEach((k, v) -> url.append(param(k, v)));
        return url.toString();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private Map<String, Object> asMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new HashMap<>();
        }
        return json.convertValue(node, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
