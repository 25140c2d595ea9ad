package com.northwind.shop.platform;

import com.northwind.shop.platform.test.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter().importPackages("com.northwind.shop.platform");

    @Test
    void importsNoService() {
        ArchitectureRules.platformIsServiceFree().check(classes);
    }
}
