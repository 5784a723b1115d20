package dev.cloudtask.it;

import dev.cloudtask.testkit.CloudSimulator;
import java.util.logging.Logger;

/**
 * Starts the simulator for {@link SimulatorExtension} on the client side only (this class is not
 * deployed to the servers): real clock, no authentication, the given loopback port. The tests make
 * tasks short through the operation endpoints' {@code sim-duration} parameter.
 */
final class SimulatorProcess {

    private static final Logger LOG = Logger.getLogger(SimulatorProcess.class.getName());

    private SimulatorProcess() {
    }

    static AutoCloseable start(int port) {
        CloudSimulator simulator = CloudSimulator.builder().port(port).start();
        LOG.info(() -> "cloud simulator for the servers under test at " + simulator.baseUrl());
        return simulator;
    }
}
