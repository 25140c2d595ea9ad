package com.northwind.shop.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed OpenAPI documents in the repository's {@code api/} folder, one per service: what the frontend's
 * client is generated from and Spectral lints. A service's test compares the document it serves with its committed
 * file, so that an API change shows up in review as a change of {@code api/}. {@code api/update.sh} (system property
 * {@code api.update=true}) writes the served documents instead.
 */
public final class ApiDocuments {

    /** How to bring the committed documents up to date; printed when they differ. */
    public static final String UPDATE_COMMAND = "api/update.sh";

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ApiDocuments() {}

    /**
     * Fails unless {@code GET /v3/api-docs} of the application under test equals {@code api/<name>.json}; with
     * {@code -Dapi.update=true}, writes that file instead.
     */
    public static void assertServedDocumentIsCommitted(TestHttp http, String name) {
        TestHttp.Response response = http.get("/v3/api-docs");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String served = JSON.writeValueAsString(response.json()) + "\n";
        Path file = apiFolder().resolve(name + ".json");
        try {
            if (Boolean.getBoolean("api.update")) {
                Files.writeString(file, served);
                return;
            }
            String committed = Files.exists(file) ? Files.readString(file) : "";
            if (!committed.equals(served)) {
                throw new AssertionError("api/" + name + ".json is not the document the code serves ("
                        + firstDifference(committed, served) + "). If the API change is intended, run "
                        + UPDATE_COMMAND + " and commit api/.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed committed document, for tests that check what it declares. */
    public static JsonNode committed(String name) {
        try {
            return JSON.readTree(Files.readString(apiFolder().resolve(name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's {@code api/} folder, found upwards from the module the test runs in. */
    static Path apiFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("api/update.sh"))) {
                return dir.resolve("api");
            }
        }
        throw new IllegalStateException("no api/update.sh above " + Path.of("").toAbsolutePath());
    }

    private static String firstDifference(String committed, String served) {
        List<String> a = committed.lines().toList();
        List<String> b = served.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end>";
            String right = i < b.size() ? b.get(i) : "<end>";
            if (!left.equals(right)) {
                return "first difference at line " + (i + 1) + ": committed `" + left.strip() + "`, served `"
                        + right.strip() + "`";
            }
        }
        return "same lines, different line endings";
    }
}
