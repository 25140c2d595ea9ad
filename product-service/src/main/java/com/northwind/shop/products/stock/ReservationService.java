package com.northwind.shop.products.stock;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a reservation once it is made ({@link ReservingService}): confirmed when its order is paid,
 * released when the order is cancelled or its checkout fails, expired when nobody confirms it in time. Each locks the
 * reservation's row, asks the {@link Reservation} what the request means, and applies that to the rows.
 */
@Service
@Transactional
class ReservationService {

    private final ReservationRows reservations;
    private final Shelf shelf;

    ReservationService(ReservationRows reservations, Shelf shelf) {
        this.reservations = reservations;
        this.shelf = shelf;
    }

    @Transactional(readOnly = true)
    Optional<ReservationResponse> find(UUID orderId) {
        return reservations.find(orderId);
    }

    /** The order was paid: the units leave the shelf for good. Confirming twice is harmless. */
    ReservationResponse confirm(UUID orderId) {
        Reservation reservation = reservations.lock(orderId);
        if (!reservation.needsConfirming()) {
            return ReservationResponse.from(reservation, reservations.lines(orderId));
        }
        return confirmHeld(reservation);
    }

    /**
     * The order was paid (OrderPaid): confirms its reservation as {@link Reservation#paid()} says. A reservation that
     * takes its stock again does so with the same conditional update as a new one, all lines or none, else the order
     * cannot be served ({@code STOCK_UNAVAILABLE}).
     */
    PaidOutcome paid(UUID orderId) {
        Optional<Reservation> found = reservations.tryLock(orderId);
        if (found.isEmpty()) {
            return PaidOutcome.NO_RESERVATION;
        }
        Reservation reservation = found.get();
        return switch (reservation.paid()) {
            case CONFIRM -> {
                confirmHeld(reservation);
                yield PaidOutcome.CONFIRMED;
            }
            case TAKE_AGAIN -> takeAgain(reservation);
            case ALREADY_CONFIRMED -> PaidOutcome.CONFIRMED;
            case ORDER_CANCELLED -> PaidOutcome.ORDER_CANCELLED;
        };
    }

    /**
     * The order was cancelled (OrderCancelled): releases its reservation, if it has one. Idempotent, and a no-op
     * after order-service's own synchronous release.
     */
    void cancelled(UUID orderId) {
        reservations.tryLock(orderId).ifPresent(reservation -> release(reservation, ReleaseReason.CANCELLED));
    }

    /**
     * The order was cancelled: held units go back on sale, and so do confirmed ones (a paid order cancelled before
     * shipping). Releasing twice, or after expiry, is harmless.
     */
    ReservationResponse release(UUID orderId) {
        return release(orderId, ReleaseReason.CANCELLED);
    }

    /**
     * Releases for a reason: {@link ReleaseReason#CANCELLED} as {@link #release(UUID)}; {@link
     * ReleaseReason#CHECKOUT_FAILED} releases only held, unconfirmed stock (a failed checkout never undoes a paid
     * order's) and leaves the reservation open to a retry of the same checkout and to a late OrderPaid.
     */
    ReservationResponse release(UUID orderId, ReleaseReason reason) {
        return release(reservations.lock(orderId), reason);
    }

    /**
     * Releases one reservation as EXPIRED if it is still held and past its deadline (the database's clock) and no
     * other instance is working on it; must run in its own transaction (see {@link ReservationExpiry}).
     */
    boolean expireIfDue(UUID orderId) {
        Optional<Reservation> due = reservations.lockIfDue(orderId);
        due.ifPresent(reservation -> release(reservation, ReleaseReason.EXPIRED));
        return due.isPresent();
    }

    /** Confirms a held reservation: the units leave the shelf for good. */
    private ReservationResponse confirmHeld(Reservation reservation) {
        Reservation confirmed = reservation.confirmed();
        reservations.update(confirmed);
        List<ReservationResponse.Line> lines = reservations.lines(reservation.orderId());
        shelf.ship(lines);
        return ReservationResponse.from(confirmed, lines);
    }

    /** Confirms a reservation that gave its stock back, if every line's units can be taken again. */
    private PaidOutcome takeAgain(Reservation reservation) {
        List<ReservationResponse.Line> lines = reservations.lines(reservation.orderId());
        if (!shelf.takeAgain(lines)) {
            return PaidOutcome.STOCK_UNAVAILABLE;
        }
        reservations.update(reservation.confirmed());
        shelf.ship(lines);
        shelf.changed(lines);
        return PaidOutcome.CONFIRMED;
    }

    private ReservationResponse release(Reservation reservation, ReleaseReason reason) {
        Reservation.Release release = reservation.release(reason);
        if (release == Reservation.Release.NOTHING) {
            return ReservationResponse.from(reservation, reservations.lines(reservation.orderId()));
        }
        Reservation released = reservation.released(reason);
        reservations.update(released);
        List<ReservationResponse.Line> lines = reservations.lines(reservation.orderId());
        if (release.givesBack()) {
            shelf.giveBack(lines, release == Reservation.Release.GIVE_BACK_SHIPPED);
            shelf.changed(lines);
        }
        return ReservationResponse.from(released, lines);
    }

    /** What an OrderPaid did to the order's reservation. */
    enum PaidOutcome {
        /** The stock is confirmed (now, or already before). */
        CONFIRMED,
        /** The reservation was released (not by a cancel) and its stock is sold out: the order cannot be served. */
        STOCK_UNAVAILABLE,
        /** The reservation was released because the order was cancelled; nothing to confirm. */
        ORDER_CANCELLED,
        /** No reservation exists for the order. */
        NO_RESERVATION
    }
}
