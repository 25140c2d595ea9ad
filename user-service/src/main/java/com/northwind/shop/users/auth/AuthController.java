package com.northwind.shop.users.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Login, refresh, logout, service tokens and the public keys that verify them. */
@RestController
@Tag(name = "Authentication")
class AuthController {

    private static final CacheControl NO_STORE = CacheControl.noStore();

    private final AuthService auth;
    private final SigningKeys keys;

    AuthController(AuthService auth, SigningKeys keys) {
        this.auth = auth;
        this.keys = keys;
    }

    @PostMapping("/api/auth/login")
    @Operation(
            summary = "Log in",
            description = "Returns a 15-minute access token and a refresh token. Failed logins are throttled per "
                    + "account and per client IP (429 with Retry-After).")
    @ApiResponse(responseCode = "401", description = "Wrong email or password, or a disabled account")
    @ApiResponse(responseCode = "429", description = "Too many failed logins for the account or address")
    ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return ResponseEntity.ok().cacheControl(NO_STORE).body(auth.login(request, http.getRemoteAddr()));
    }

    @PostMapping("/api/auth/refresh")
    @Operation(
            summary = "Rotate a refresh token",
            description = "The presented token dies; presenting it again revokes the whole session (401).")
    @ApiResponse(responseCode = "401", description = "Unknown, expired, revoked or reused refresh token")
    ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return ResponseEntity.ok().cacheControl(NO_STORE).body(auth.refresh(request.refreshToken()));
    }

    @PostMapping("/api/auth/logout")
    @Operation(summary = "End the session of a refresh token")
    @ApiResponse(responseCode = "204", description = "The session is over (also when it already was)")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
        auth.logout(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/auth/token")
    @Operation(
            summary = "Service token (client credentials)",
            description =
                    "For configured service clients only, inside the cluster (the gateway does not route it); the token "
                            + "has scope internal, is short-lived and is accepted only by the service named in audience "
                            + "(403 for a service the client is not configured to call). Failures are throttled per "
                            + "client and address (429).")
    @ApiResponse(responseCode = "401", description = "Unknown client or wrong secret")
    ResponseEntity<TokenResponse> serviceToken(
            @Valid @RequestBody ServiceTokenRequest request, HttpServletRequest http) {
        return ResponseEntity.ok().cacheControl(NO_STORE).body(auth.serviceToken(request, http.getRemoteAddr()));
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Public keys (JWKS) that verify access and service tokens")
    @ApiResponse(
            responseCode = "200",
            description = "The JSON Web Key Set (RFC 7517): {keys: [{kty, kid, use, alg, n, e}]}",
            content = @Content(schema = @Schema(type = "object", maxProperties = 1)))
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok()
                .cacheControl(
                        CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(keys.jwksJson());
    }
}
