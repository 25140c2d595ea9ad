package com.northwind.shop.platform.test;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements and commits that code running on the calling thread sends to the database, whatever
 * sends them (JPA, JdbcTemplate, JdbcClient), so that a test can put an upper bound on what one use case costs and a
 * regression (an extra SELECT, a flush, a per-row insert) fails the build. Background work on other threads (outbox
 * relay, schedulers) is not counted. Every application context of a test that has this library and a
 * {@link DataSource} gets the counting proxy (datasource-proxy) through the auto-configuration below.
 *
 * <pre>{@code
 * try (SqlStatements.Capture sql = SqlStatements.capture()) {
 *     orders.place(user, key, request);
 *     assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(6);
 * }
 * }</pre>
 *
 * A JDBC batch is one statement (one round trip): {@link Capture#statements()} names its size.
 */
public final class SqlStatements {

    private static final ThreadLocal<@Nullable Capture> CURRENT = new ThreadLocal<>();

    private SqlStatements() {}

    /** Starts counting on this thread until the capture is closed; captures nest (the inner one counts alone). */
    public static Capture capture() {
        Capture capture = new Capture(CURRENT.get());
        CURRENT.set(capture);
        return capture;
    }

    /** The application's data source behind a counting proxy. */
    static DataSource counting(DataSource target) {
        QueryExecutionListener queries = new QueryExecutionListener() {
            @Override
            public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

            @Override
            public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                Capture capture = CURRENT.get();
                if (capture == null) {
                    return;
                }
                for (QueryInfo query : queries) {
                    capture.statement(
                            execution.isBatch()
                                    ? query.getQuery() + " [batch of " + execution.getBatchSize() + "]"
                                    : query.getQuery());
                }
            }
        };
        MethodExecutionListener commits = new MethodExecutionListener() {
            @Override
            public void beforeMethod(MethodExecutionContext context) {}

            @Override
            public void afterMethod(MethodExecutionContext context) {
                Capture capture = CURRENT.get();
                if (capture != null
                        && context.getTarget() instanceof java.sql.Connection
                        && context.getMethod().getName().equals("commit")) {
                    capture.commits++;
                }
            }
        };
        return ProxyDataSourceBuilder.create(target)
                .name("sql-statements")
                .listener(queries)
                .methodListener(commits)
                .build();
    }

    /** What one piece of code sent to the database. */
    public static final class Capture implements AutoCloseable {

        private final @Nullable Capture outer;
        private final List<String> statements = new ArrayList<>();
        private int commits;

        private Capture(@Nullable Capture outer) {
            this.outer = outer;
        }

        private synchronized void statement(String sql) {
            statements.add(sql.strip().replaceAll("\\s+", " "));
        }

        /** Statements executed (a batch counts once). */
        public synchronized int count() {
            return statements.size();
        }

        /** Statements whose SQL starts with this word, e.g. {@code "select"} (case-insensitive). */
        public synchronized int count(String firstWord) {
            return (int) statements.stream()
                    .filter(sql -> sql.regionMatches(true, 0, firstWord, 0, firstWord.length()))
                    .count();
        }

        /** Transactions committed. */
        public synchronized int commits() {
            return commits;
        }

        /** The statements in order, for assertion messages. */
        public synchronized List<String> statements() {
            return List.copyOf(statements);
        }

        @Override
        public void close() {
            CURRENT.set(outer);
        }

        @Override
        public synchronized String toString() {
            StringBuilder text = new StringBuilder(count() + " statements, " + commits + " commits:");
            for (int i = 0; i < statements.size(); i++) {
                text.append("\n  ").append(i + 1).append(". ").append(statements.get(i));
            }
            return text.toString();
        }
    }

    /** Wraps every {@link DataSource} bean of a test's application context in the counting proxy. */
    @org.springframework.boot.autoconfigure.AutoConfiguration
    @ConditionalOnClass(name = "javax.sql.DataSource")
    public static class AutoConfiguration {

        @Bean
        static BeanPostProcessor sqlStatementsCountingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
                        return counting(dataSource);
                    }
                    return bean;
                }
            };
        }
    }
}
