package com.northwind.shop.platform.tx;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Runs what must only happen once the current transaction has committed (a counter, a wake-up). */
public final class AfterCommit {

    private AfterCommit() {}

    /**
     * Runs {@code action} after the current transaction commits, never if it rolls back; at once when no
     * transaction is active.
     */
    public static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
