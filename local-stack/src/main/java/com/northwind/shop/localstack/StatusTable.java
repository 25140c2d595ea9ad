package com.northwind.shop.localstack;

import java.util.List;

/** A compact, fixed-width table of the stack's processes. */
final class StatusTable {

    /**
     * One line of the table.
     *
     * @param name process name
     * @param pid process id, or "-" for a server the launcher did not start
     * @param port its port
     * @param state e.g. READY, DIED (exit 1), external
     * @param note anything else worth a glance (start-up time, log file)
     */
    record Row(String name, String pid, int port, String state, String note) {}

    static String render(List<Row> rows) {
        int nameWidth = Math.max(
                "process".length(),
                rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        int stateWidth = Math.max(
                "state".length(),
                rows.stream().mapToInt(r -> r.state().length()).max().orElse(0));
        String format = "  %-" + nameWidth + "s  %7s  %5s  %-" + stateWidth + "s  %s";
        var table = new StringBuilder(
                format.formatted("process", "pid", "port", "state", "").stripTrailing());
        for (var row : rows) {
            table.append('\n')
                    .append(format.formatted(row.name(), row.pid(), row.port(), row.state(), row.note())
                            .stripTrailing());
        }
        return table.append('\n').toString();
    }

    private StatusTable() {}
}
