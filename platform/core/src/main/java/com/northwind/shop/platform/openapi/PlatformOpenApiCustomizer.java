package com.northwind.shop.platform.openapi;

import com.northwind.shop.platform.problem.Problems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The conventions of every service's OpenAPI document, applied after springdoc built it from the controllers:
 *
 * <ul>
 *   <li>one server, {@code /}: the document is read through the gateway, so Swagger UI's "Try it out" calls the
 *       gateway that served it;
 *   <li>the bearer scheme on every operation the service's security chain does not leave open (optional on the open
 *       ones, which accept a token), with 401 and 403;
 *   <li>one {@code Problem} schema (RFC 9457) as the body of every 4xx and 5xx; 400 wherever parameters or a body
 *       are validated, 404 wherever a path names a resource, 429 (the gateway's rate limit), 500 and 503
 *       everywhere;
 *   <li>the gateway's rate-limit headers on every 2xx and 4xx, and {@code Retry-After} on 429;
 *   <li>integers without declared bounds get their type's range, uuid and date-time strings their length.
 * </ul>
 *
 * Responses an operation declares itself ({@code @ApiResponse(responseCode = "409", description = ...)}) keep their
 * description and get the problem body; such an operation keeps its success response too ({@link SuccessResponses}).
 */
public class PlatformOpenApiCustomizer implements OpenApiCustomizer {

    /** The security scheme's name. */
    public static final String BEARER = "bearer-jwt";

    /** The problem schema's name. */
    public static final String PROBLEM = "Problem";

    static final String RETRY_AFTER = "Retry-After";

    /** The gateway's rate-limit headers (IETF draft "RateLimit header fields"), sent on every routed response. */
    static final Map<String, String> RATE_LIMIT_HEADERS = Map.of(
            "RateLimit-Limit", "Requests the caller's bucket holds when full",
            "RateLimit-Remaining", "Requests left in the caller's bucket",
            "RateLimit-Reset", "Seconds until the bucket is full again");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "Invalid request: the fields at fault are listed in errors[]",
            "401", "Missing, invalid or expired access token",
            "403", "The token's roles do not allow this",
            "404", "No such resource (or not the caller's)",
            "409", "Conflicts with the resource's current state",
            "422", "Well-formed but not acceptable",
            "429", "Too many requests; retry after Retry-After seconds",
            "500", "Unexpected error; the traceId identifies it in the logs",
            "503", "A dependency (database, another service) is unavailable; retry later");

    private final String serviceName;
    private final AccessRules access;
    private final @Nullable SuccessResponses successes;

    PlatformOpenApiCustomizer(String serviceName, AccessRules access, @Nullable SuccessResponses successes) {
        this.serviceName = serviceName;
        this.access = access;
        this.successes = successes;
    }

    @Override
    public void customise(OpenAPI openApi) {
        info(openApi);
        openApi.setServers(List.of(new Server()
                .url("/")
                .description("The gateway that served this document (local, test, staging or production)")
                .extensions(Map.of("x-internal", false))));
        Components components = Objects.requireNonNullElseGet(openApi.getComponents(), Components::new);
        openApi.setComponents(components);
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An access token from POST /api/auth/login (RS256 JWT, 15 minutes), sent as"
                                + " Authorization: Bearer; issued and verified following RFC8725"));
        components.addSchemas(PROBLEM, problemSchema());
        if (successes != null) {
            successes.addSchemasTo(components);
        }
        RATE_LIMIT_HEADERS.forEach((name, description) -> components.addHeaders(
                name, new Header().description(description).schema(int64())));
        components.addHeaders(
                RETRY_AFTER,
                new Header()
                        .description("Seconds to wait before retrying")
                        .schema(new IntegerSchema()
                                .format("int32")
                                .minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(86_400))));
        if (openApi.getPaths() != null) {
            // The platform's error controller renders Boot's error dispatches; it is no endpoint of the API.
            openApi.getPaths().remove("/error");
            openApi.getPaths().forEach(this::operations);
        }
        if (components.getSchemas() != null) {
            components.getSchemas().remove("ProblemDetail");
            // Spring Data's PagedModel is no record, so RecordPresence cannot see that both its parts are always
            // there; its page metadata is a record and is marked by it.
            components.getSchemas().forEach((name, schema) -> {
                if (name.startsWith("PagedModel") && schema.getProperties() != null) {
                    schema.setRequired(List.of("content", "page"));
                }
            });
            components.getSchemas().values().forEach(PlatformOpenApiCustomizer::limits);
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths()
                    .values()
                    .forEach(item -> item.readOperations().forEach(PlatformOpenApiCustomizer::limits));
        }
    }

    private void info(OpenAPI openApi) {
        Info info = openApi.getInfo();
        if (info == null || info.getTitle() == null || info.getTitle().equals("OpenAPI definition")) {
            openApi.setInfo(new Info()
                    .title("Northwind Shop " + serviceName)
                    .version("v1")
                    .description(info != null ? info.getDescription() : null));
        }
    }

    private void operations(String path, PathItem item) {
        String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        item.readOperationsMap().forEach((method, operation) -> {
            AccessRules.Access needed = access.of(method.name(), concrete);
            ApiResponses responses = Objects.requireNonNullElseGet(operation.getResponses(), ApiResponses::new);
            operation.setResponses(responses);
            if (needed == AccessRules.Access.PUBLIC) {
                operation.setSecurity(List.of(new SecurityRequirement(), new SecurityRequirement().addList(BEARER)));
            } else {
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                add(responses, "401", null);
                add(
                        responses,
                        "403",
                        needed == AccessRules.Access.ADMIN
                                ? "Needs the ADMIN role"
                                : "The token is not a user's (a service token has no roles)");
            }
            List<Parameter> parameters = Objects.requireNonNullElse(operation.getParameters(), List.of());
            if (!parameters.isEmpty() || operation.getRequestBody() != null) {
                add(responses, "400", null);
            }
            if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
                add(responses, "404", null);
            }
            add(responses, "429", null);
            add(responses, "500", null);
            add(responses, "503", null);
            responses.forEach(this::response);
            // Codes in order, so the document reads (and diffs) the same way every time.
            TreeMap<String, ApiResponse> sorted = new TreeMap<>(responses);
            responses.clear();
            responses.putAll(sorted);
        });
    }

    private static void add(ApiResponses responses, String code, @Nullable String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description));
        }
    }

    private void response(String code, ApiResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(DESCRIPTIONS.getOrDefault(code, code.startsWith("2") ? "OK" : "Error"));
        }
        if (code.equals("304")) {
            // Not modified has no body, whatever the 200 has.
            response.setContent(null);
        }
        if (code.startsWith("4") || code.startsWith("5")) {
            response.setContent(new Content()
                    .addMediaType(
                            "application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
        }
        if (code.startsWith("2") || code.startsWith("4")) {
            RATE_LIMIT_HEADERS.keySet().stream()
                    .sorted()
                    .forEach(name -> response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name)));
        }
        if (code.equals("429")) {
            response.addHeaderObject(RETRY_AFTER, new Header().$ref("#/components/headers/" + RETRY_AFTER));
        }
    }

    private static Schema<?> problemSchema() {
        Schema<Object> fieldError = new ObjectSchema()
                .addProperty(
                        "field", new StringSchema().maxLength(200).description("The field, e.g. items[0].quantity"))
                .addProperty("message", new StringSchema().maxLength(500).description("What is wrong with it"));
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                new StringSchema()
                        .format("uri")
                        .maxLength(500)
                        .description("Identifies the kind of problem")
                        .example(Problems.type("validation").toString()));
        properties.put("title", new StringSchema().maxLength(200).example("Bad Request"));
        properties.put(
                "status",
                new IntegerSchema()
                        .format("int32")
                        .minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)));
        properties.put("detail", new StringSchema().maxLength(2_000).example("The request has invalid fields."));
        properties.put(
                "instance",
                new StringSchema().format("uri-reference").maxLength(2_000).example("/api/orders"));
        properties.put(
                "traceId",
                new StringSchema().maxLength(64).pattern("^[0-9a-f]+$").description("Finds the request in the logs"));
        properties.put(
                "errors", new ArraySchema().maxItems(1_000).items(fieldError).description("Invalid fields"));
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details, the body of every error");
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status"));
        Map<String, Object> example = new LinkedHashMap<>();
        // What a rejected order really answers (the platform's ProblemExceptionHandler), so the example stays true.
        example.put("type", Problems.type("validation").toString());
        example.put("title", "Bad Request");
        example.put("status", 400);
        example.put("detail", "The request has invalid fields.");
        example.put("instance", "/api/orders");
        example.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        example.put(
                "errors",
                List.of(Map.of("field", "items[0].quantity", "message", "must be less than or equal to 100")));
        problem.setExample(example);
        return problem;
    }

    private static Schema<Object> int64() {
        return new IntegerSchema()
                .format("int64")
                .minimum(BigDecimal.valueOf(-1))
                .maximum(BigDecimal.valueOf(Long.MAX_VALUE));
    }

    private static void limits(Operation operation) {
        Objects.requireNonNullElse(operation.getParameters(), List.<Parameter>of())
                .forEach(p -> limits(p.getSchema()));
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(m -> limits(m.getSchema()));
        }
        if (operation.getResponses() != null) {
            operation.getResponses().values().stream()
                    .filter(r -> r.getContent() != null)
                    .flatMap(r -> r.getContent().values().stream())
                    .forEach(m -> limits(m.getSchema()));
        }
    }

    /** A schema's type-given limits where nothing tighter is declared, through properties and items. */
    @SuppressWarnings("rawtypes")
    private static void limits(@Nullable Schema<?> schema) {
        if (schema == null || schema.get$ref() != null) {
            return;
        }
        String type = type(schema);
        if ("integer".equals(type)) {
            boolean int32 = "int32".equals(schema.getFormat());
            if (schema.getFormat() == null) {
                schema.setFormat("int64");
            }
            if (schema.getMinimum() == null && schema.getExclusiveMinimumValue() == null) {
                schema.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (schema.getMaximum() == null && schema.getExclusiveMaximumValue() == null) {
                schema.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        } else if ("string".equals(type) && schema.getMaxLength() == null && schema.getEnum() == null) {
            if ("uuid".equals(schema.getFormat())) {
                schema.setMaxLength(36);
            } else if ("date-time".equals(schema.getFormat())) {
                schema.setMaxLength(40);
            }
        }
        if (schema.getItems() != null) {
            limits(schema.getItems());
        }
        if (schema.getProperties() != null) {
            Collection<Schema> properties = schema.getProperties().values();
            new ArrayList<>(properties).forEach(PlatformOpenApiCustomizer::limits);
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            limits(values);
        }
    }

    private static @Nullable String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            return schema.getTypes().stream()
                    .filter(t -> !t.equals("null"))
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }
}
