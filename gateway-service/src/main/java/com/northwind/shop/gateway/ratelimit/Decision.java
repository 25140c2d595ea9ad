package com.northwind.shop.gateway.ratelimit;

/**
 * What a token bucket said about one request.
 *
 * @param allowed whether the request may pass
 * @param limit the bucket's capacity (the largest burst), cluster-wide
 * @param remaining tokens left after this request, cluster-wide (an estimate for the local buckets), or -1 when
 *     unknown (Redis could not answer)
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds for a refusal, seconds until the next token; 0 when allowed
 */
record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    static Decision unknown(long limit) {
        return new Decision(true, limit, -1, 0, 0);
    }
}
