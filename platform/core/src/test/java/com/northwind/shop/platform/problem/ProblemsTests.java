package com.northwind.shop.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class ProblemsTests {

    @Test
    void everyServiceUnavailableResponseSaysWhenToRetry() {
        var response = Problems.response(
                Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The catalog is away.", "downstream-unavailable"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo(String.valueOf(Problems.RETRY_AFTER_SECONDS));
    }

    @Test
    void otherProblemsCarryNoRetryAfter() {
        var response = Problems.response(Problems.of(HttpStatus.CONFLICT, "Changed meanwhile.", "concurrent-change"));

        assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER))
                .isFalse();
    }
}
