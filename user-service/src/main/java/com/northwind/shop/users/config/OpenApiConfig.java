package com.northwind.shop.users.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description: every operation lists the problem responses it can give (RFC 9457,
 * {@code application/problem+json}), and protected operations name the bearer scheme.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer-jwt";

    /** Error responses per operation path and method, beyond the ones every protected operation has. */
    private static final Map<String, List<String>> ERRORS = Map.of(
            "POST /api/auth/register", List.of("400", "409"),
            "POST /api/auth/login", List.of("400", "401", "429"),
            "POST /api/auth/refresh", List.of("400", "401"),
            "POST /api/auth/logout", List.of("400"),
            "POST /api/auth/token", List.of("400", "401"),
            "PATCH /api/users/me", List.of("400"),
            "PUT /api/users/{id}/roles", List.of("400", "404", "409"),
            "POST /api/users/{id}/disable", List.of("404", "409"),
            "GET /api/users/{id}", List.of("404"),
            "GET /api/users", List.of("400"));

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "Invalid request (validation errors in errors[])",
            "401", "Missing, invalid or expired credentials",
            "403", "Authenticated but not allowed",
            "404", "No such resource",
            "409", "Conflicts with the current state",
            "429", "Too many failed attempts; see Retry-After",
            "500", "Unexpected error");

    @Bean
    OpenAPI usersOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Northwind Shop user-service")
                        .description("Accounts, login, rotating refresh tokens, JWKS and service tokens.")
                        .version("v1"))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    boolean open = path.startsWith("/api/auth/") || path.startsWith("/.well-known/");
                    List<String> codes = new java.util.ArrayList<>(ERRORS.getOrDefault(method + " " + path, List.of()));
                    if (!open) {
                        codes.add("401");
                        codes.add("403");
                        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                    }
                    codes.add("500");
                    codes.forEach(code -> operation.getResponses().addApiResponse(code, problem(code)));
                }));
    }

    private static ApiResponse problem(String code) {
        return new ApiResponse()
                .description(DESCRIPTIONS.getOrDefault(code, "Error"))
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new Schema<>().type("string").format("uri"));
        properties.put("title", new Schema<>().type("string"));
        properties.put("status", new Schema<>().type("integer"));
        properties.put("detail", new Schema<>().type("string"));
        properties.put("instance", new Schema<>().type("string").format("uri"));
        properties.put("traceId", new Schema<>().type("string"));
        properties.put(
                "errors",
                new Schema<>()
                        .type("array")
                        .items(new Schema<>()
                                .type("object")
                                .addProperty("field", new Schema<>().type("string"))
                                .addProperty("message", new Schema<>().type("string"))));
        return new Schema<>()
                .type("object")
                .description("RFC 9457 problem details")
                .properties(properties);
    }
}
