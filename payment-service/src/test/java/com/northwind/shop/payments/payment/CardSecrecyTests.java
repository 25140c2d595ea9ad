package com.northwind.shop.payments.payment;

import static com.northwind.shop.payments.payment.PaymentsClient.body;
import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.northwind.shop.payments.OrderServiceStub;
import com.northwind.shop.platform.test.RealInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Card numbers and CVCs reach neither the database nor any log line, whatever the flow. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CardSecrecyTests {

    /** A CVC no test elsewhere uses; matched only as a standalone number. */
    private static final String CVC = "739";

    private static final Pattern CVC_IN_TEXT = Pattern.compile("(?<![0-9A-Za-z.:\\-])" + CVC + "(?![0-9A-Za-z])");

    private static final List<String> PANS = List.of(
            PaymentsClient.VISA,
            PaymentsClient.DECLINED,
            PaymentsClient.INSUFFICIENT_FUNDS,
            PaymentsClient.LOST_ANSWER,
            "4242424242424241");

    private final OrderServiceStub orders = OrderServiceStub.get();
    private final UUID customer = UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noLogLineOfAPaymentFlowHoldsTheCardNumberOrCvc() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("com.northwind");
        Logger web = (Logger) LoggerFactory.getLogger("org.springframework.web");
        Level oursBefore = ours.getLevel();
        Level webBefore = web.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        // Debug logging on, as someone chasing a problem in production might switch it on.
        ours.setLevel(Level.DEBUG);
        web.setLevel(Level.DEBUG);
        try {
            runFlows();
        } finally {
            root.detachAppender(captured);
            ours.setLevel(oursBefore);
            web.setLevel(webBefore);
        }

        assertThat(captured.list).as("log events captured").isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage() + "\n" + throwable(event.getThrowableProxy());
            for (String pan : PANS) {
                assertThat(line).as("log line of %s", event.getLoggerName()).doesNotContain(pan);
            }
            assertThat(CVC_IN_TEXT.matcher(line).find())
                    .as("CVC in a log line of %s: %s", event.getLoggerName(), line)
                    .isFalse();
        }
    }

    @Test
    void noColumnOfTheSchemaHoldsACardNumberOrCvc() {
        runFlows();

        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'payments' AND table_name <> 'flyway_schema_history'
                """);
        assertThat(columns).isNotEmpty();
        for (Map<String, Object> column : columns) {
            String name = (String) column.get("column_name");
            assertThat(name)
                    .doesNotContainIgnoringCase("cvc")
                    .doesNotContainIgnoringCase("pan")
                    .doesNotContainIgnoringCase("card_number");
            String sql = "SELECT \"%s\"::text FROM \"%s\" WHERE \"%s\" IS NOT NULL"
                    .formatted(name, column.get("table_name"), name);
            for (String value : jdbc.queryForList(sql, String.class)) {
                for (String pan : PANS) {
                    assertThat(value)
                            .as("%s.%s", column.get("table_name"), name)
                            .doesNotContain(pan);
                }
                assertThat(value).as("%s.%s", column.get("table_name"), name).isNotEqualTo(CVC);
                assertThat(value).doesNotContain("\"" + CVC + "\"");
            }
        }
        // What is kept: brand and last four digits.
        assertThat(jdbc.queryForList(
                        "SELECT card_last4 FROM payments WHERE user_id = ? ORDER BY created_at",
                        String.class,
                        customer))
                .contains("4242", "0002");
    }

    /** A success, a decline, a validation failure (bad Luhn and bad expiry) and a replay. */
    private void runFlows() {
        PaymentsClient api = new PaymentsClient(port);
        UUID first = order();
        String key = "k-" + UUID.randomUUID();
        assertThat(api.pay(customer, key, body(first, PaymentsClient.VISA, CVC, 12, 2040))
                        .status())
                .isEqualTo(201);
        assertThat(api.pay(customer, key, body(first, PaymentsClient.VISA, CVC, 12, 2040))
                        .status())
                .isEqualTo(201);
        assertProblem(
                api.pay(customer, "k-" + UUID.randomUUID(), body(order(), PaymentsClient.DECLINED, CVC, 12, 2040)),
                402);
        assertProblem(
                api.pay(
                        customer,
                        "k-" + UUID.randomUUID(),
                        body(order(), PaymentsClient.INSUFFICIENT_FUNDS, CVC, 1, 2040)),
                402);
        assertProblem(
                api.pay(customer, "k-" + UUID.randomUUID(), body(order(), "4242424242424241", CVC, 1, 2001)), 400);
        assertProblem(
                api.pay(customer, "k-" + UUID.randomUUID(), body(order(), PaymentsClient.VISA, CVC, 13, 2040)), 400);
        assertProblem(
                api.pay(
                        customer,
                        "k-" + UUID.randomUUID(),
                        "{\"orderId\":\"" + order() + "\",\"card\":{\"number\":\"" + PaymentsClient.VISA
                                + "\",\"cvc\":\"" + CVC + "\",\"expMonth\":\"x" + CVC + "\"}}"),
                400);
    }

    private UUID order() {
        UUID orderId = UUID.randomUUID();
        orders.order(orderId, customer, "AWAITING_PAYMENT", 1500);
        return orderId;
    }

    private static String throwable(@Nullable IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy t = proxy; t != null; t = t.getCause()) {
            text.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append(frame.getSTEAsString()).append('\n');
            }
        }
        return text.toString();
    }
}
