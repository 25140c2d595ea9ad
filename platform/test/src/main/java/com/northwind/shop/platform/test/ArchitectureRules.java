package com.northwind.shop.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The module boundaries as executable rules: a service never imports another service, and the platform never
 * imports any service.
 */
public final class ArchitectureRules {

    /** Root package of every service's code, one per deployable. */
    public static final List<String> SERVICE_PACKAGES = List.of(
            "com.northwind.shop.gateway",
            "com.northwind.shop.users",
            "com.northwind.shop.products",
            "com.northwind.shop.orders",
            "com.northwind.shop.payments");

    private ArchitectureRules() {}

    /** Classes of {@code ownPackage} depend on no other service's package. */
    public static ArchRule serviceIsIsolated(String ownPackage) {
        String[] others = SERVICE_PACKAGES.stream()
                .filter(p -> !p.equals(ownPackage))
                .map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(ownPackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services share plumbing, not code: each one talks to the others over HTTP or events");
    }

    /** The shared library depends on no service. */
    public static ArchRule platformIsServiceFree() {
        return noClasses()
                .that()
                .resideInAPackage("com.northwind.shop.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SERVICE_PACKAGES.stream().map(p -> p + "..").toArray(String[]::new))
                .because("the platform is a technical library and must never know a service's domain");
    }
}
