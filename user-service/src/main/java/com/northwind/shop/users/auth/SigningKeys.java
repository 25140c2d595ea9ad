package com.northwind.shop.users.auth;

import com.northwind.shop.platform.security.VerificationKeys;
import com.northwind.shop.users.config.UsersProperties;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA keys user-service signs with: one active key that signs, and retired keys whose public halves stay in the
 * JWKS until the tokens they signed have expired. Keys come from configuration (PEM, via the environment); only the
 * {@code local} profile may generate a throw-away key. Also the {@link VerificationKeys} of user-service itself, which
 * verifies its own tokens without a round trip to its JWKS.
 */
public final class SigningKeys implements VerificationKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private static final int MIN_RSA_BITS = 2048;

    private final Map<String, RSAPublicKey> published;
    private final String activeKid;
    private final PrivateKey activeKey;
    private final String jwks;

    private SigningKeys(Map<String, RSAPublicKey> published, String activeKid, PrivateKey activeKey) {
        this.published = Map.copyOf(published);
        this.activeKid = activeKid;
        this.activeKey = activeKey;
        List<String> keys = new ArrayList<>();
        published.forEach((kid, key) -> keys.add(Jwks.json(Jwks.builder()
                .key(key)
                .id(kid)
                .algorithm("RS256")
                .publicKeyUse("sig")
                .build())));
        this.jwks = "{\"keys\":[" + String.join(",", keys) + "]}";
    }

    /** Loads the configured keys; generates one only if allowed (the {@code local} profile). */
    public static SigningKeys load(UsersProperties.Tokens tokens, boolean mayGenerate) {
        Map<String, RSAPublicKey> published = new LinkedHashMap<>();
        Map<String, PrivateKey> privates = new LinkedHashMap<>();
        for (UsersProperties.SigningKey key : tokens.keys()) {
            PrivateKey privateKey = key.privateKey() == null || key.privateKey().isBlank()
                    ? null
                    : parsePrivate(key.id(), key.privateKey());
            RSAPublicKey publicKey = key.publicKey() != null && !key.publicKey().isBlank()
                    ? parsePublic(key.id(), key.publicKey())
                    : derivePublic(key.id(), privateKey);
            if (publicKey.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalStateException("Signing key " + key.id() + " is shorter than 2048 bits");
            }
            published.put(key.id(), publicKey);
            if (privateKey != null) {
                privates.put(key.id(), privateKey);
            }
        }
        if (published.isEmpty()) {
            if (!tokens.generateKey() || !mayGenerate) {
                throw new IllegalStateException("No signing key configured: set northwind.users.tokens.keys[0].id and "
                        + ".private-key (PEM) from the environment; only the local profile may generate one");
            }
            KeyPair pair = Jwts.SIG.RS256.keyPair().build();
            String kid = "local-" + UUID.randomUUID();
            log.warn("Generated a throw-away signing key {} (local profile): tokens die with this process", kid);
            return new SigningKeys(Map.of(kid, (RSAPublicKey) pair.getPublic()), kid, pair.getPrivate());
        }
        String activeKid = tokens.activeKeyId() != null && !tokens.activeKeyId().isBlank()
                ? tokens.activeKeyId()
                : privates.keySet().stream().findFirst().orElse("");
        PrivateKey active = privates.get(activeKid);
        if (active == null) {
            throw new IllegalStateException("The active signing key '" + activeKid + "' has no private key");
        }
        return new SigningKeys(published, activeKid, active);
    }

    @Override
    public @Nullable PublicKey find(String kid) {
        return published.get(kid);
    }

    String activeKid() {
        return activeKid;
    }

    PrivateKey activeKey() {
        return activeKey;
    }

    /** The JWKS document: public keys only. */
    String jwksJson() {
        return jwks;
    }

    private static PrivateKey parsePrivate(String kid, String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("Signing key " + kid + " is not a PKCS#8 RSA private key in PEM", ex);
        }
    }

    private static RSAPublicKey parsePublic(String kid, String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("Signing key " + kid + " has no valid X.509 RSA public key in PEM", ex);
        }
    }

    private static RSAPublicKey derivePublic(String kid, @Nullable PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("Signing key " + kid + " needs a private or a public key");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot derive the public key of " + kid, ex);
        }
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
