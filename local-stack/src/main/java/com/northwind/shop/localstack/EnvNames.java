package com.northwind.shop.localstack;

import java.net.URI;

/** Every environment variable (and property) the launcher reads or hands to a service, in one place. */
final class EnvNames {

    // Read by the launcher and passed on to the services.
    static final String DB_URL = "DB_URL";
    static final String DB_USERNAME = "DB_USERNAME";
    static final String DB_PASSWORD = "DB_PASSWORD";
    static final String REDIS_HOST = "REDIS_HOST";
    static final String REDIS_PORT = "REDIS_PORT";
    /** Prefix of every Redis key the services use (their streams included); empty by default. */
    static final String REDIS_KEY_PREFIX = "REDIS_KEY_PREFIX";

    /** Moves every service port: the gateway listens here, the others keep their offsets ({@link StackSettings}). */
    static final String LOCAL_STACK_PORT_BASE = "LOCAL_STACK_PORT_BASE";

    /** Replaces the services' JVM flags (space-separated), e.g. full JIT and a fixed heap for a benchmark. */
    static final String LOCAL_STACK_JVM_FLAGS = "LOCAL_STACK_JVM_FLAGS";

    // Where the services find each other (defaults in their application.yml: the fixed local ports).
    /** user-service's public keys, for every service's token checks. */
    static final String JWT_JWKS_URI = "JWT_JWKS_URI";
    /** Where a client service gets its service tokens. */
    static final String SERVICE_TOKEN_URI = "SERVICE_TOKEN_URI";
    /** payment-service's way to order-service. */
    static final String ORDER_SERVICE_URL = "ORDER_SERVICE_URL";

    // Set per process.
    static final String PORT = "PORT";
    /** Tells instances of one service apart (logs, metrics); the same value as the process name. */
    static final String INSTANCE_ID = "INSTANCE_ID";

    static final String SPRING_PROFILES_ACTIVE = "SPRING_PROFILES_ACTIVE";
    /** user-service creates this admin at start-up when it does not exist ({@code northwind.users.bootstrap-admin}). */
    static final String BOOTSTRAP_ADMIN_EMAIL = "BOOTSTRAP_ADMIN_EMAIL";

    static final String BOOTSTRAP_ADMIN_PASSWORD = "BOOTSTRAP_ADMIN_PASSWORD";

    /** A client service's own secret for service tokens (platform {@code northwind.security.service-client}). */
    static final String SERVICE_CLIENT_SECRET = "SERVICE_CLIENT_SECRET";

    /** Where user-service reads a client's secret, e.g. {@code ORDER_SERVICE_CLIENT_SECRET}. */
    static String clientSecretOf(Service client) {
        return client.moduleName().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
    }

    /**
     * The gateway's list of product-service instances (Spring Cloud's simple discovery client), passed as command-line
     * properties: an environment variable cannot name the map key {@code product-service} (it has a dash), and the
     * whole list must come from one source, so both entries are given.
     */
    static String productInstanceArgument(int index, String uri) {
        return instanceArgument("product-service", index, URI.create(uri));
    }

    /** One instance of a service in Spring Cloud's simple discovery client, as a command-line property. */
    static String instanceArgument(String serviceId, int index, URI uri) {
        return "--spring.cloud.discovery.client.simple.instances." + serviceId + "[" + index + "].uri=" + uri;
    }

    /** The gateway's single instance of a service, e.g. {@code USER_SERVICE_URI_0}. */
    static String instanceUriOf(Service service) {
        return service.moduleName().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URI_0";
    }

    private EnvNames() {}
}
