package dev.cloudtask.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test kit's {@code CloudSimulator} in the test JVM on {@code 127.0.0.1} for the duration
 * of a test class; the servers under test reach it through their MicroProfile Config.
 *
 * <p>It acts only where the system property {@value #PORT_PROPERTY} is set: maven-failsafe sets it in
 * the test JVM (the Arquillian client), and the server JVMs do not have it. That matters because
 * Arquillian runs the test class a second time inside the server, lifecycle callbacks included, and
 * the simulator must exist once, on the client side. Register it before the Arquillian extension so
 * the simulator is up before the deployment (Payara Micro starts at deployment).
 *
 * <p>This class is deployed in the test WAR and must not touch simulator classes itself (they are
 * not in the WAR): {@link SimulatorProcess} does.
 */
public final class SimulatorExtension implements BeforeAllCallback {

    /** The system property with the simulator's port; the servers get the URL through MicroProfile Config. */
    public static final String PORT_PROPERTY = "cloudtask.it.simulatorPort";
    /**
     * The system property with the port of a second simulator that serves HTTPS (self-signed); set in
     * the test JVM and in the servers, like {@link #TRUST_STORE_PROPERTY}. Unset: no HTTPS simulator.
     */
    public static final String HTTPS_PORT_PROPERTY = "cloudtask.it.httpsSimulatorPort";
    /** The system property with the path where the test JVM writes the HTTPS simulator's trust store (PKCS12). */
    public static final String TRUST_STORE_PROPERTY = "cloudtask.it.httpsTrustStore";
    /**
     * The system property with the port of a third simulator, on HTTP, that demands an IAM token or
     * an AK/SK signature (the servers' CCE and DCS clients call it). Unset: no such simulator.
     */
    public static final String AUTH_PORT_PROPERTY = "cloudtask.it.authSimulatorPort";
    /** The password of that trust store (test material: it holds one public certificate). */
    public static final String TRUST_STORE_PASSWORD = "cloudtask-it-trust";

    @Override
    public void beforeAll(ExtensionContext context) {
        Integer port = port(PORT_PROPERTY);
        if (port == null) {
            return;
        }
        AutoCloseable simulator = SimulatorProcess.start(port);
        // closed by JUnit when the class's store is closed, after the Arquillian undeployment
        context.getStore(ExtensionContext.Namespace.create(SimulatorExtension.class))
                .put(SimulatorProcess.class, (ExtensionContext.Store.CloseableResource) simulator::close);
    }

    /** The port in the system property {@code name}; null where it is not set (the servers under test). */
    static Integer port(String name) {
        String port = System.getProperty(name);
        if (port == null) {
            return null;
        }
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property '" + name + "' has value '" + port
                    + "': expected a port number", e);
        }
    }
}
