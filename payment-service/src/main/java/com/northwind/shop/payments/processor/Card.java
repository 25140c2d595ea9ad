package com.northwind.shop.payments.processor;

/**
 * A card as it is handed to the processor, in memory only: never stored, never logged ({@link #toString()} masks
 * it).
 *
 * @param number the primary account number, digits only
 * @param expMonth the expiry month, 1 to 12
 * @param expYear the expiry year, four digits
 * @param cvc the card verification code
 */
public record Card(String number, int expMonth, int expYear, String cvc) {

    /** The last four digits, the only part of the number that may be stored or shown. */
    public String last4() {
        return number.substring(number.length() - 4);
    }

    @Override
    public String toString() {
        return "Card[****" + last4() + "]";
    }
}
