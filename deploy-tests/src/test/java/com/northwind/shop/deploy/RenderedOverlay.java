package com.northwind.shop.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One kustomize overlay rendered the way {@code kubectl apply -k} would, as Kubernetes API objects. The dev overlay's
 * secretGenerator reads git-ignored files, so the overlays are rendered from a copy of {@code k8s/} in which
 * {@code secrets/generate.sh} has written throwaway ones.
 */
record RenderedOverlay(String name, List<JsonObject> objects) {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    static RenderedOverlay render(String overlay, Path k8sCopy) {
        List<String> command = new ArrayList<>(DeployTools.kustomizeCommand());
        command.add(k8sCopy.resolve("overlays").resolve(overlay).toString());
        String yaml = DeployTools.run(k8sCopy, command);
        Gson gson = new Gson();
        List<JsonObject> objects = Yaml.documents(yaml).stream()
                .map(document -> gson.toJsonTree(document).getAsJsonObject())
                .toList();
        return new RenderedOverlay(overlay, objects);
    }

    /** A copy of the repository's k8s/ with the dev overlay's secret files generated. */
    static Path copyOfK8sWithDevSecrets() {
        try {
            Path target = Files.createTempDirectory("deploy-tests-k8s");
            Path source = DeployTools.REPO.resolve("k8s");
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path path : walk.toList()) {
                    Path copy = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else if (!path.getFileName().toString().contains(".secret.")) {
                        Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            Path secrets = target.resolve("overlays/dev/secrets");
            DeployTools.run(
                    secrets, List.of("bash", secrets.resolve("generate.sh").toString()));
            return target;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The dev and the prod overlay, rendered from one copy of k8s/ with the dev overlay's secret files generated. */
    static List<RenderedOverlay> devAndProd() {
        Path k8s = copyOfK8sWithDevSecrets();
        return List.of(render("dev", k8s), render("prod", k8s));
    }

    /** The pod spec of a workload. */
    static JsonObject podSpec(JsonObject workload) {
        return workload.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec");
    }

    /** The first container of a workload's pod. */
    static JsonObject firstContainer(JsonObject workload) {
        return podSpec(workload).getAsJsonArray("containers").get(0).getAsJsonObject();
    }

    List<JsonObject> ofKind(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind").getAsString()))
                .toList();
    }

    <T> List<T> ofKind(String kind, Class<T> model) {
        return ofKind(kind).stream().map(o -> as(o, model)).toList();
    }

    <T> Optional<T> find(String kind, String name, Class<T> model) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(name(o)))
                .findFirst()
                .map(o -> as(o, model));
    }

    static String id(JsonObject object) {
        return object.get("kind").getAsString() + "/" + name(object);
    }

    static String name(JsonObject object) {
        return object.getAsJsonObject("metadata").get("name").getAsString();
    }

    /**
     * Problems the Kubernetes API's OpenAPI schema finds in the object: unknown or missing required fields, wrong
     * types; empty when it is valid. The check is the one the generated Java models run before deserializing.
     */
    static Optional<String> schemaProblem(JsonObject object) {
        String apiVersion = object.get("apiVersion").getAsString();
        String kind = object.get("kind").getAsString();
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String model = MODELS + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
        JsonElement checked = object.deepCopy();
        if ("Secret".equals(kind) && object.has("data")) {
            // The API server's base64 decoder skips line breaks that kustomize may fold into long values.
            JsonObject data = checked.getAsJsonObject().getAsJsonObject("data");
            for (Map.Entry<String, JsonElement> entry : data.entrySet()) {
                entry.setValue(new com.google.gson.JsonPrimitive(
                        entry.getValue().getAsString().replaceAll("\\s+", "")));
            }
        }
        try {
            Class.forName(model)
                    .getMethod("validateJsonElement", JsonElement.class)
                    .invoke(null, checked);
            JSON.getGson().fromJson(checked, Class.forName(model));
            return Optional.empty();
        } catch (ClassNotFoundException ex) {
            return Optional.of("no Kubernetes 1.32 API type " + apiVersion + " " + kind);
        } catch (InvocationTargetException ex) {
            return Optional.of(String.valueOf(ex.getCause().getMessage()));
        } catch (RuntimeException ex) {
            return Optional.of(String.valueOf(ex.getMessage()));
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static <T> T as(JsonObject object, Class<T> model) {
        return JSON.getGson().fromJson(object, model);
    }

    @Override
    public String toString() {
        return name;
    }
}
