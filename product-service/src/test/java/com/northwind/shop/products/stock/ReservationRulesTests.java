package com.northwind.shop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.products.catalog.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The reservation's own rules, without Spring or a database. */
class ReservationRulesTests {

    static final UUID ORDER = UUID.fromString("6f1c1e0a-0000-4000-8000-000000000001");
    static final UUID MUG = UUID.fromString("6f1c1e0a-0000-4000-8000-000000000002");
    static final UUID CUP = UUID.fromString("6f1c1e0a-0000-4000-8000-000000000003");
    static final Instant DEADLINE = Instant.parse("2026-12-01T09:46:00Z");

    @Test
    void onlyAnExpiredReservationOrOneWhoseCheckoutFailedIsReservedAgain() {
        assertThat(in(ReservationStatus.EXPIRED, ReleaseReason.EXPIRED).mayReserveAgain())
                .isTrue();
        assertThat(in(ReservationStatus.RELEASED, ReleaseReason.CHECKOUT_FAILED).mayReserveAgain())
                .isTrue();

        assertThat(held().mayReserveAgain()).isFalse();
        assertThat(in(ReservationStatus.CONFIRMED, null).mayReserveAgain()).isFalse();
        assertThat(in(ReservationStatus.RELEASED, ReleaseReason.CANCELLED).mayReserveAgain())
                .isFalse();
    }

    @Test
    void aRepeatForTheSameLinesInAnyOrderIsAnsweredAndOneForOtherLinesIsAMismatch() {
        List<ReservationResponse.Line> holding = List.of(line(MUG, 2), line(CUP, 1));

        held().requireSameLines(
                        request(new ReserveStockRequest.Line(CUP, 1), new ReserveStockRequest.Line(MUG, 2)), holding);

        assertThatThrownBy(() -> held().requireSameLines(request(new ReserveStockRequest.Line(MUG, 3)), holding))
                .isInstanceOf(ReservationMismatch.class);
        assertThatThrownBy(() -> held().requireSameLines(
                                request(new ReserveStockRequest.Line(MUG, 2), new ReserveStockRequest.Line(CUP, 2)),
                                holding))
                .isInstanceOf(ReservationMismatch.class);
    }

    @Test
    void aHeldReservationIsConfirmedOnceAndOneThatGaveItsStockBackNever() {
        assertThat(held().needsConfirming()).isTrue();
        assertThat(held().confirmed().needsConfirming()).isFalse();
        assertThat(held().confirmed()).isEqualTo(in(ReservationStatus.CONFIRMED, null));

        assertThatThrownBy(() ->
                        in(ReservationStatus.EXPIRED, ReleaseReason.EXPIRED).needsConfirming())
                .isInstanceOf(ReservationNotActive.class);
        assertThatThrownBy(() -> in(ReservationStatus.RELEASED, ReleaseReason.CHECKOUT_FAILED)
                        .needsConfirming())
                .isInstanceOf(ReservationNotActive.class);
    }

    @Test
    void orderPaidConfirmsHeldStockTakesBackStockThatWentBackAndNeverConfirmsACancelledOrder() {
        assertThat(held().paid()).isEqualTo(Reservation.Paid.CONFIRM);
        assertThat(in(ReservationStatus.CONFIRMED, null).paid()).isEqualTo(Reservation.Paid.ALREADY_CONFIRMED);
        assertThat(in(ReservationStatus.EXPIRED, ReleaseReason.EXPIRED).paid()).isEqualTo(Reservation.Paid.TAKE_AGAIN);
        assertThat(in(ReservationStatus.RELEASED, ReleaseReason.CHECKOUT_FAILED).paid())
                .isEqualTo(Reservation.Paid.TAKE_AGAIN);
        assertThat(in(ReservationStatus.RELEASED, ReleaseReason.CANCELLED).paid())
                .isEqualTo(Reservation.Paid.ORDER_CANCELLED);
    }

    @Test
    void aCancelGivesBackHeldAndPaidUnitsAndOtherReasonsOnlyHeldOnes() {
        assertThat(held().release(ReleaseReason.CANCELLED)).isEqualTo(Reservation.Release.GIVE_BACK_HELD);
        assertThat(held().release(ReleaseReason.CHECKOUT_FAILED)).isEqualTo(Reservation.Release.GIVE_BACK_HELD);
        assertThat(held().release(ReleaseReason.EXPIRED)).isEqualTo(Reservation.Release.GIVE_BACK_HELD);

        Reservation confirmed = in(ReservationStatus.CONFIRMED, null);
        assertThat(confirmed.release(ReleaseReason.CANCELLED)).isEqualTo(Reservation.Release.GIVE_BACK_SHIPPED);
        assertThat(confirmed.release(ReleaseReason.CHECKOUT_FAILED)).isEqualTo(Reservation.Release.NOTHING);
    }

    @Test
    void releasingWhatWentBackChangesNothingButACancelIsRecordedOnce() {
        Reservation expired = in(ReservationStatus.EXPIRED, ReleaseReason.EXPIRED);
        Reservation failed = in(ReservationStatus.RELEASED, ReleaseReason.CHECKOUT_FAILED);
        Reservation cancelled = in(ReservationStatus.RELEASED, ReleaseReason.CANCELLED);

        assertThat(expired.release(ReleaseReason.CANCELLED)).isEqualTo(Reservation.Release.MARK_CANCELLED);
        assertThat(failed.release(ReleaseReason.CANCELLED)).isEqualTo(Reservation.Release.MARK_CANCELLED);
        assertThat(cancelled.release(ReleaseReason.CANCELLED)).isEqualTo(Reservation.Release.NOTHING);
        assertThat(failed.release(ReleaseReason.CHECKOUT_FAILED)).isEqualTo(Reservation.Release.NOTHING);
        assertThat(Reservation.Release.MARK_CANCELLED.givesBack()).isFalse();
        assertThat(Reservation.Release.NOTHING.givesBack()).isFalse();
    }

    @Test
    void anExpiredReservationIsExpiredAndEveryOtherReleaseIsReleasedWithItsReason() {
        assertThat(held().released(ReleaseReason.EXPIRED))
                .isEqualTo(in(ReservationStatus.EXPIRED, ReleaseReason.EXPIRED));
        assertThat(held().released(ReleaseReason.CHECKOUT_FAILED))
                .isEqualTo(in(ReservationStatus.RELEASED, ReleaseReason.CHECKOUT_FAILED));
        assertThat(in(ReservationStatus.EXPIRED, ReleaseReason.EXPIRED).released(ReleaseReason.CANCELLED))
                .isEqualTo(in(ReservationStatus.RELEASED, ReleaseReason.CANCELLED));
    }

    private static Reservation held() {
        return in(ReservationStatus.RESERVED, null);
    }

    private static Reservation in(ReservationStatus status, @Nullable ReleaseReason reason) {
        return new Reservation(ORDER, status, reason, DEADLINE);
    }

    private static ReserveStockRequest request(ReserveStockRequest.Line... lines) {
        return new ReserveStockRequest(ORDER, List.of(lines));
    }

    private static ReservationResponse.Line line(UUID product, int quantity) {
        return new ReservationResponse.Line(product, "SKU", "Mug", quantity, new Money(1299L, "USD"));
    }
}
