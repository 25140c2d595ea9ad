package com.northwind.shop.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One child process to start.
 *
 * @param name unique name, used in the status table and for the log file
 * @param command program and arguments
 * @param environment variables added to (or overriding) the launcher's own environment
 * @param port the port it listens on, checked to be free before anything starts
 * @param probe tells when it is ready
 * @param log file that receives its standard output and error
 */
record ProcessSpec(
        String name, List<String> command, Map<String, String> environment, int port, Probe probe, Path log) {

    ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
