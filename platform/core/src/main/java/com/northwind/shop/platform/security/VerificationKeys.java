package com.northwind.shop.platform.security;

import java.security.PublicKey;
import org.jspecify.annotations.Nullable;

/**
 * Where the verifier finds the public key for a token's {@code kid}. Services use {@link JwksVerificationKeys}, which
 * reads user-service's JWKS; user-service itself answers from its own key ring.
 */
@FunctionalInterface
public interface VerificationKeys {

    /** The public key published under {@code kid}, or {@code null} if there is none. */
    @Nullable
    PublicKey find(String kid);
}
