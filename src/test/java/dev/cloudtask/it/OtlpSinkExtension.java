package dev.cloudtask.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs an {@link OtlpSink} in the test JVM for the duration of a test class. Like
 * {@link SimulatorExtension} it acts only where the system property {@value #PORT_PROPERTY} is set
 * (maven-failsafe sets it in the test JVM; Arquillian runs the class's callbacks inside the server
 * too, where it is not set), and it is deployed without touching the sink's classes.
 */
public final class OtlpSinkExtension implements BeforeAllCallback {

    /** The system property with the receiver's port, set in the test JVM only. */
    public static final String PORT_PROPERTY = "cloudtask.it.otlpSinkPort";
    /** The system property with the receiver's base URL, set in the servers (jvm.options). */
    public static final String URL_PROPERTY = "cloudtask.it.otlpSinkUrl";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Integer port = SimulatorExtension.port(PORT_PROPERTY);
        if (port == null) {
            return;
        }
        AutoCloseable sink = OtlpSink.start(port);
        context.getStore(ExtensionContext.Namespace.create(OtlpSinkExtension.class))
                .put(OtlpSink.class, (ExtensionContext.Store.CloseableResource) sink::close);
    }
}
