package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The gateway's Swagger UI in a real browser: Debian's headless Chromium, driven through its own chromedriver (no
 * browser download). {@code .ci/run} installs both; locally: {@code apt-get install chromium chromium-driver}.
 */
@SystemTest
class SwaggerUiTests {

    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() {
        var options = new ChromeOptions()
                .setBinary(executable("chromium", "chromium-browser", "google-chrome"))
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--window-size=1400,1000");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The program on PATH (or in /usr/lib/chromium), failing with how to install it. */
    static String executable(String... names) {
        var folders = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)),
                        Stream.of("/usr/lib/chromium"))
                .filter(folder -> !folder.isBlank())
                .toList();
        for (String name : names) {
            for (String folder : folders) {
                var candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new IllegalStateException("none of " + List.of(names)
                + " is installed; run `apt-get install -y chromium chromium-driver` (what .ci/run does)");
    }

    private static List<WebElement> operationPaths() {
        return browser.findElements(By.cssSelector(".opblock .opblock-summary-path"));
    }

    private static void open(String definition) {
        browser.get(SystemStack.gateway() + "/swagger-ui/index.html?urls.primaryName=" + definition);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> !operationPaths().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var errors = browser.findElements(By.cssSelector(".errors-wrapper, .loading-container, .info")).stream()
                    .map(WebElement::getText)
                    .toList();
            throw new AssertionError(
                    "no operations listed for " + definition + " at " + browser.getCurrentUrl() + "; page shows "
                            + errors,
                    e);
        }
    }

    @ParameterizedTest(name = "{0} lists {1}")
    @CsvSource({"users, /api/auth/login", "products, /api/products", "orders, /api/orders", "payments, /api/payments"})
    void listsEachServicesOperations(String definition, String path) {
        open(definition);

        var paths = operationPaths().stream()
                .map(element -> element.getAttribute("data-path"))
                .toList();
        assertThat(paths).contains(path).noneMatch(p -> p.startsWith("/internal"));
    }

    @Test
    void theSwaggerUiEntryPointServesThePage() {
        browser.get(SystemStack.gateway() + "/swagger-ui.html");

        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() ->
                        !browser.findElements(By.cssSelector(".swagger-ui")).isEmpty());
        assertThat(browser.getTitle()).containsIgnoringCase("swagger");
    }

    @Test
    void thePageCallsGetProductsThroughTheGateway() {
        open("products");

        // What "Try it out" would do, from the page itself: same origin, so through the gateway.
        Object answer = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch('/api/products?size=3', {headers: {Accept: 'application/json'}})
                          .then(r => r.text().then(body => done({status: r.status, body: body})))
                          .catch(e => done({status: -1, body: String(e)}));
                        """);

        @SuppressWarnings("unchecked")
        var reply = (java.util.Map<String, Object>) answer;
        assertThat(((Number) reply.get("status")).intValue())
                .as(String.valueOf(reply.get("body")))
                .isEqualTo(200);
        assertThat((String) reply.get("body")).contains("\"content\"").contains("\"totalElements\"");
    }

    /**
     * What a frontend developer does first: Authorize with a real access token, then "Try it out" and "Execute" on
     * {@code GET /api/orders}. The document's relative server makes the page call the gateway it came from.
     */
    @Test
    void tryItOutWithAuthorizeCallsGetOrdersThroughTheGatewayAndSees200() {
        String token = Customer.signUp(SystemStack.shop()).accessToken();
        open("orders");

        click(By.cssSelector(".auth-wrapper button.authorize"));
        // The dialog renders after the click; type once its bearer field is there.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            WebElement input = browser.findElement(By.cssSelector(".modal-ux .auth-container input"));
            if (!input.isDisplayed()) {
                return false;
            }
            input.sendKeys(token);
            return true;
        });
        click(By.cssSelector(".modal-ux .auth-btn-wrapper button.authorize"));
        click(By.cssSelector(".modal-ux button.btn-done"));
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> browser.findElements(By.cssSelector(".modal-ux")).isEmpty());

        // React may re-render the block, so it is looked up afresh each time rather than held.
        java.util.function.Supplier<WebElement> operation =
                () -> browser.findElements(By.cssSelector(".opblock.opblock-get")).stream()
                        .filter(block -> "/api/orders"
                                .equals(block.findElement(By.cssSelector(".opblock-summary-path"))
                                        .getAttribute("data-path")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("GET /api/orders is not listed"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            WebElement block = operation.get();
            if (!block.findElements(By.cssSelector(".try-out__btn")).isEmpty()) {
                return true;
            }
            // The summary's own button expands the block (the row also holds the lock and copy buttons).
            var control = block.findElements(By.cssSelector(".opblock-summary-control"));
            (control.isEmpty() ? block.findElement(By.cssSelector(".opblock-summary")) : control.getFirst()).click();
            return false;
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            operation.get().findElement(By.cssSelector(".try-out__btn")).click();
            return !operation
                    .get()
                    .findElements(By.cssSelector("button.execute"))
                    .isEmpty();
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            operation.get().findElement(By.cssSelector("button.execute")).click();
            return true;
        });

        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> !operation
                        .get()
                        .findElement(By.cssSelector(".live-responses-table tbody .response-col_status"))
                        .getText()
                        .isBlank());
        String status = operation
                .get()
                .findElement(By.cssSelector(".live-responses-table tbody .response-col_status"))
                .getText();
        String requestUrl =
                operation.get().findElement(By.cssSelector(".request-url pre")).getText();
        String curl = operation.get().findElement(By.cssSelector(".curl")).getText();
        assertThat(status).as(curl).startsWith("200");
        assertThat(requestUrl).startsWith(SystemStack.gateway() + "/api/orders");
        assertThat(curl).contains("Authorization: Bearer " + token);
    }

    private static void click(By selector) {
        click(null, selector);
    }

    /** Clicks what {@code selector} finds (under {@code within}, if given) once it is there and visible. */
    private static void click(@org.jspecify.annotations.Nullable WebElement within, By selector) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            WebElement element = within != null ? within.findElement(selector) : browser.findElement(selector);
            if (!element.isDisplayed()) {
                return false;
            }
            element.click();
            return true;
        });
    }
}
