package com.northwind.shop.products.stock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An order's reservation as its locked row holds it, and the rules of its life: RESERVED goes to CONFIRMED (the
 * order was paid), RELEASED (cancelled, or its checkout failed) or EXPIRED; a confirmed one goes back on the shelf
 * only for a cancel. The services read it under its row lock, ask it what a request means, and apply the answer to
 * the rows with conditional updates (the SQL stays where it is cheapest, the decisions here).
 *
 * @param reason why it gave its stock back, if it did
 */
record Reservation(
        UUID orderId, ReservationStatus status, @Nullable ReleaseReason reason, Instant expiresAt) {

    /**
     * Whether a repeated reserve of the order takes the stock again: yes when the reservation expired or its checkout
     * failed (the client's retry of a checkout whose answer was lost); a held, confirmed or cancelled one is answered
     * as it is ({@link #requireSameLines}).
     */
    boolean mayReserveAgain() {
        return status == ReservationStatus.EXPIRED
                || (status == ReservationStatus.RELEASED && reason == ReleaseReason.CHECKOUT_FAILED);
    }

    /**
     * A repeated reserve of the order is answered with the first result only if it asks for the same units of the
     * same products as the reservation holds.
     *
     * @throws ReservationMismatch if it asks for other lines
     */
    void requireSameLines(ReserveStockRequest request, List<ReservationResponse.Line> held) {
        Map<UUID, Integer> requested = request.lines().stream()
                .collect(Collectors.toMap(ReserveStockRequest.Line::productId, ReserveStockRequest.Line::quantity));
        Map<UUID, Integer> holding = held.stream()
                .collect(Collectors.toMap(ReservationResponse.Line::productId, ReservationResponse.Line::quantity));
        if (!holding.equals(requested)) {
            throw new ReservationMismatch(orderId);
        }
    }

    /**
     * Whether order-service's confirm has work to do: a held reservation is confirmed, even past its deadline (until
     * the expiry ran, its units are still held for this order); a confirmed one is answered as it is (confirming twice
     * is harmless).
     *
     * @throws ReservationNotActive if it gave its stock back (released or expired)
     */
    boolean needsConfirming() {
        return switch (status) {
            case RESERVED -> true;
            case CONFIRMED -> false;
            case RELEASED, EXPIRED -> throw new ReservationNotActive(orderId, status, "confirmed");
        };
    }

    /**
     * What the order's OrderPaid means for its reservation. One released by a cancel stays released: a cancelled order
     * never becomes paid, so its OrderPaid is stale, and taking the stock again would strand it on a cancelled order.
     * One that expired, or was released because its checkout failed although the order was written, takes its stock
     * again. Repeating it is harmless.
     */
    Paid paid() {
        if (mayReserveAgain()) {
            return Paid.TAKE_AGAIN;
        }
        return switch (status) {
            case RESERVED -> Paid.CONFIRM;
            case CONFIRMED -> Paid.ALREADY_CONFIRMED;
            case RELEASED, EXPIRED -> Paid.ORDER_CANCELLED;
        };
    }

    /**
     * What releasing for a reason does. A cancel gives back held units and confirmed ones (a paid order cancelled
     * before shipping); other reasons give back only held units, never a paid order's. Releasing what already went
     * back is harmless, but a cancel is still recorded on it ({@link Release#MARK_CANCELLED}), so that an OrderPaid
     * handled after the cancel knows the order is cancelled.
     */
    Release release(ReleaseReason why) {
        return switch (status) {
            case RESERVED -> Release.GIVE_BACK_HELD;
            case CONFIRMED -> why == ReleaseReason.CANCELLED ? Release.GIVE_BACK_SHIPPED : Release.NOTHING;
            case RELEASED, EXPIRED ->
                why == ReleaseReason.CANCELLED && reason != ReleaseReason.CANCELLED
                        ? Release.MARK_CANCELLED
                        : Release.NOTHING;
        };
    }

    /** The reservation once confirmed. */
    Reservation confirmed() {
        return new Reservation(orderId, ReservationStatus.CONFIRMED, null, expiresAt);
    }

    /** The reservation once released for the reason: EXPIRED when it expired, else RELEASED. */
    Reservation released(ReleaseReason why) {
        ReservationStatus released =
                why == ReleaseReason.EXPIRED ? ReservationStatus.EXPIRED : ReservationStatus.RELEASED;
        return new Reservation(orderId, released, why, expiresAt);
    }

    /** What an OrderPaid does to the reservation. */
    enum Paid {
        /** Held: confirm it, the units leave the shelf. */
        CONFIRM,
        /** Expired, or released by a failed checkout: take its units again (all or none), then confirm it. */
        TAKE_AGAIN,
        /** Confirmed before: nothing to do. */
        ALREADY_CONFIRMED,
        /** Released because the order was cancelled: nothing to confirm. */
        ORDER_CANCELLED
    }

    /** What a release does to the reservation and its units. */
    enum Release {
        /** Nothing changes. */
        NOTHING,
        /** The units are back on sale already; the reservation only records that the order is cancelled. */
        MARK_CANCELLED,
        /** The held units go back on sale. */
        GIVE_BACK_HELD,
        /** A paid order's units go back on the shelf and on sale. */
        GIVE_BACK_SHIPPED;

        /** Whether units go back on sale. */
        boolean givesBack() {
            return this == GIVE_BACK_HELD || this == GIVE_BACK_SHIPPED;
        }
    }
}
