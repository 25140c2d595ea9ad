package com.northwind.shop.payments;

import com.northwind.shop.platform.test.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.northwind.shop.payments");

    @Test
    void importsNoOtherService() {
        ArchitectureRules.serviceIsIsolated("com.northwind.shop.payments").check(classes);
    }

    @Test
    void hasNoCyclesBetweenFeatures() {
        ArchitectureRules.featuresAreFreeOfCycles("com.northwind.shop.payments").check(classes);
    }

    @Test
    void controllersNeverTouchRepositories() {
        ArchitectureRules.controllersDoNotTouchRepositories("com.northwind.shop.payments")
                .check(classes);
    }

    @Test
    void entitiesAreNotPublic() {
        ArchitectureRules.entitiesAreNotPublic("com.northwind.shop.payments").check(classes);
    }
}
