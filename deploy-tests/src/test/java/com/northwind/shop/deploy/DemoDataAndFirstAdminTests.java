package com.northwind.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #19's switches in Kubernetes: the dev overlay loads the demo catalog (product-service's {@code demo}
 * profile) and creates a first administrator (BOOTSTRAP_ADMIN_* in user-service's secret); the prod overlay does
 * neither. Compose's side is checked by container-tests (the journey logs in as the bootstrap admin and browses the
 * demo catalog).
 */
class DemoDataAndFirstAdminTests {

    @Test
    void devLoadsTheDemoCatalogAndCreatesAFirstAdminAndProdDoesNeither() {
        Path k8s = RenderedOverlay.copyOfK8sWithDevSecrets();
        RenderedOverlay dev = RenderedOverlay.render("dev", k8s);
        RenderedOverlay prod = RenderedOverlay.render("prod", k8s);

        assertThat(profiles(dev, "product-service")).containsExactly("demo");
        assertThat(keys(dev, "Secret", "user-service-secrets"))
                .contains("BOOTSTRAP_ADMIN_EMAIL", "BOOTSTRAP_ADMIN_PASSWORD");

        assertThat(profiles(prod, "")).noneMatch(p -> p.contains("demo"));
        assertThat(prod.objects().toString()).doesNotContain("BOOTSTRAP_ADMIN");
    }

    /** SPRING_PROFILES_ACTIVE of every ConfigMap whose name starts with the prefix, and of every container env. */
    private static List<String> profiles(RenderedOverlay overlay, String configMapPrefix) {
        List<String> out = new ArrayList<>();
        for (JsonObject map : overlay.ofKind("ConfigMap")) {
            JsonObject data = map.getAsJsonObject("data");
            if (RenderedOverlay.name(map).startsWith(configMapPrefix)
                    && data != null
                    && data.has("SPRING_PROFILES_ACTIVE")) {
                out.add(data.get("SPRING_PROFILES_ACTIVE").getAsString());
            }
        }
        for (JsonObject deployment : overlay.ofKind("Deployment")) {
            JsonObject pod = deployment.getAsJsonObject("spec").getAsJsonObject("template");
            for (JsonElement container : pod.getAsJsonObject("spec").getAsJsonArray("containers")) {
                JsonElement env = container.getAsJsonObject().get("env");
                if (env == null) {
                    continue;
                }
                for (JsonElement variable : env.getAsJsonArray()) {
                    JsonObject v = variable.getAsJsonObject();
                    if (v.get("name").getAsString().equals("SPRING_PROFILES_ACTIVE") && v.has("value")) {
                        out.add(v.get("value").getAsString());
                    }
                }
            }
        }
        return out;
    }

    /** The data keys of the objects of a kind whose name starts with the prefix (generated names carry a hash). */
    private static List<String> keys(RenderedOverlay overlay, String kind, String prefix) {
        List<String> out = new ArrayList<>();
        for (JsonObject object : overlay.ofKind(kind)) {
            if (RenderedOverlay.name(object).startsWith(prefix) && object.has("data")) {
                out.addAll(object.getAsJsonObject("data").keySet());
            }
        }
        return out;
    }
}
