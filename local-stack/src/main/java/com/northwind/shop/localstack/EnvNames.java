package com.northwind.shop.localstack;

/** Every environment variable the launcher reads or hands to a service, in one place. */
final class EnvNames {

    // Read by the launcher and passed on to the services.
    static final String DB_URL = "DB_URL";
    static final String DB_USERNAME = "DB_USERNAME";
    static final String DB_PASSWORD = "DB_PASSWORD";
    static final String REDIS_HOST = "REDIS_HOST";
    static final String REDIS_PORT = "REDIS_PORT";

    // Set per process.
    static final String PORT = "PORT";
    /** Tells instances of one service apart (logs, metrics); the same value as the process name. */
    static final String INSTANCE_ID = "INSTANCE_ID";

    static final String SPRING_PROFILES_ACTIVE = "SPRING_PROFILES_ACTIVE";
    /** user-service creates this admin at start-up when it does not exist. */
    static final String BOOTSTRAP_ADMIN_EMAIL = "NORTHWIND_USERS_BOOTSTRAP_ADMIN_EMAIL";

    static final String BOOTSTRAP_ADMIN_PASSWORD = "NORTHWIND_USERS_BOOTSTRAP_ADMIN_PASSWORD";
    /** The gateway's static list of product-service instances (Spring Cloud's simple discovery client). */
    static final String PRODUCT_INSTANCE_URI = "SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_PRODUCT_SERVICE_%d_URI";

    static String productInstanceUri(int index) {
        return PRODUCT_INSTANCE_URI.formatted(index);
    }

    private EnvNames() {}
}
