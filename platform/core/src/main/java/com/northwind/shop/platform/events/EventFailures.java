package com.northwind.shop.platform.events;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that passes (the database or Redis away, a timeout, a deadlock, a full pool) from one that would
 * fail again on every delivery (an unreadable payload, a handler's own rejection). Only the second kind may end in
 * the dead-letter stream: parking an event because PostgreSQL restarted loses it.
 */
final class EventFailures {

    /** What kind of failure a handler's exception is; also the {@code kind} tag of the failure counter. */
    enum Kind {
        TRANSIENT,
        DETERMINISTIC;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * SQLSTATE classes and codes that describe the server or the connection, not the statement: connection
     * exception (08), transaction rollback: serialization failure and deadlock (40), insufficient resources such as
     * too many connections (53), lock not available (55P03), operator intervention: statement timeout, admin or crash
     * shutdown, cannot connect now (57).
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57");

    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("55P03");

    /** Classes of optional dependencies (Spring Web, Lettuce), checked by name so the platform does not need them. */
    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "org.springframework.web.client.ResourceAccessException",
            "org.springframework.data.redis.RedisConnectionFailureException",
            "io.lettuce.core.RedisConnectionException",
            "io.lettuce.core.RedisCommandTimeoutException");

    private EventFailures() {}

    /** Thrown by HikariCP's stand-in for a connection it closed because it broke, matched by name. */
    private static boolean fromClosedPooledConnection(SQLException ex) {
        for (StackTraceElement frame : ex.getStackTrace()) {
            if (frame.getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection")) {
                return true;
            }
        }
        return false;
    }

    static Kind classify(Throwable failure) {
        for (@Nullable Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("tools.jackson.") || name.startsWith("com.fasterxml.jackson.")) {
                // An unreadable payload stays unreadable, though Jackson 2 calls it an IOException.
                return Kind.DETERMINISTIC;
            }
            if (isTransient(t)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.DETERMINISTIC;
    }

    private static boolean isTransient(Throwable t) {
        if (t instanceof TransientDataAccessException
                || t instanceof RecoverableDataAccessException
                || t instanceof DataAccessResourceFailureException
                || t instanceof CannotCreateTransactionException
                || t instanceof SQLTransientException
                || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof IOException
                || t instanceof TimeoutException
                // Memory pressure passes; a stack overflow (the other VirtualMachineError) is the handler's own.
                || t instanceof OutOfMemoryError) {
            return true;
        }
        if (t instanceof SQLException closed && fromClosedPooledConnection(closed)) {
            // HikariCP closed the connection at a first, transient error (the database went away); its stand-in
            // answers the rollback that follows with an exception without SQLSTATE, which Spring throws instead.
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (TRANSIENT_SQL_STATES.contains(state)
                    || (state.length() >= 2 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2)))) {
                return true;
            }
        }
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (TRANSIENT_CLASS_NAMES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
