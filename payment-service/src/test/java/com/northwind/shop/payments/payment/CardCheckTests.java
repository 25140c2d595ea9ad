package com.northwind.shop.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.northwind.shop.payments.payment.CreatePaymentRequest.CardRequest;
import com.northwind.shop.payments.processor.Card;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class CardCheckTests {

    private static final YearMonth NOW = YearMonth.of(2026, 12);

    @Test
    void acceptsAValidCardAndKnowsItsBrand() {
        Card card = CardCheck.check(new CardRequest("4242 4242 4242 4242", 12, 2026, "123", "Ada"), NOW);

        assertThat(card.number()).isEqualTo("4242424242424242");
        assertThat(card.last4()).isEqualTo("4242");
        assertThat(CardCheck.brand("5555555555554444")).isEqualTo("MASTERCARD");
        assertThat(CardCheck.brand("378282246310005")).isEqualTo("AMEX");
    }

    @Test
    void rejectsABadChecksumAPastExpiryAndAShortCvcNamingOnlyTheFields() {
        assertThatExceptionOfType(InvalidCardException.class)
                .isThrownBy(() -> CardCheck.check(new CardRequest("4242424242424241", 11, 2026, "12", "Ada"), NOW))
                .satisfies(ex -> {
                    assertThat(ex.errors())
                            .extracting(error -> error.field())
                            .containsExactlyInAnyOrder("card.number", "card.expYear", "card.cvc");
                    assertThat(ex.errors().toString())
                            .doesNotContain("4242424242424241")
                            .doesNotContain("12,");
                });
    }

    @Test
    void wantsFourDigitsOfCvcForAmericanExpress() {
        assertThatExceptionOfType(InvalidCardException.class)
                .isThrownBy(() -> CardCheck.check(new CardRequest("378282246310005", 1, 2030, "123", "Ada"), NOW));
        assertThat(CardCheck.check(new CardRequest("378282246310005", 1, 2030, "1234", "Ada"), NOW)
                        .last4())
                .isEqualTo("0005");
    }

    @Test
    void masksNumberAndCvcWhenPrinted() {
        CardRequest request = new CardRequest("4242424242424242", 1, 2030, "987", "Ada");

        assertThat(request.toString()).doesNotContain("4242424242424242").doesNotContain("987");
        assertThat(new Card("4242424242424242", 1, 2030, "987").toString())
                .doesNotContain("424242424242")
                .doesNotContain("987");
    }
}
