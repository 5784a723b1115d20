package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The JUnit 5 extension: one simulator per class, injected into static and instance fields and parameters. */
@WithCloudSimulator(auth = SimAuthMode.IAM_TOKEN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudSimulatorExtensionTest {
    static CloudSimulator shared;
    static VirtualClock sharedClock;
    CloudSimulator sim;
    VirtualClock clock;

    @BeforeAll
    static void beforeAll(CloudSimulator fromParameter) {
        assertNotNull(shared, "static field injected before @BeforeAll");
        assertSame(shared, fromParameter);
    }

    @Test
    @Order(1)
    void injection_parameterFieldAndClock_sameSimulatorAndVirtualClock(CloudSimulator param, VirtualClock c, Clock plain) {
        assertSame(shared, param);
        assertSame(shared, sim);
        assertSame(sharedClock, c);
        assertSame(c, clock);
        assertSame(c, plain);
        assertSame(c, sim.clock());
        sim.createTask(CloudService.DWS, Timeline.builder().build());
        assertEquals(1, sim.tasks().size());
    }

    @Test
    @Order(2)
    void resetBetweenTests_previousTestsTask_gone() {
        assertTrue(sim.tasks().isEmpty());
        assertEquals(0, sim.faults().size());
    }

    @Test
    @Order(3)
    void annotationAuthMode_pollWithoutToken_401() {
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().build());
        SimHttp http = new SimHttp(sim);
        assertEquals(401, http.get(SimHttp.pollPath(ref)).statusCode());
        assertEquals(200, http.get(SimHttp.pollPath(ref), "X-Auth-Token", sim.issueToken()).statusCode());
    }

    @Nested
    class Inner {
        @Test
        void nestedClass_sharesTheOuterSimulator(CloudSimulator param) {
            assertSame(shared, param);
        }
    }
}
