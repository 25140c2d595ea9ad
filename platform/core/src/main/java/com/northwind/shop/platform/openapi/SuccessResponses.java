package com.northwind.shop.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.service.GenericResponseService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Gives back the success response springdoc leaves out of an operation that declares only its error responses.
 *
 * <p>springdoc derives the 200 (or {@code @ResponseStatus}) response from the handler's return type only when the
 * operation declares no {@code @ApiResponse} of its own; a controller documenting just its 404 or 409 would publish
 * an operation without any success response, and a generated client would see its result as untyped. This adds that
 * response the way springdoc builds it, from the return type, whenever an operation declares no 2xx, 3xx or
 * default response. The schemas the return type needs are kept here and added to the document's components by
 * {@link PlatformOpenApiCustomizer}, which runs after the operations are built.
 */
final class SuccessResponses implements GlobalOperationCustomizer {

    private final ObjectProvider<GenericResponseService> responses;
    private final ObjectProvider<SpringDocConfigProperties> properties;
    private final Map<String, Schema<?>> schemas = new ConcurrentHashMap<>();

    SuccessResponses(
            ObjectProvider<GenericResponseService> responses, ObjectProvider<SpringDocConfigProperties> properties) {
        this.responses = responses;
        this.properties = properties;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses declared = operation.getResponses();
        GenericResponseService service = responses.getIfAvailable();
        if (service == null
                || declared == null
                || declared.isEmpty()
                || declared.keySet().stream().anyMatch(SuccessResponses::isSuccess)) {
            return operation;
        }
        String code = service.evaluateResponseStatus(handler.getMethod(), handler.getBeanType(), false);
        ApiResponse success = new ApiResponse();
        MethodParameter returned = handler.getReturnType();
        Type type = GenericTypeResolver.resolveType(returned.getGenericParameterType(), handler.getBeanType());
        if (!isVoid(type)) {
            Components components = new Components();
            Content content =
                    service.buildContent(components, returned.getParameterAnnotations(), produces(handler), null, type);
            if (content != null && !content.isEmpty()) {
                success.setContent(content);
            }
            if (components.getSchemas() != null) {
                components.getSchemas().forEach(schemas::putIfAbsent);
            }
        }
        declared.addApiResponse(code, success);
        return operation;
    }

    /** Adds the schemas the added responses refer to, where the document does not have them yet. */
    void addSchemasTo(Components components) {
        schemas.forEach((name, schema) -> {
            if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
                components.addSchemas(name, schema);
            }
        });
    }

    private static boolean isSuccess(String code) {
        return code.startsWith("2") || code.startsWith("3") || code.equals("default");
    }

    private static boolean isVoid(Type type) {
        ResolvableType resolved = ResolvableType.forType(type);
        Class<?> raw = resolved.resolve(Object.class);
        if (ResponseEntity.class.isAssignableFrom(raw)) {
            raw = resolved.as(ResponseEntity.class).getGeneric(0).resolve(Object.class);
        }
        return raw == void.class || raw == Void.class;
    }

    private String[] produces(HandlerMethod handler) {
        RequestMapping onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (onMethod != null && onMethod.produces().length > 0) {
            return onMethod.produces();
        }
        RequestMapping onClass =
                AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        if (onClass != null && onClass.produces().length > 0) {
            return onClass.produces();
        }
        SpringDocConfigProperties config = properties.getIfAvailable();
        return new String[] {
            config != null && config.getDefaultProducesMediaType() != null
                    ? config.getDefaultProducesMediaType()
                    : "application/json"
        };
    }
}
