package com.northwind.shop.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML as plain maps and lists, merge keys ({@code <<}) and anchors resolved as compose and kubectl resolve them. */
final class Yaml {

    private Yaml() {}

    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : loader().loadAll(yaml)) {
            if (document != null) {
                documents.add(map(document, "document"));
            }
        }
        return documents;
    }

    static Map<String, Object> file(Path path) {
        try {
            return map(loader().load(Files.readString(path)), path.toString());
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read " + path, ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " is not a mapping: " + value);
    }

    private static org.yaml.snakeyaml.Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
    }
}
