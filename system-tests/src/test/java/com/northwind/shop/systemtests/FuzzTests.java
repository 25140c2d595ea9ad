package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schema-driven fuzzing of every public operation, read from the committed OpenAPI documents ({@code api/*.json}),
 * through the real gateway with a real token: each parameter, header and body field is broken in turn (wrong type,
 * empty, very long, NUL and control characters, undecodable percent-encodings, negative and huge numbers, null,
 * unknown enum values, missing) and each body replaced by malformed JSON. No answer may be a 5xx, every error must be
 * {@code application/problem+json}, and a batch of answers that accepted nothing must have written nothing.
 *
 * <p>The unbroken request is the operation's own example (every request body has one), with the example's ids
 * replaced by real ones, so each broken field is the only thing wrong and the request reaches as deep as it can.
 */
@SystemTest
class FuzzTests {

    /** Ids the documents' examples use, and what stands in for them here. */
    private static final String EXAMPLE_PRODUCT = "3f2b6c1e-8d4a-4b7f-9e21-5a6c7d8e9f01";

    private static final String EXAMPLE_CATEGORY = "9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e";
    private static final String EXAMPLE_ORDER = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    private static final String LONG = "a".repeat(10_000);

    /** Broken query, path and header values, already percent-encoded where they go into the URL. */
    private static final List<String> BROKEN_PARAMETERS = List.of(
            "",
            "a".repeat(1_000),
            "%00",
            "%01%1F%7F",
            "%C0%AF",
            "%FF",
            "%E2%82",
            "-1",
            "99999999999999999999",
            "-99999999999999999999",
            "1e308",
            "NOT_A_VALUE",
            "null");

    /** Broken JSON values for a body field. */
    private static final List<Function<JsonNodeFactory, @Nullable JsonNode>> BROKEN_VALUES = List.of(
            f -> f.numberNode(12345),
            f -> f.stringNode(""),
            f -> f.stringNode(LONG),
            f -> f.stringNode("a\u0000b"),
            f -> f.stringNode("\u0001\u001f\u007f"),
            f -> f.numberNode(-1),
            f -> f.numberNode(new java.math.BigInteger("99999999999999999999999999")),
            f -> f.numberNode(new java.math.BigInteger("-99999999999999999999999999")),
            f -> f.numberNode(1e308),
            f -> f.nullNode(),
            f -> f.stringNode("NOT_A_VALUE"),
            f -> f.booleanNode(true),
            f -> f.objectNode(),
            f -> f.arrayNode(),
            f -> null); // the field left out

    /** Whole bodies that are not the JSON an operation wants. */
    private static final List<byte[]> BROKEN_BODIES = List.of(
            "{\"a\":".getBytes(StandardCharsets.UTF_8),
            new byte[0],
            "null".getBytes(StandardCharsets.UTF_8),
            "[]".getBytes(StandardCharsets.UTF_8),
            "\"text\"".getBytes(StandardCharsets.UTF_8),
            new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
            "[".repeat(5_000).getBytes(StandardCharsets.UTF_8));

    private static Shop shop;
    private static Database database;
    private static Customer admin;
    private static Customer customer;
    private static Map<String, String> realIds;
    private static HttpClient client;

    @BeforeAll
    static void setUp() {
        shop = SystemStack.shop();
        database = new Database(SystemStack.stack().database());
        var catalog = new Catalog(shop);
        admin = catalog.admin();
        customer = Customer.signUp(shop);
        Customer victim = Customer.signUp(shop);
        UUID product = UUID.fromString(catalog.newProduct("Fuzz " + Catalog.uniqueWord(), 500, 100_000)
                .get("id")
                .asString());
        UUID paid = UUID.fromString(
                customer.order(product, 1).expect(201).json().get("id").asString());
        String payment = customer.pay(paid).expect(201).json().get("id").asString();
        UUID awaiting = UUID.fromString(
                customer.order(product, 1).expect(201).json().get("id").asString());
        realIds = Map.of(
                EXAMPLE_PRODUCT,
                product.toString(),
                EXAMPLE_CATEGORY,
                catalog.anyCategory().toString(),
                EXAMPLE_ORDER,
                awaiting.toString(),
                "{id:payments}",
                payment,
                "{id:users}",
                victim.id().toString());
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** One operation of a document. */
    record Operation(String service, String method, String path, JsonNode spec, JsonNode document) {

        boolean adminOnly() {
            return spec.path("responses")
                    .path("403")
                    .path("description")
                    .asString()
                    .contains("ADMIN");
        }

        boolean needsToken() {
            return spec.path("responses").has("401");
        }

        /** Authentication hashes passwords (Argon2, a bounded number at once): these are sent one at a time. */
        boolean hashes() {
            return path.startsWith("/api/auth/");
        }

        @Override
        public String toString() {
            return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
        }
    }

    /** What a broken request answered. */
    record Answer(String request, int status, String contentType, String body) {}

    @Test
    @Timeout(300)
    void noBrokenRequestGetsA5xxOrAnErrorWithoutProblemDetailsOrWritesAnything() throws Exception {
        long started = System.nanoTime();
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(30);
        var failures = new ConcurrentLinkedQueue<String>();
        var sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Operation operation : operations) {
                List<Request> requests = broken(operation);
                Map<String, Integer> before = counts();
                JsonNode product = productAsEdited();
                List<Answer> answers = new ArrayList<>();
                if (operation.hashes()) {
                    for (Request request : requests) {
                        answers.add(send(request));
                    }
                } else {
                    List<Future<Answer>> futures = new ArrayList<>();
                    for (Request request : requests) {
                        futures.add(pool.submit(() -> send(request)));
                    }
                    for (Future<Answer> future : futures) {
                        answers.add(future.get());
                    }
                }
                sent.addAndGet(answers.size());
                for (Answer answer : answers) {
                    if (answer.status() >= 500) {
                        failures.add("5xx: " + answer);
                    } else if (answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
                        failures.add("error without problem details: " + answer);
                    }
                }
                boolean accepted = answers.stream().anyMatch(a -> a.status() < 300 || a.status() == 402);
                if (!accepted) {
                    Map<String, Integer> after = counts();
                    if (!after.equals(before)) {
                        failures.add(operation + ": only refusals, yet rows changed: " + before + " -> " + after);
                    }
                    if (!productAsEdited().equals(product)) {
                        failures.add(operation + ": only refusals, yet the product changed");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(
                "Fuzzed %d operations with %d broken requests in %d s%n",
                operations.size(),
                sent.get(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertThat(failures)
                .as(() -> String.join("\n", failures.stream().limit(40).toList()))
                .isEmpty();
    }

    /** Every operation of the committed documents. */
    private static List<Operation> operations() throws IOException {
        Path root = Path.of(System.getProperty("northwind.repository-root", ".."));
        List<Operation> operations = new ArrayList<>();
        for (String service : List.of("users", "products", "orders", "payments")) {
            JsonNode document = Shop.JSON.readTree(Files.readString(root.resolve("api/" + service + ".json")));
            for (var path : document.path("paths").properties()) {
                for (var method : path.getValue().properties()) {
                    if (List.of("get", "put", "post", "patch", "delete").contains(method.getKey())) {
                        operations.add(
                                new Operation(service, method.getKey(), path.getKey(), method.getValue(), document));
                    }
                }
            }
        }
        return operations;
    }

    /** A request ready to send. */
    record Request(
            String description, String method, String path, Map<String, String> headers, byte @Nullable [] body) {}

    /** The operation's requests, each with one thing broken. */
    private static List<Request> broken(Operation operation) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        List<JsonNode> parameters = new ArrayList<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            parameters.add(parameter);
            String name = parameter.path("name").asString();
            switch (parameter.path("in").asString()) {
                case "path" -> pathValues.put(name, realId(operation, name));
                case "header" -> {
                    if (name.equals("Idempotency-Key")) {
                        headers.put(name, "fresh");
                    } else if (name.equals("If-Match")) {
                        headers.put(name, "\"0\"");
                    }
                }
                default -> {}
            }
        }
        String token = operation.adminOnly() ? admin.accessToken() : customer.accessToken();
        if (operation.needsToken() || operation.adminOnly() || !operation.hashes()) {
            headers.put("Authorization", "Bearer " + token);
        }
        JsonNode example = example(operation);
        byte[] body = example == null ? null : bytes(example);
        List<Request> requests = new ArrayList<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            for (String value : BROKEN_PARAMETERS) {
                Map<String, String> path = new LinkedHashMap<>(pathValues);
                Map<String, String> query = new LinkedHashMap<>();
                Map<String, String> brokenHeaders = new LinkedHashMap<>(headers);
                switch (in) {
                    case "path" -> path.put(name, value.isEmpty() ? "x" : value);
                    case "query" -> query.put(name, value);
                    case "header" -> {
                        if (name.equals("Authorization") || value.contains("%") || value.length() > 200) {
                            continue;
                        }
                        brokenHeaders.put(name, value);
                    }
                    default -> {
                        continue;
                    }
                }
                requests.add(request(
                        operation, in + " " + name + "=" + abbreviate(value), path, query, brokenHeaders, body));
            }
        }
        if (example != null) {
            for (List<Object> field : fields(example, new ArrayList<>())) {
                for (var value : BROKEN_VALUES) {
                    JsonNode changed = replace(example, field, value.apply(JsonNodeFactory.instance));
                    requests.add(request(
                            operation,
                            "body " + (field.isEmpty() ? "(whole)" : field) + "=" + abbreviate(describe(value)),
                            pathValues,
                            Map.of(),
                            headers,
                            bytes(changed)));
                }
            }
            for (byte[] raw : BROKEN_BODIES) {
                requests.add(request(
                        operation,
                        "body " + abbreviate(new String(raw, StandardCharsets.UTF_8)),
                        pathValues,
                        Map.of(),
                        headers,
                        raw));
            }
        }
        return requests;
    }

    private static String describe(Function<JsonNodeFactory, @Nullable JsonNode> value) {
        return String.valueOf(value.apply(JsonNodeFactory.instance));
    }

    private static Request request(
            Operation operation,
            String description,
            Map<String, String> pathValues,
            Map<String, String> query,
            Map<String, String> headers,
            byte @Nullable [] body) {
        String path = operation.path();
        for (var value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        if (!query.isEmpty()) {
            path += "?"
                    + String.join(
                            "&",
                            query.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList());
        }
        return new Request(
                operation + " " + description,
                operation.method().toUpperCase(java.util.Locale.ROOT),
                path,
                headers,
                body);
    }

    /** The real resource behind a path parameter: the example ids' stand-ins, a user, a payment. */
    private static String realId(Operation operation, String name) {
        if (name.equals("productId")) {
            return realIds.get(EXAMPLE_PRODUCT);
        }
        return switch (operation.service()) {
            case "users" -> realIds.get("{id:users}");
            case "products" -> realIds.get(EXAMPLE_PRODUCT);
            case "orders" -> realIds.get(EXAMPLE_ORDER);
            case "payments" -> realIds.get("{id:payments}");
            default -> UUID.randomUUID().toString();
        };
    }

    /** The request body's example, with the example ids replaced by real ones; null without a JSON body. */
    private static @Nullable JsonNode example(Operation operation) {
        JsonNode media = operation.spec().path("requestBody").path("content").path("application/json");
        if (media.isMissingNode()) {
            return null;
        }
        JsonNode example = media.path("example");
        if (example.isMissingNode()) {
            JsonNode schema = media.path("schema");
            String ref = schema.path("$ref").asString("");
            if (!ref.isEmpty()) {
                schema = operation
                        .document()
                        .path("components")
                        .path("schemas")
                        .path(ref.substring(ref.lastIndexOf('/') + 1));
            }
            example = schema.path("example");
        }
        assertThat(example.isMissingNode())
                .as(operation + " has no request example")
                .isFalse();
        String text = Shop.JSON.writeValueAsString(example);
        for (var id : realIds.entrySet()) {
            text = text.replace(id.getKey(), id.getValue());
        }
        return Shop.JSON.readTree(text);
    }

    /** The paths of every value in a JSON document, the whole document (the empty path) first. */
    private static List<List<Object>> fields(JsonNode node, List<Object> at) {
        List<List<Object>> fields = new ArrayList<>();
        fields.add(List.copyOf(at));
        if (node instanceof ObjectNode object) {
            for (var property : object.properties()) {
                at.add(property.getKey());
                fields.addAll(fields(property.getValue(), at));
                at.removeLast();
            }
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            at.add(0);
            fields.addAll(fields(array.get(0), at));
            at.removeLast();
        }
        return fields;
    }

    /** A copy with the value at {@code field} replaced, or removed when {@code value} is null. */
    private static JsonNode replace(JsonNode document, List<Object> field, @Nullable JsonNode value) {
        if (field.isEmpty()) {
            return value == null ? JsonNodeFactory.instance.objectNode() : value;
        }
        JsonNode copy = document.deepCopy();
        JsonNode parent = copy;
        for (Object step : field.subList(0, field.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = field.getLast();
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove((String) last);
            } else {
                object.set((String) last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove((Integer) last);
            } else {
                array.set((Integer) last, value);
            }
        }
        return copy;
    }

    private static byte[] bytes(JsonNode json) {
        return Shop.JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + ")" : text;
    }

    private static Answer send(Request request) {
        var builder = HttpRequest.newBuilder(URI.create(shop.gateway() + request.path()))
                .timeout(Shop.TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .method(
                        request.method(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers()
                .forEach((name, value) -> builder.header(
                        name,
                        name.equals("Idempotency-Key") && value.equals("fresh")
                                ? UUID.randomUUID().toString()
                                : value));
        if (request.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(
                    request.description() + " ["
                            + request.path()
                                    .substring(0, Math.min(100, request.path().length())) + "]",
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    body.substring(0, Math.min(300, body.length())));
        } catch (IOException e) {
            return new Answer(request.description(), 599, "", "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Rows a write could add, per table. */
    private static Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : List.of(
                "users.users",
                "catalog.products",
                "catalog.categories",
                "catalog.reservations",
                "orders.orders",
                "orders.order_lines",
                "payments.payments")) {
            counts.put(table, database.queryInt("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /**
     * What an admin's edit of the product changes (not its stock or version, which the saga moves on its own).
     */
    private static JsonNode productAsEdited() {
        ObjectNode product = (ObjectNode) shop.get("/api/products/" + realIds.get(EXAMPLE_PRODUCT))
                .send()
                .expect(200)
                .json();
        product.remove(List.of("availableQuantity", "version"));
        return product;
    }
}
