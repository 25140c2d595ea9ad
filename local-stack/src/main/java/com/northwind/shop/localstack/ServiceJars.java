package com.northwind.shop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The services' executable jars, as {@code ./mvnw package} leaves them in each module's {@code target/}. */
final class ServiceJars {

    private ServiceJars() {}

    /** Each wanted service's executable jar (not the plain one); fails naming the missing ones. */
    static Map<Service, Path> find(Path root, List<Service> wanted) throws StartupException, IOException {
        var jars = new EnumMap<Service, Path>(Service.class);
        var missing = new ArrayList<String>();
        for (var service : wanted) {
            var target = root.resolve(service.moduleName()).resolve("target");
            try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
                files.filter(f -> f.getFileName().toString().startsWith(service.moduleName() + "-"))
                        .filter(f -> f.getFileName().toString().endsWith(".jar"))
                        .filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
                        .findFirst()
                        .ifPresentOrElse(jar -> jars.put(service, jar), () -> missing.add(service.moduleName()));
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupException("no jar for " + String.join(", ", missing)
                    + "; build with `bin/run-all --build` (or ./mvnw -DskipTests package)");
        }
        return jars;
    }
}
