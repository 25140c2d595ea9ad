package com.northwind.shop.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metric names in PromQL queries (Grafana panels, Prometheus rules) and in a Prometheus scrape. */
final class PromQl {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "offset",
            "bool",
            "inf",
            "nan",
            "le");

    private PromQl() {}

    /** Metric names of a text-format scrape. */
    static Set<String> metricNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            Matcher m = IDENTIFIER.matcher(line);
            if (!line.startsWith("#") && m.lookingAt()) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Metric names in one query: string literals, label matchers, grouping clauses, ranges and functions removed. */
    static Set<String> metricNamesIn(String query) {
        String q = query.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?[A-Za-z_]+}?", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(q);
        while (m.find()) {
            String token = m.group();
            int after = m.end();
            while (after < q.length() && q.charAt(after) == ' ') {
                after++;
            }
            boolean function = after < q.length() && q.charAt(after) == '(';
            boolean number = m.start() > 0 && Character.isDigit(q.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    /** Every dashboard panel's and every alert or recording rule's metrics, by where they are queried. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> queriedMetrics(Path repository) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (Path file : list(repository.resolve("docker/grafana/dashboards"), ".json")) {
            for (JsonNode panel : json.readTree(file.toFile()).get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.has("expr")) {
                        out.computeIfAbsent(
                                        file.getFileName() + " panel \""
                                                + panel.get("title").asString() + "\"",
                                        k -> new TreeSet<>())
                                .addAll(metricNamesIn(target.get("expr").asString()));
                    }
                }
            }
        }
        for (Path file : list(repository.resolve("docker/prometheus/rules"), ".yml")) {
            Map<String, Object> rules = new Yaml().load(Files.readString(file));
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
                    out.computeIfAbsent(file.getFileName() + " rule " + name, k -> new TreeSet<>())
                            .addAll(metricNamesIn(rule.get("expr").toString()));
                }
            }
        }
        return out;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
