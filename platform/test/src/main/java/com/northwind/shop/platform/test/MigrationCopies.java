package com.northwind.shop.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The platform's tables that each service copies into its own Flyway migrations (a service's schema stays
 * self-contained): the outbox and processed events ({@code northwind/events/*.sql}) and the Idempotency-Key records
 * ({@code northwind/idempotency/*.sql}). A copy must hold every statement of the definition unchanged; comments,
 * whitespace and where the statements sit among the service's own migrations do not matter.
 */
public final class MigrationCopies {

    /** The definitions of the event tables, needed by every service with {@code northwind.events.enabled}. */
    public static final String EVENTS = "classpath*:northwind/events/*.sql";

    /** The definition of {@code idempotency_records}, needed by every service that has that table. */
    public static final String IDEMPOTENCY = "classpath*:northwind/idempotency/*.sql";

    /** A service's own migrations. */
    public static final String SERVICE_MIGRATIONS = "classpath*:db/migration/*.sql";

    private MigrationCopies() {}

    /** The statements of some SQL, without comments, with whitespace collapsed and none around parentheses or commas. */
    public static List<String> statements(String sql) {
        String code = sql.replaceAll("--[^\\n]*", " ").replaceAll("\\s+", " ").replaceAll(" ?([(),]) ?", "$1");
        return Arrays.stream(code.split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The statements of every file matching {@code pattern}, in file-name order. */
    public static List<String> statementsOf(String pattern) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            Arrays.sort(
                    resources, (a, b) -> String.valueOf(a.getFilename()).compareTo(String.valueOf(b.getFilename())));
            List<String> statements = new ArrayList<>();
            for (Resource resource : resources) {
                statements.addAll(statements(resource.getContentAsString(StandardCharsets.UTF_8)));
            }
            return statements;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Fails unless {@code migrations} hold every statement of {@code definition} unchanged. */
    public static void assertCopied(List<String> migrations, List<String> definition, String what) {
        assertThat(definition).as("the platform's definition of %s", what).isNotEmpty();
        assertThat(migrations)
                .as("the service's migrations hold %s as the platform defines it (copy the platform's file)", what)
                .containsAll(definition);
    }
}
