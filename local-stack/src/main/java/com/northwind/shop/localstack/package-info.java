/**
 * The local stack: one command that starts PostgreSQL and Redis (the configured servers, or embedded ones) and
 * every service as its own JVM, waits for readiness, loads demo data and stops everything on Ctrl-C.
 */
@NullMarked
package com.northwind.shop.localstack;

import org.jspecify.annotations.NullMarked;
