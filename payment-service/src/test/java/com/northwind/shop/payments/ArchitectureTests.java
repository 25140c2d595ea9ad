package com.northwind.shop.payments;

import com.northwind.shop.platform.test.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
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
        SlicesRuleDefinition.slices()
                .matching("com.northwind.shop.payments.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }
}
