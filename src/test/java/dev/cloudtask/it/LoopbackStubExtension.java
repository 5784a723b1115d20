package dev.cloudtask.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link LoopbackStub} in the test JVM for the duration of a test class.
 *
 * <p>It acts only where the system property {@value #PORT_PROPERTY} is set: maven-failsafe sets it in
 * the test JVM (the Arquillian client), and the server JVMs do not have it. That matters because
 * Arquillian runs the test class a second time inside the server, lifecycle callbacks included, and
 * the stub must exist once, on the client side. Register it before the Arquillian extension so the
 * stub is up before the deployment (Payara Micro starts at deployment).
 */
public final class LoopbackStubExtension implements BeforeAllCallback {

    /** The system property with the stub's port; the servers get the URL through MicroProfile Config. */
    public static final String PORT_PROPERTY = "cloudtask.it.stubPort";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property '" + PORT_PROPERTY + "' has value '"
                    + port + "': expected a port number", e);
        }
        LoopbackStub stub = LoopbackStub.start(number);
        // closed by JUnit when the class's store is closed, after the Arquillian undeployment
        context.getStore(ExtensionContext.Namespace.create(LoopbackStubExtension.class))
                .put(LoopbackStub.class, (ExtensionContext.Store.CloseableResource) stub::close);
    }
}
