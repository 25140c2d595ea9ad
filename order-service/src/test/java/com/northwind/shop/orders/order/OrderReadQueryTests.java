package com.northwind.shop.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.orders.Money;
import com.northwind.shop.orders.PageResponse;
import com.northwind.shop.platform.test.RealInfrastructure;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrderReadQueryTests {

    @Autowired
    Orders orders;

    @Autowired
    OrderService service;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void readsAPageOfTwentyOrdersWithTheirLinesInAFixedNumberOfStatements() {
        UUID customer = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofHours(1));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int i = 0; i < 25; i++) {
                orders.save(Order.place(
                        UUID.randomUUID(),
                        customer,
                        List.of(
                                new OrderLine(UUID.randomUUID(), "Mug", 1, new Money(1999, "USD")),
                                new OrderLine(UUID.randomUUID(), "Tea", 3, new Money(500, "USD"))),
                        start.plusSeconds(i),
                        start.plus(Duration.ofDays(1))));
            }
        });
        Statistics statistics =
                entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();

        PageResponse<OrderResponse> page = service.mine(customer, 0, 20);

        assertThat(page.content()).hasSize(20);
        assertThat(page.content()).allSatisfy(order -> assertThat(order.items()).hasSize(2));
        assertThat(page.content().get(0).createdAt())
                .isAfter(page.content().get(19).createdAt());
        assertThat(page.page().totalElements()).isEqualTo(25);
        // ids of the page, their count, then the orders with their lines in one query: never one per order.
        assertThat(statistics.getPrepareStatementCount()).isLessThanOrEqualTo(3);
        assertThat(statistics.getCollectionFetchCount()).isZero();
    }
}
