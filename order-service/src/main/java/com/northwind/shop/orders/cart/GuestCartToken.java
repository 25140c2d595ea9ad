package com.northwind.shop.orders.cart;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The opaque token that identifies a guest's cart before login ({@code X-Cart-Token}). Its cart is stored under a
 * name-based (version 3) UUID derived from the token: it cannot collide with a user id (random, version 4), and
 * knowing a user's id does not let anyone pick a token that reaches that user's cart.
 */
final class GuestCartToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{32,64}");

    private GuestCartToken() {}

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isWellFormed(String token) {
        return SHAPE.matcher(token).matches();
    }

    /** The id the guest cart is stored under. */
    static UUID cartId(String token) {
        return UUID.nameUUIDFromBytes(("guest-cart:" + token).getBytes(StandardCharsets.UTF_8));
    }
}
