/**
 * Test harness shared by every service: real PostgreSQL and Redis for integration tests (Testcontainers where a
 * Docker engine answers, otherwise the servers already running locally, isolated per run) and the architecture
 * rules every module obeys.
 */
@NullMarked
package com.northwind.shop.platform.test;

import org.jspecify.annotations.NullMarked;
