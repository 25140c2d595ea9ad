package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.localstack.Reconciliation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The saga never loses a checkout (issue #16): customers order and pay in a loop through the gateway while the
 * stack's database goes away, its Redis restarts, or a consumer instance dies in the middle of a batch. Afterwards
 * the books balance ({@link Reconciliation}: every order paid with its stock confirmed and one payment, or cancelled
 * with its stock released and its money back; stock right; no dead letters, every event consumed) and no customer
 * was answered a 5xx other than a 503 with Retry-After.
 *
 * <p>Each test leaves the stack whole (database back, Redis and every instance running), so it runs before {@link
 * FaultTests}, which does not.
 */
@SystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SagaFaultTests {

    static final int CUSTOMERS = 6;
    static final int PRODUCTS = 3;
    static final long UNITS = 10_000;

    /** Checkouts before a fault (the load is flowing) and after it (the stack serves again). */
    static final int CHECKOUTS_AROUND_A_FAULT = 4;

    /** Generous for a loaded two-core machine; a lost event never settles, however long one waits. */
    static final Duration SETTLE = Duration.ofSeconds(120);

    private static Catalog catalog;
    private static List<Customer> customers;
    private static Reconciliation reconciliation;

    @BeforeAll
    static void connect() {
        var shop = SystemStack.shop();
        catalog = new Catalog(shop);
        customers = CheckoutCrowd.times(CUSTOMERS, () -> Customer.signUp(shop));
        reconciliation = SystemStack.stack().reconciliation();
    }

    @Test
    @Order(1)
    void checkoutsThroughADatabaseOutageEndPaidOrCancelledWithTheBooksBalanced() throws Exception {
        var products = newProducts("Outage");
        try (var crowd = new CheckoutCrowd(customers, products).start()) {
            crowd.awaitMoreCheckouts(CHECKOUTS_AROUND_A_FAULT, Duration.ofSeconds(90));

            try (var outage = Faults.databaseAway(SystemStack.stack().database())) {
                System.out.printf(
                        "database %s away (%d connections ended) during %s%n",
                        outage.name(), outage.endedConnections(), crowd.summary());
                assertThat(outage.endedConnections()).isPositive();
                Thread.sleep(Duration.ofSeconds(15)); // the outage itself, not a wait for something
            }

            crowd.awaitMoreCheckouts(CHECKOUTS_AROUND_A_FAULT, Duration.ofSeconds(120));
            stopAndReconcile(crowd, products);
        }
    }

    @Test
    @Order(2)
    void checkoutsThroughARedisRestartEndPaidOrCancelledAndRedisKeepsItsStreams() throws Exception {
        var products = newProducts("Restart");
        try (var crowd = new CheckoutCrowd(customers, products).start()) {
            crowd.awaitMoreCheckouts(CHECKOUTS_AROUND_A_FAULT, Duration.ofSeconds(90));

            var before = reconciliation.entriesAdded();
            // SIGTERM is Redis's SHUTDOWN: it saves its data (the stack's Redis has save points) and exits.
            SystemStack.stack().stop("redis");
            System.out.printf("redis stopped during %s; streams %s%n", crowd.summary(), before);
            Thread.sleep(Duration.ofSeconds(5)); // the outage itself
            SystemStack.stack().restart("redis");

            var after = reconciliation.entriesAdded();
            assertThat(after.keySet()).containsAll(before.keySet());
            before.forEach((stream, added) -> assertThat(after.get(stream))
                    .as("entries ever added to %s", stream)
                    .isGreaterThanOrEqualTo(added));

            crowd.awaitMoreCheckouts(CHECKOUTS_AROUND_A_FAULT, Duration.ofSeconds(120));
            stopAndReconcile(crowd, products);
        }
    }

    @Test
    @Order(3)
    void aProductInstanceKilledInTheMiddleOfABatchLosesNoEvent() throws Exception {
        var products = newProducts("Crash");
        var stack = SystemStack.stack();
        try (var crowd = new CheckoutCrowd(customers, products).start()) {
            crowd.awaitMoreCheckouts(CHECKOUTS_AROUND_A_FAULT, Duration.ofSeconds(90));

            Map<String, Long> pending;
            try (var locked = Faults.productsLocked(stack.database(), products)) {
                // Both instances' consumers stop mid-batch on the locked rows, each holding entries it read.
                await("both product-service consumers hold entries (" + crowd.summary() + ")")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> busyConsumers().size() >= 2);
                pending = busyConsumers();
                stack.kill("product-service-1");
            }
            System.out.printf("product-service-1 killed with entries pending per consumer %s%n", pending);

            // product-service-2 claims the dead consumer's entries, and serves the reservations alone.
            crowd.awaitMoreCheckouts(CHECKOUTS_AROUND_A_FAULT, Duration.ofSeconds(120));
            stopAndReconcile(crowd, products);
        } finally {
            if (!stack.isRunning("product-service-1")) {
                stack.restart("product-service-1");
            }
        }
    }

    /** Consumers of product-service's group that hold entries delivered and not acknowledged. */
    private static Map<String, Long> busyConsumers() {
        var busy = new java.util.TreeMap<>(reconciliation.pendingPerConsumer("orders.events", "product-service"));
        busy.values().removeIf(count -> count == 0);
        return busy;
    }

    private static List<UUID> newProducts(String name) {
        return CheckoutCrowd.times(
                PRODUCTS,
                () -> UUID.fromString(catalog.newProduct(name + " " + Catalog.uniqueWord(), 1999, (int) UNITS)
                        .get("id")
                        .asString()));
    }

    private static void stopAndReconcile(CheckoutCrowd crowd, List<UUID> products) throws InterruptedException {
        crowd.stop(Duration.ofSeconds(150));
        System.out.println("load stopped: " + crowd.summary());
        var initialStock = CheckoutCrowd.stockOf(products, UNITS);
        var report = new java.util.concurrent.atomic.AtomicReference<Reconciliation.Report>();
        await("the books balance")
                .atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    report.set(reconciliation.check(initialStock));
                    assertThat(report.get().violations())
                            .as(report.get().toString())
                            .isEmpty();
                });
        System.out.println("reconciliation: " + report.get());
        assertThat(crowd.serverErrors())
                .as("server errors answered to customers")
                .isEmpty();
        assertThat(crowd.unsettled())
                .as("checkouts the customers could not end")
                .isEmpty();
        assertThat(report.get().orders()).containsKey("PAID");
    }
}
