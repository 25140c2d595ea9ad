package com.northwind.shop.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Demo accounts and catalog, loaded through the services' own HTTP APIs once they are ready. Each step tolerates an
 * API that does not exist yet (404/405: skipped) and never stops the stack. Add a step by adding a {@link Step}.
 */
final class DemoData {

    static final String ADMIN_EMAIL = "admin@northwind.example";
    static final String ADMIN_PASSWORD = "Admin-Demo-Passw0rd";
    static final String CUSTOMER_EMAIL = "customer@northwind.example";
    static final String CUSTOMER_PASSWORD = "Customer-Demo-Passw0rd";
    static final String CUSTOMER_NAME = "Demo Customer";

    static final String ADMIN_STEP = "admin account";
    static final String CUSTOMER_STEP = "customer account";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern TOTAL_ELEMENTS = Pattern.compile("\"totalElements\"\\s*:\\s*(\\d+)");

    /**
     * What a step did.
     *
     * @param kind done, skipped or failed
     * @param detail one line for the console
     */
    record Outcome(Kind kind, String detail) {
        enum Kind {
            DONE,
            SKIPPED,
            FAILED
        }

        static Outcome done(String detail) {
            return new Outcome(Kind.DONE, detail);
        }

        static Outcome skipped(String detail) {
            return new Outcome(Kind.SKIPPED, detail);
        }

        static Outcome failed(String detail) {
            return new Outcome(Kind.FAILED, detail);
        }

        /** 404/405: the endpoint is not built yet. Anything else unexpected is a failure worth reading. */
        static Outcome unexpected(HttpResponse<String> response) {
            if (response.statusCode() == 404 || response.statusCode() == 405) {
                return skipped(
                        "skipped (not available yet: " + response.request().method() + " "
                                + response.request().uri().getPath() + " answers " + response.statusCode() + ")");
            }
            return failed("failed: HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        }
    }

    /** One pluggable piece of demo data. */
    interface Step {
        String name();

        Outcome run(Http http) throws IOException, InterruptedException;
    }

    /**
     * Base URLs of the services the steps talk to directly (not through the gateway, whose routes may lag).
     *
     * @param users user-service, or null if this run does not start it
     * @param products product-service, or null if this run does not start it
     */
    record Http(
            HttpClient client,
            @Nullable URI users,
            @Nullable URI products) {

        HttpResponse<String> post(URI base, String path, String json) throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(TIMEOUT)
                    .GET()
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    static List<Step> defaultSteps() {
        return List.of(new AdminAccount(), new CustomerAccount(), new Catalog());
    }

    /** Runs every step, printing one line each; returns each step's outcome by step name. */
    static Map<String, Outcome> load(List<Step> steps, Http http, PrintStream out) {
        var outcomes = new LinkedHashMap<String, Outcome>();
        for (var step : steps) {
            Outcome outcome;
            try {
                outcome = step.run(http);
            } catch (IOException e) {
                outcome = Outcome.failed("failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcomes;
            } catch (RuntimeException e) {
                outcome = Outcome.failed("failed: " + e);
            }
            outcomes.put(step.name(), outcome);
            out.printf("  demo   %-18s %s%n", step.name(), outcome.detail());
        }
        return outcomes;
    }

    /** True when the step of that name ran and did its job. */
    static boolean done(Map<String, Outcome> outcomes, String stepName) {
        var outcome = outcomes.get(stepName);
        return outcome != null && outcome.kind() == Outcome.Kind.DONE;
    }

    /** The admin is created by user-service itself from its bootstrap settings; this checks it can log in. */
    static final class AdminAccount implements Step {
        @Override
        public String name() {
            return ADMIN_STEP;
        }

        @Override
        public Outcome run(Http http) throws IOException, InterruptedException {
            return login(http, ADMIN_EMAIL, ADMIN_PASSWORD);
        }
    }

    static final class CustomerAccount implements Step {
        @Override
        public String name() {
            return CUSTOMER_STEP;
        }

        @Override
        public Outcome run(Http http) throws IOException, InterruptedException {
            if (http.users() == null) {
                return Outcome.skipped("skipped (user-service not started)");
            }
            var response = http.post(
                    http.users(),
                    "/api/auth/register",
                    json("email", CUSTOMER_EMAIL, "password", CUSTOMER_PASSWORD, "name", CUSTOMER_NAME));
            return switch (response.statusCode()) {
                case 200, 201 -> Outcome.done("created " + CUSTOMER_EMAIL);
                case 409 -> Outcome.done(CUSTOMER_EMAIL + " exists already");
                default -> Outcome.unexpected(response);
            };
        }
    }

    /** product-service loads the demo catalog itself under the {@code demo} profile; this reports what is there. */
    static final class Catalog implements Step {
        @Override
        public String name() {
            return "catalog";
        }

        @Override
        public Outcome run(Http http) throws IOException, InterruptedException {
            if (http.products() == null) {
                return Outcome.skipped("skipped (product-service not started)");
            }
            var response = http.get(http.products(), "/api/products?size=1");
            if (response.statusCode() != 200) {
                return Outcome.unexpected(response);
            }
            var total = TOTAL_ELEMENTS.matcher(response.body());
            return Outcome.done(total.find() ? total.group(1) + " products" : "GET /api/products answers 200");
        }
    }

    private static Outcome login(Http http, String email, String password) throws IOException, InterruptedException {
        if (http.users() == null) {
            return Outcome.skipped("skipped (user-service not started)");
        }
        var response = http.post(http.users(), "/api/auth/login", json("email", email, "password", password));
        return switch (response.statusCode()) {
            case 200 -> Outcome.done(email + " can log in");
            case 401 ->
                Outcome.failed("failed: " + email + " cannot log in (is the admin bootstrap "
                        + EnvNames.BOOTSTRAP_ADMIN_EMAIL + " supported by user-service?)");
            default -> Outcome.unexpected(response);
        };
    }

    /** A flat JSON object of string fields (the demo values need no escaping beyond quotes and backslashes). */
    static String json(String... keysAndValues) {
        var json = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quote(keysAndValues[i])).append(':').append(quote(keysAndValues[i + 1]));
        }
        return json.append('}').toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private DemoData() {}
}
