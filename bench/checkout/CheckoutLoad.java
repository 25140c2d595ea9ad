import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop checkout load (bench/checkout.sh, issue #17): each customer places an order of one line and pays it,
 * again and again, as fast as the answers come. Single-file program (java CheckoutLoad.java ...), JDK only.
 *
 * <pre>
 *   java CheckoutLoad.java gatewayUrl tokensFile productsFile customers warmupSeconds seconds outDir [sampleCommand]
 * </pre>
 *
 * The sample command (if given) runs right before and right after the measured window; its output goes to
 * outDir/sample-start.txt and sample-end.txt (the script reads /proc CPU counters with it). Results: outDir/result.tsv
 * (key, value) and a human summary on stdout.
 */
public class CheckoutLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String CARD = "{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2030,"
            + "\"cvc\":\"123\",\"holder\":\"Bench Customer\"}";

    /** One latency recorder per step: millisecond buckets up to 60 s, enough for p50/p99. */
    static final class Histogram {
        final LongAdder[] buckets = new LongAdder[60_001];
        final LongAdder count = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
        }

        void record(long nanos) {
            int ms = (int) Math.min(buckets.length - 1, nanos / 1_000_000);
            buckets[ms].increment();
            count.increment();
        }

        long percentile(double p) {
            long total = count.sum(), seen = 0, rank = (long) Math.ceil(total * p);
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i].sum();
                if (seen >= rank && total > 0) return i;
            }
            return -1;
        }
    }

    static volatile boolean measuring;
    static volatile boolean stop;
    static final Histogram checkout = new Histogram(), order = new Histogram(), pay = new Histogram();
    static final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    static final AtomicLong completed = new AtomicLong();

    public static void main(String[] args) throws Exception {
        URI gateway = URI.create(args[0]);
        if (!gateway.getHost().equals("127.0.0.1") && !gateway.getHost().equals("localhost")) {
            throw new IllegalArgumentException("loopback only: " + gateway);
        }
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        List<String> products = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        int customers = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]), seconds = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);
        String sample = args.length > 7 ? args[7] : null;
        if (tokens.size() < customers) throw new IllegalArgumentException("need " + customers + " tokens");
        Files.createDirectories(out);

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            String token = tokens.get(c);
            String product = products.get(c % products.size());
            threads.add(Thread.ofVirtual().start(() -> customer(http, gateway, token, product)));
        }
        Thread.sleep(warmup * 1000L);
        run(sample, out.resolve("sample-start.txt"));
        long started = System.nanoTime();
        measuring = true;
        Thread.sleep(seconds * 1000L);
        measuring = false;
        long elapsed = System.nanoTime() - started;
        run(sample, out.resolve("sample-end.txt"));
        stop = true;
        for (Thread t : threads) t.join(Duration.ofSeconds(40));

        double secs = elapsed / 1e9;
        Map<String, String> result = new TreeMap<>();
        result.put("customers", String.valueOf(customers));
        result.put("seconds", String.format("%.2f", secs));
        result.put("checkouts", String.valueOf(completed.get()));
        result.put("checkouts_per_s", String.format("%.2f", completed.get() / secs));
        result.put("checkout_p50_ms", String.valueOf(checkout.percentile(0.50)));
        result.put("checkout_p99_ms", String.valueOf(checkout.percentile(0.99)));
        result.put("order_p50_ms", String.valueOf(order.percentile(0.50)));
        result.put("order_p99_ms", String.valueOf(order.percentile(0.99)));
        result.put("pay_p50_ms", String.valueOf(pay.percentile(0.50)));
        result.put("pay_p99_ms", String.valueOf(pay.percentile(0.99)));
        result.put("requests", String.valueOf(order.count.sum() + pay.count.sum()));
        StringBuilder errs = new StringBuilder();
        new TreeMap<>(errors).forEach((k, v) -> errs.append(errs.isEmpty() ? "" : " ").append(k).append('=').append(v.sum()));
        result.put("errors", errs.isEmpty() ? "none" : errs.toString());
        StringBuilder tsv = new StringBuilder();
        result.forEach((k, v) -> tsv.append(k).append('\t').append(v).append('\n'));
        Files.writeString(out.resolve("result.tsv"), tsv);
        System.out.print(tsv);
    }

    private static void customer(HttpClient http, URI gateway, String token, String product) {
        String orderBody = "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
        while (!stop) {
            boolean counted = measuring;
            long start = System.nanoTime();
            String placedId = null;
            try {
                HttpResponse<String> placed = post(http, gateway.resolve("/api/orders"), token, orderBody);
                long placedAt = System.nanoTime();
                if (counted) order.record(placedAt - start);
                if (placed.statusCode() != 201) {
                    error(counted, "order-" + placed.statusCode());
                    continue;
                }
                Matcher id = ID.matcher(placed.body());
                if (!id.find()) {
                    error(counted, "order-no-id");
                    continue;
                }
                placedId = id.group(1);
                String payBody = "{\"orderId\":\"" + placedId + "\",\"card\":" + CARD + "}";
                HttpResponse<String> paid = post(http, gateway.resolve("/api/payments"), token, payBody);
                long end = System.nanoTime();
                if (counted) pay.record(end - placedAt);
                if (paid.statusCode() != 201 || !paid.body().contains("\"SUCCEEDED\"")) {
                    error(counted, "pay-" + paid.statusCode());
                    abandon(http, gateway, token, placedId);
                    continue;
                }
                if (counted && measuring) {
                    checkout.record(end - start);
                    completed.incrementAndGet();
                }
            } catch (IOException ex) {
                error(counted, "io-" + ex.getClass().getSimpleName());
                if (placedId != null) {
                    abandon(http, gateway, token, placedId);
                }
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /**
     * Cancels an order whose payment did not succeed, as a customer giving up would, so that every order of the run
     * ends paid or cancelled and the reconciliation (bin/reconcile) can hold the run to "every order settled".
     */
    private static void abandon(HttpClient http, URI gateway, String token, String orderId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                int status = post(http, gateway.resolve("/api/orders/" + orderId + "/cancel"), token, "")
                        .statusCode();
                if (status < 500) {
                    if (status != 200 && status != 409) error(true, "cancel-" + status); // 409: cancelled already
                    return;
                }
                Thread.sleep(1000);
            } catch (IOException ex) {
                error(true, "cancel-io-" + ex.getClass().getSimpleName());
            } catch (InterruptedException ex) {
                return;
            }
        }
        error(true, "cancel-gave-up");
    }

    private static void error(boolean counted, String kind) {
        if (counted) errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void run(String command, Path output) throws IOException, InterruptedException {
        if (command == null) return;
        Process p = new ProcessBuilder("bash", "-c", command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.waitFor();
    }
}
