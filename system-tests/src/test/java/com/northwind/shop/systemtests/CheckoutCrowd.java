package com.northwind.shop.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A checkout load through the gateway: each customer, in a loop, orders one unit of one of the products and pays it;
 * every fifth paid order is cancelled again (so refunds flow too). What a careful frontend does under faults: a 503
 * (or an answer that never came) is retried with the same {@code Idempotency-Key} after its {@code Retry-After}, a 409
 * for a request still in flight likewise; an order that cannot be paid is cancelled. Each checkout ends with its order
 * paid or cancelled, so once the crowd has stopped every order of its products must be settled.
 *
 * <p>Every answer is counted; a 5xx other than a 503 with {@code Retry-After} is kept as a server error.
 */
final class CheckoutCrowd implements AutoCloseable {

    /** How long one request is retried (with the same key) before the checkout gives up on it. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(120);

    private final List<Customer> customers;
    private final List<UUID> products;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger settled = new AtomicInteger();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();
    private final List<String> unsettled = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    CheckoutCrowd(List<Customer> customers, List<UUID> products) {
        this.customers = List.copyOf(customers);
        this.products = List.copyOf(products);
    }

    CheckoutCrowd start() {
        for (var customer : customers) {
            threads.add(Thread.ofPlatform()
                    .daemon()
                    .name("checkout-" + customer.id())
                    .start(() -> shop(customer)));
        }
        return this;
    }

    /** Checkouts ended so far (paid, or cancelled). */
    int checkouts() {
        return settled.get();
    }

    /** Waits until {@code more} further checkouts have ended: the stack serves again. */
    void awaitMoreCheckouts(int more, Duration atMost) {
        int target = checkouts() + more;
        org.awaitility.Awaitility.await(more + " more checkouts (" + summary() + ")")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> checkouts() >= target);
    }

    /** Lets every customer end the checkout in hand, then stop. */
    void stop(Duration atMost) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + atMost.toNanos();
        for (var thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        var alive =
                threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (!alive.isEmpty()) {
            throw new AssertionError("customers still checking out after " + atMost + ": " + alive);
        }
    }

    @Override
    public void close() {
        stopping = true;
        threads.forEach(Thread::interrupt);
    }

    /** Answers by request and status, e.g. {@code POST /api/orders 503=4}. */
    Map<String, Long> answers() {
        var counts = new java.util.TreeMap<String, Long>();
        answers.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    /** Every 5xx that was not a 503 with Retry-After, and every request that got no answer. */
    List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /** Checkouts that could not be ended (their order neither paid nor cancelled by the crowd). */
    List<String> unsettled() {
        return List.copyOf(unsettled);
    }

    String summary() {
        return checkouts() + " checkouts, answers " + answers();
    }

    private void shop(Customer customer) {
        int round = 0;
        while (!stopping) {
            round++;
            var product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
            String orderKey = UUID.randomUUID().toString();
            var placed = persistently("POST /api/orders", () -> customer.order(product, 1, orderKey));
            if (placed == null || placed.status() != 201) {
                continue; // nothing was ordered (or, if an order was made after all, it expires on its own)
            }
            var orderId = UUID.fromString(placed.json().get("id").asString());
            String paymentKey = UUID.randomUUID().toString();
            var paid = persistently("POST /api/payments", () -> customer.pay(orderId, paymentKey));
            boolean keep = paid != null && paid.status() == 201 && round % 5 != 0;
            if (!keep) {
                var cancelled = persistently(
                        "POST /api/orders/{id}/cancel",
                        () -> customer.post("/api/orders/" + orderId + "/cancel")
                                .send());
                // 409: cancelled already (an earlier try that answered 503 had committed after all).
                if (cancelled == null || (cancelled.status() != 200 && cancelled.status() != 409)) {
                    unsettled.add(orderId + " (pay " + paid + ", cancel " + cancelled + ")");
                }
            }
            settled.incrementAndGet();
        }
    }

    /**
     * Sends until a final answer: a 503, a 409 for a request still in flight, and no answer at all are retried with
     * the same request (and so the same Idempotency-Key). Null if it never got one within {@link #GIVE_UP_AFTER}.
     */
    private Shop.@Nullable Reply persistently(String request, Supplier<Shop.Reply> send) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            Shop.Reply reply;
            try {
                reply = send.get();
            } catch (IllegalStateException e) {
                count(request, "no answer");
                serverErrors.add(request + ": no answer: " + e.getMessage());
                pause(Duration.ofSeconds(1));
                continue;
            }
            int status = reply.status();
            var retryAfter = reply.response().headers().firstValue("Retry-After");
            count(request, Integer.toString(status));
            if (status >= 500 && !(status == 503 && retryAfter.isPresent())) {
                serverErrors.add(reply.toString());
            }
            boolean inFlight = status == 409 && reply.body().contains("request-in-progress");
            if (status >= 500 || inFlight) {
                long seconds = retryAfter.map(CheckoutCrowd::seconds).orElse(1L);
                pause(Duration.ofSeconds(Math.clamp(seconds, 1, 3)));
                continue;
            }
            return reply;
        }
        return null;
    }

    private void count(String request, String status) {
        answers.computeIfAbsent(request + " " + status, key -> new LongAdder()).increment();
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.plusMillis(ThreadLocalRandom.current().nextLong(250)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The products' initial stock, for the reconciliation: {@code units} each. */
    static Map<UUID, Long> stockOf(List<UUID> products, long units) {
        var stock = new java.util.LinkedHashMap<UUID, Long>();
        products.forEach(p -> stock.put(p, units));
        return stock;
    }

    /** Builds {@code n} of something, e.g. customers. */
    static <T> List<T> times(int n, Supplier<T> make) {
        var made = new ArrayList<T>();
        for (int i = 0; i < n; i++) {
            made.add(make.get());
        }
        return made;
    }
}
