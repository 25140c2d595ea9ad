package com.northwind.shop.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hand-written scan of {@code Authorization} accepts what RFC 6750's {@code b64token} allows, nothing else. */
class BearerTokenTests {

    @Test
    void acceptsTheSchemeInAnyCaseAndTokenCharactersWithPadding() {
        assertThat(AuthenticationFilter.bearerToken("Bearer abc.DEF-123_~+/")).isEqualTo("abc.DEF-123_~+/");
        assertThat(AuthenticationFilter.bearerToken("bearer a.b.c==")).isEqualTo("a.b.c==");
        assertThat(AuthenticationFilter.bearerToken("  BEARER xyz  ")).isEqualTo("xyz");
    }

    @Test
    void refusesAnythingElse() {
        for (String header : new String[] {
            "Bearer",
            "Bearer ",
            "Bearer ==",
            "Bearer  abc",
            "Bearer a b",
            "Bearer a,Bearer b",
            "Bearer a=b",
            "Basic dXNlcjpwYXNz",
            "Bearerabc",
            "Bearer ab\u00e9"
        }) {
            assertThat(AuthenticationFilter.bearerToken(header)).as(header).isNull();
        }
    }

    @Test
    void refusesATokenLongerThanTheLimit() {
        assertThat(AuthenticationFilter.bearerToken("Bearer " + "a".repeat(8192)))
                .isNotNull();
        assertThat(AuthenticationFilter.bearerToken("Bearer " + "a".repeat(8193)))
                .isNull();
    }
}
