package com.northwind.shop.containers;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Compose reads it: YAML with merge keys, then every string interpolated from the .env
 * ({@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}},
 * {@code $$}). Only what {@link ComposeStack} knows how to apply may appear in a service: an unknown key fails the
 * test, so nothing in the file goes untested by being silently ignored.
 */
final class ComposeFile {

    /** The service keys the container test applies (compose-spec names). */
    static final Set<String> KNOWN_SERVICE_KEYS = Set.of(
            "image",
            "build",
            "restart",
            "read_only",
            "tmpfs",
            "security_opt",
            "cap_drop",
            "mem_limit",
            "networks",
            "healthcheck",
            "stop_grace_period",
            "logging",
            "environment",
            "depends_on",
            "command",
            "volumes",
            "shm_size",
            "ports",
            "user",
            "profiles");

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile read(Path file, Map<String, String> env) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> raw = new Yaml(options).load(reader);
            return new ComposeFile((Map<String, Object>) interpolate(raw, env));
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read " + file, ex);
        }
    }

    /** The services that start without a profile, in file order. */
    @SuppressWarnings("unchecked")
    Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        ((Map<String, Object>) root.get("services")).forEach((name, definition) -> {
            Map<String, Object> map = (Map<String, Object>) definition;
            for (String key : map.keySet()) {
                if (!KNOWN_SERVICE_KEYS.contains(key)) {
                    throw new IllegalStateException(
                            "service " + name + " uses `" + key + "`, which the container test does not apply yet");
                }
            }
            if (!map.containsKey("profiles")) {
                services.put(name, new Service(name, map));
            }
        });
        return services;
    }

    /** One service's definition after merging and interpolation. */
    record Service(String name, Map<String, Object> definition) {

        @Nullable
        String string(String key) {
            Object value = definition.get(key);
            return value == null ? null : value.toString();
        }

        boolean flag(String key) {
            return Boolean.TRUE.equals(definition.get(key));
        }

        List<String> list(String key) {
            Object value = definition.get(key);
            List<String> out = new ArrayList<>();
            if (value instanceof List<?> items) {
                items.forEach(item -> out.add(String.valueOf(item)));
            } else if (value != null) {
                out.add(value.toString());
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            Object value = definition.get(key);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        /** environment as a map (compose allows a list of KEY=VALUE too). */
        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            Object value = definition.get("environment");
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> env.put(k.toString(), v == null ? "" : v.toString()));
            } else if (value instanceof List<?> items) {
                for (Object item : items) {
                    String entry = item.toString();
                    int eq = entry.indexOf('=');
                    env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
                }
            }
            return env;
        }

        /** depends_on as service → condition (the short list form means service_started). */
        Map<String, String> dependsOn() {
            Map<String, String> deps = new LinkedHashMap<>();
            Object value = definition.get("depends_on");
            if (value instanceof List<?> items) {
                items.forEach(item -> deps.put(item.toString(), "service_started"));
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> deps.put(
                        k.toString(),
                        v instanceof Map<?, ?> m && m.get("condition") != null
                                ? m.get("condition").toString()
                                : "service_started"));
            }
            return deps;
        }
    }

    private static Object interpolate(Object node, Map<String, String> env) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), v == null ? null : interpolate(v, env)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(interpolate(item, env)));
            return out;
        }
        if (node instanceof String text) {
            return interpolate(text, env);
        }
        return node;
    }

    static String interpolate(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                String value = env.get(name);
                String operator = m.group(2);
                String argument = m.group(3) == null ? "" : m.group(3);
                boolean unset = value == null;
                boolean empty = unset || value.isEmpty();
                if (operator == null) {
                    replacement = unset ? "" : value;
                } else {
                    boolean missing = operator.startsWith(":") ? empty : unset;
                    if (operator.endsWith("?") && missing) {
                        throw new IllegalStateException("compose refuses to start: " + name + ": " + argument);
                    }
                    replacement = missing && operator.endsWith("-") ? argument : (value == null ? "" : value);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Reads a .env file as Compose does: KEY=VALUE lines, # comments, double-quoted values may span lines. */
    static Map<String, String> readEnvFile(String content) {
        Map<String, String> env = new LinkedHashMap<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).strip();
            String value = line.substring(line.indexOf('=') + 1);
            if (value.startsWith("\"")) {
                StringBuilder quoted = new StringBuilder(value.substring(1));
                while (!quoted.toString().endsWith("\"") && i + 1 < lines.length) {
                    quoted.append('\n').append(lines[++i]);
                }
                value = quoted.substring(0, quoted.length() - 1);
            }
            env.put(key, value);
        }
        return env;
    }
}
