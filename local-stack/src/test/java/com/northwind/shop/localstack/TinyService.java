package com.northwind.shop.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in service the supervision tests start as a real child JVM. Environment: {@code PORT}; {@code BEHAVIOUR}
 * = {@code serve} (readiness answers 200 after {@code READY_AFTER_MS}), {@code crash} (exits with code 3 at once),
 * {@code never-ready} (readiness answers 503), {@code stubborn} (a stop takes forever, so only a kill ends it);
 * {@code STOP_MARKER}: a file written when it shuts down after SIGTERM.
 */
public final class TinyService {

    public static void main(String[] args) throws IOException, InterruptedException {
        String behaviour = System.getenv().getOrDefault("BEHAVIOUR", "serve");
        if (behaviour.equals("crash")) {
            System.out.println("crashing on purpose");
            System.exit(3);
        }
        long readyAt =
                System.currentTimeMillis() + Long.parseLong(System.getenv().getOrDefault("READY_AFTER_MS", "0"));
        var server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 0);
        server.createContext(Plan.READINESS_PATH, exchange -> {
            boolean ready = !behaviour.equals("never-ready") && System.currentTimeMillis() >= readyAt;
            exchange.sendResponseHeaders(ready ? 200 : 503, -1);
            exchange.close();
        });
        server.start();
        System.out.println("tiny service listening");
        String marker = System.getenv("STOP_MARKER");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (behaviour.equals("stubborn")) {
                sleepForever();
            }
            server.stop(0);
            if (marker != null) {
                try {
                    Files.writeString(Path.of(marker), "stopped after SIGTERM");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }));
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TinyService() {}
}
