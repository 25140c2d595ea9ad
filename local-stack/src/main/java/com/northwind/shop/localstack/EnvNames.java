package com.northwind.shop.localstack;

/** Every environment variable (and property) the launcher reads or hands to a service, in one place. */
final class EnvNames {

    // Read by the launcher and passed on to the services.
    static final String DB_URL = "DB_URL";
    static final String DB_USERNAME = "DB_USERNAME";
    static final String DB_PASSWORD = "DB_PASSWORD";
    static final String REDIS_HOST = "REDIS_HOST";
    static final String REDIS_PORT = "REDIS_PORT";

    /** Moves every service port: the gateway listens here, the others keep their offsets ({@link StackSettings}). */
    static final String LOCAL_STACK_PORT_BASE = "LOCAL_STACK_PORT_BASE";

    /** Replaces the services' JVM flags (space-separated), e.g. full JIT and a fixed heap for a benchmark. */
    static final String LOCAL_STACK_JVM_FLAGS = "LOCAL_STACK_JVM_FLAGS";

    // Where the services find each other (each service's configuration defaults to the standard ports).
    static final String JWT_JWKS_URI = "JWT_JWKS_URI";
    static final String SERVICE_TOKEN_URI = "SERVICE_TOKEN_URI";
    static final String PRODUCT_SERVICE_URL = "PRODUCT_SERVICE_URL";
    static final String ORDER_SERVICE_URL = "ORDER_SERVICE_URL";
    static final String USER_SERVICE_URI_0 = "USER_SERVICE_URI_0";
    static final String ORDER_SERVICE_URI_0 = "ORDER_SERVICE_URI_0";
    static final String PAYMENT_SERVICE_URI_0 = "PAYMENT_SERVICE_URI_0";

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
        return "--spring.cloud.discovery.client.simple.instances.product-service[" + index + "].uri=" + uri;
    }

    private EnvNames() {}
}
