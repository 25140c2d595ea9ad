package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.payment.CreatePaymentRequest.CardRequest;
import com.northwind.shop.payments.processor.Card;
import com.northwind.shop.platform.problem.Problems.FieldError;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a card before anything is charged or stored: Luhn checksum, expiry not past, CVC shape. The messages name
 * the rule, never the value, so neither number nor CVC ends up in a response or a log line.
 */
final class CardCheck {

    private CardCheck() {}

    /** The card ready for the processor, or {@link InvalidCardException} listing every rejected field. */
    static Card check(CardRequest request, YearMonth now) {
        List<FieldError> errors = new ArrayList<>();
        String number = Objects.requireNonNull(request.number()).replace(" ", "");
        if (!number.matches("[0-9]{12,19}") || !luhn(number)) {
            errors.add(new FieldError("card.number", "is not a valid card number"));
        }
        int month = Objects.requireNonNull(request.expMonth());
        int year = Objects.requireNonNull(request.expYear());
        if (month < 1 || month > 12) {
            errors.add(new FieldError("card.expMonth", "must be between 1 and 12"));
        } else if (year < 1000 || year > 9999) {
            errors.add(new FieldError("card.expYear", "must have four digits"));
        } else if (YearMonth.of(year, month).isBefore(now)) {
            errors.add(new FieldError("card.expYear", "the card has expired"));
        } else if (YearMonth.of(year, month).isAfter(now.plusYears(20))) {
            errors.add(new FieldError("card.expYear", "is too far in the future"));
        }
        String cvc = Objects.requireNonNull(request.cvc());
        String brand = errors.stream().anyMatch(e -> e.field().equals("card.number")) ? "UNKNOWN" : brand(number);
        if (!cvc.matches("AMEX".equals(brand) ? "[0-9]{4}" : "[0-9]{3}")) {
            errors.add(new FieldError("card.cvc", "AMEX".equals(brand) ? "must be 4 digits" : "must be 3 digits"));
        }
        String holder = Objects.requireNonNull(request.holder()).strip();
        if (holder.isEmpty() || holder.length() > 100) {
            errors.add(new FieldError("card.holder", "must be 1 to 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCardException(errors);
        }
        return new Card(number, month, year, cvc);
    }

    /** The card network, from the number's leading digits. */
    static String brand(String number) {
        int two = Integer.parseInt(number.substring(0, 2));
        int four = Integer.parseInt(number.substring(0, 4));
        if (number.startsWith("4")) {
            return "VISA";
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "MASTERCARD";
        }
        if (two == 34 || two == 37) {
            return "AMEX";
        }
        if (number.startsWith("6011") || number.startsWith("65")) {
            return "DISCOVER";
        }
        return "UNKNOWN";
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
