package com.northwind.shop.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * Scenario 7: a shop-like open-model mix at {@code rate} arrivals per second in total, split browse 10 : add to cart
 * 2 : view cart 3 : checkout 1. Signed-in customers reuse tokens fetched before the run (a login per arrival would
 * make this a password-hashing benchmark). The run fails unless every request succeeds and the global p99 stays
 * under {@code p99Ms} (100 ms). Properties: {@code rate}, {@code duration}, {@code p99Ms}, {@code pay}, and the
 * feeders' CSV paths.
 */
public class MixedLoadSimulation extends Simulation {

    private static final double BROWSE = 10;
    private static final double CART = 2;
    private static final double VIEW_CART = 3;
    private static final double CHECKOUT = 1;
    private static final double TOTAL = BROWSE + CART + VIEW_CART + CHECKOUT;

    private final double rate = Shop.doubleProperty("rate", 16);
    private final int duration = Shop.intProperty("duration", 30);
    private final int p99Ms = Shop.intProperty("p99Ms", 100);

    {
        var browse = scenario("browse").feed(Shop.products()).exec(Shop.browse());
        var cart = scenario("cart").feed(Shop.tokens()).feed(Shop.products()).exec(Shop.addToCart());
        var viewCart = scenario("view cart").feed(Shop.tokens()).exec(Shop.viewCart());
        var checkout = scenario("checkout")
                .feed(Shop.checkoutTokens())
                .feed(Shop.products())
                .exec(Shop.addToCart())
                .exec(Shop.checkout());
        setUp(
                        browse.injectOpen(
                                constantUsersPerSec(rate * BROWSE / TOTAL).during(duration)),
                        cart.injectOpen(constantUsersPerSec(rate * CART / TOTAL).during(duration)),
                        viewCart.injectOpen(
                                constantUsersPerSec(rate * VIEW_CART / TOTAL).during(duration)),
                        checkout.injectOpen(
                                constantUsersPerSec(rate * CHECKOUT / TOTAL).during(duration)))
                .protocols(Shop.protocol())
                .maxDuration(duration + 60L)
                .assertions(
                        global().failedRequests().count().is(0L),
                        global().responseTime().percentile(99).lt(p99Ms));
    }
}
