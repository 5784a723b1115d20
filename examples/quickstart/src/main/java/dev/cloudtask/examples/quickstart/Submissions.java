package dev.cloudtask.examples.quickstart;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.TaskRefs;
import jakarta.batch.runtime.context.StepContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/** What the four submit batchlets share: the simulator overrides, publishing and the log line. */
final class Submissions {
    /** Exit status of a submit step that submitted and published its task. */
    static final String SUBMITTED = "SUBMITTED";
    /** Exit status of a restarted submit step whose earlier execution already published its task. */
    static final String ALREADY_SUBMITTED = "ALREADY_SUBMITTED";

    static final Logger LOG = Logger.getLogger("dev.cloudtask.examples.quickstart");

    private Submissions() {
    }

    /**
     * The {@code simulate} step property as the simulator's {@code "simulator"} body member:
     * {@code key=value} pairs separated by {@code ;}, e.g. {@code duration=6m;fail_code=DWS.0114}
     * (keys as in README-sim.md). Blank means none: the member is left out (a real cloud never sees it).
     *
     * @throws IllegalArgumentException naming the property when a pair has no {@code =}
     */
    static Map<String, String> simulator(String simulate) {
        if (simulate == null || simulate.isBlank()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : simulate.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("property 'simulate' has value '" + simulate
                        + "': expected key=value pairs separated by ';', e.g. duration=6m;fail_at=40");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out.isEmpty() ? null : out;
    }

    /** Publishes the submitted task for the await step ({@code taskFromStep}) and logs one line. */
    static String publish(StepContext step, TaskRef ref, String operation) {
        TaskRefs.publish(step, ref, Instant.now());
        LOG.info(() -> "step " + step.getStepName() + ": " + operation + " submitted, task " + ref.asString());
        return SUBMITTED;
    }
}
