package com.northwind.shop.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * Scenario 4: the checkout journey (login, browse, cart, order, pay) at a fixed arrival rate of new customers (open
 * model: arrivals do not wait for the system). Fails the run on any error. Properties: {@code rate} journeys per
 * second, {@code duration} seconds, {@code pay}, {@code gatewayUrl}, {@code customersCsv}, {@code productsCsv}.
 */
public class CheckoutJourneySimulation extends Simulation {

    private final double rate = Shop.doubleProperty("rate", 2);
    private final int duration = Shop.intProperty("duration", 30);

    {
        var journey = scenario("checkout journey")
                .feed(Shop.customers())
                .feed(Shop.products())
                .exec(Shop.login())
                .exitHereIfFailed()
                .exec(Shop.browse())
                .exec(Shop.addToCart())
                .exec(Shop.viewCart())
                .exec(Shop.checkout());
        setUp(journey.injectOpen(constantUsersPerSec(rate).during(duration)))
                .protocols(Shop.protocol())
                .maxDuration(duration + 60L)
                .assertions(global().failedRequests().count().is(0L));
    }
}
