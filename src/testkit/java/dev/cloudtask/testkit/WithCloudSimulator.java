package dev.cloudtask.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one {@link CloudSimulator} for the annotated test class and injects it into parameters and
 * fields of type {@link CloudSimulator} (and {@link VirtualClock} / {@link java.time.Clock}).
 *
 * <pre>{@code
 * @WithCloudSimulator(auth = SimAuthMode.IAM_TOKEN)
 * class MyJobTest {
 *     @Test
 *     void waits(CloudSimulator sim, VirtualClock clock) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CloudSimulatorExtension.class)
public @interface WithCloudSimulator {
    /** Authentication for CCE, DCS and DWS. */
    SimAuthMode auth() default SimAuthMode.NONE;

    /** Whether MRS Manager API calls need a session cookie. */
    boolean managerSession() default false;

    /** A {@link VirtualClock} (default) or the system clock. */
    boolean virtualClock() default true;

    /** Serve HTTPS with a generated self-signed certificate. */
    boolean https() default false;

    /** Forget tasks, faults and the journal before each test (default true). */
    boolean resetBetweenTests() default true;
}
