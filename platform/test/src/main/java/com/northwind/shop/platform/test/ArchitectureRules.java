package com.northwind.shop.platform.test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;

/**
 * The module boundaries and the house style's layering as executable rules: a service never imports another service,
 * the platform never imports any service; inside a service, features (its top-level packages) do not depend on each
 * other in a cycle, controllers never reach persistence directly, and entities stay inside their feature. Each
 * service's {@code ArchitectureTests} applies every rule to its own package.
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

    /**
     * The features of a service (the packages right under {@code servicePackage}) depend on each other without a
     * cycle. {@code config} is not a feature: it wires them (properties records, security, error advice), so it may
     * know every feature and every feature may read its properties.
     */
    public static ArchRule featuresAreFreeOfCycles(String servicePackage) {
        DescribedPredicate<JavaClass> config = resideInAPackage(servicePackage + ".config..");
        return SlicesRuleDefinition.slices()
                .matching(servicePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(config, DescribedPredicate.alwaysTrue())
                .ignoreDependency(DescribedPredicate.alwaysTrue(), config)
                .because("a feature is read and changed on its own; a cycle makes two features one");
    }

    /**
     * Controllers never touch persistence themselves (Spring Data repositories, JDBC, the JPA entity manager): they
     * call a service or the aggregate, which owns the transaction and the rules.
     */
    public static ArchRule controllersDoNotTouchRepositories(String servicePackage) {
        return noClasses()
                .that()
                .resideInAPackage(servicePackage + "..")
                .and(annotatedWith("org.springframework.web.bind.annotation.RestController")
                        .or(annotatedWith("org.springframework.stereotype.Controller")))
                .should()
                .dependOnClassesThat(assignableTo("org.springframework.data.repository.Repository")
                        .or(assignableTo("org.springframework.jdbc.core.JdbcOperations"))
                        .or(assignableTo("org.springframework.jdbc.core.simple.JdbcClient"))
                        .or(assignableTo("org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations"))
                        .or(assignableTo("jakarta.persistence.EntityManager")))
                .because("controllers stay thin: persistence and its transactions belong to services and aggregates")
                .allowEmptyShould(true);
    }

    /** JPA entities are package-private: only their own feature sees them, and no endpoint can return one. */
    public static ArchRule entitiesAreNotPublic(String servicePackage) {
        return classes()
                .that()
                .resideInAPackage(servicePackage + "..")
                .and()
                .areAnnotatedWith("jakarta.persistence.Entity")
                .should()
                .notBePublic()
                .because("an entity is its feature's business; other features and the API see records")
                .allowEmptyShould(true);
    }
}
