package com.northwind.shop.localstack;

/**
 * Where the services find PostgreSQL and Redis, configured or embedded.
 *
 * @param dbUrl JDBC URL of the {@code shop} database
 * @param dbUsername database role
 * @param dbPassword its password (empty for trust authentication)
 * @param redisHost Redis host
 * @param redisPort Redis port
 */
record Connections(String dbUrl, String dbUsername, String dbPassword, String redisHost, int redisPort) {}
