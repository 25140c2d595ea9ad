package com.northwind.shop.platform.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Says in the document which fields of a record are always there and which may be {@code null}, from the record's
 * own JSpecify annotations (every service package is {@code @NullMarked}), so the document cannot drift from the
 * code.
 *
 * <ul>
 *   <li>A component without {@code @Nullable} is never null: in a response it is always present, in a request the
 *       service refuses a body without it (Bean Validation, or a primitive's range), so it is {@code required}.
 *   <li>A {@code @Nullable} component is {@code null} when it has no value, so its schema allows {@code null}
 *       (a {@code $ref} becomes {@code anyOf: [$ref, {type: null}]}). In a response (a record that is not a
 *       {@code *Request} nor nested in one) it is still always written, so it is required as well: present, maybe
 *       {@code null}; in a request a client may leave it out. Two exceptions: a component that Bean
 *       Validation requires ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}; Java sees it as nullable only
 *       before validation) is required and never null; a component Jackson leaves out when null
 *       ({@code @JsonInclude(NON_NULL)}) is optional, never {@code null}.
 * </ul>
 *
 * springdoc reads neither JSpecify nor Jackson's inclusion rules, hence this converter.
 */
final class RecordPresence implements ModelConverter {

    private static final List<Class<? extends Annotation>> REQUIRED_BY_VALIDATION =
            List.of(NotNull.class, NotBlank.class, NotEmpty.class);

    @Override
    @SuppressWarnings("rawtypes")
    public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(type, context, chain);
        Class<?> raw = type.getType() == null
                ? null
                : Json.mapper().constructType(type.getType()).getRawClass();
        if (resolved == null || raw == null || !raw.isRecord()) {
            return resolved;
        }
        Schema model = resolved;
        if (resolved.get$ref() != null) {
            String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
            model = context.getDefinedModels().get(name);
        }
        if (model != null && model.getProperties() != null) {
            mark(raw, model);
        }
        return resolved;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void mark(Class<?> record, Schema model) {
        Map<String, Schema> properties = model.getProperties();
        Set<String> required = new TreeSet<>(model.getRequired() == null ? List.of() : model.getRequired());
        boolean omitsNulls = omitsNulls(record);
        boolean response = !isRequest(record);
        for (RecordComponent component : record.getRecordComponents()) {
            String name = propertyName(component);
            Schema property = properties.get(name);
            if (property == null) {
                continue;
            }
            Field field = field(record, component.getName());
            boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                    || (field != null && field.getAnnotatedType().isAnnotationPresent(Nullable.class));
            boolean validated = REQUIRED_BY_VALIDATION.stream()
                    .anyMatch(a -> present(component, a) || (field != null && present(field, a)));
            if (!nullable || validated) {
                required.add(name);
            } else if (!omitsNulls && !omitsNulls(component) && (field == null || !omitsNulls(field))) {
                properties.put(name, allowNull(property));
                if (response) {
                    required.add(name);
                }
            }
        }
        model.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema allowNull(Schema property) {
        if (property.get$ref() != null) {
            Schema ref = new Schema().$ref(property.get$ref());
            Schema nullable = new Schema().anyOf(List.of(ref, new Schema().types(Set.of("null"))));
            nullable.setDescription(property.getDescription());
            return nullable;
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty() || types.contains("null")) {
            return property;
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List<Object> values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }

    /** Request records are named for their role ({@code PlaceOrderRequest}); their nested records belong to them. */
    private static boolean isRequest(Class<?> record) {
        for (@Nullable Class<?> c = record; c != null; c = c.getEnclosingClass()) {
            if (c.getSimpleName().endsWith("Request")) {
                return true;
            }
        }
        return false;
    }

    private static String propertyName(RecordComponent component) {
        JsonProperty renamed = component.getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    private static @Nullable Field field(Class<?> record, String name) {
        try {
            return record.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean present(AnnotatedElement element, Class<? extends Annotation> annotation) {
        return element.isAnnotationPresent(annotation);
    }

    private static boolean omitsNulls(AnnotatedElement element) {
        JsonInclude include = element.getAnnotation(JsonInclude.class);
        return include != null
                && include.value() != JsonInclude.Include.ALWAYS
                && include.value() != JsonInclude.Include.USE_DEFAULTS;
    }
}
