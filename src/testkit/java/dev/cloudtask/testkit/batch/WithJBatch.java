package dev.cloudtask.testkit.batch;

import dev.cloudtask.testkit.CloudSimulatorExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class's batch jobs on the jbatch runtime in Java SE against the class's cloud
 * simulator, in the simulator's virtual time: one {@link SimBatch} per test class, injected into
 * parameters and fields of that type. The simulator is the one of
 * {@link dev.cloudtask.testkit.WithCloudSimulator} (configure it there; without that annotation it
 * has the defaults).
 *
 * <pre>{@code
 * @WithCloudSimulator
 * @WithJBatch
 * class ResizeJobTest {
 *     @Test
 *     void completes(SimBatch batch) {
 *         JobExecution run = batch.run("resize", Map.of("clusterId", "c-1"));
 *         assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({CloudSimulatorExtension.class, JBatchExtension.class})
public @interface WithJBatch {
}
