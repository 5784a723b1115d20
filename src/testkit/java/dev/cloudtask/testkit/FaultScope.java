package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;

/**
 * Which requests a fault rule applies to; narrow it with {@link #service}, {@link #endpoint} and
 * {@link #task}, then register the rule with {@link #next}, {@link #always} or {@link #withProbability}.
 * Immutable; each narrowing returns a new scope.
 */
public final class FaultScope {
    private final FaultPlan plan;
    private final CloudService service;
    private final Endpoint endpoint;
    private final String taskId;

    FaultScope(FaultPlan plan, CloudService service, Endpoint endpoint, String taskId) {
        this.plan = plan;
        this.service = service;
        this.endpoint = endpoint;
        this.taskId = taskId;
    }

    /** Narrows to one service. */
    public FaultScope service(CloudService value) {
        return new FaultScope(plan, value, endpoint, taskId);
    }

    /** Narrows to one kind of endpoint. */
    public FaultScope endpoint(Endpoint value) {
        return new FaultScope(plan, service, value, taskId);
    }

    /** Narrows to requests touching one task id. */
    public FaultScope task(String value) {
        return new FaultScope(plan, service, endpoint, value);
    }

    /**
     * Injects {@code fault} into the next {@code times} matching requests.
     *
     * @throws IllegalArgumentException when {@code times} &lt; 1
     */
    public FaultPlan next(int times, InjectedFault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("fault times '" + times + "' must be >= 1");
        }
        plan.add(new FaultPlan.Rule(service, endpoint, taskId, fault, 1.0, times));
        return plan;
    }

    /** Injects {@code fault} into every matching request until {@link FaultPlan#clear()}. */
    public FaultPlan always(InjectedFault fault) {
        plan.add(new FaultPlan.Rule(service, endpoint, taskId, fault, 1.0, -1));
        return plan;
    }

    /**
     * Injects {@code fault} into each matching request with this probability (seeded generator).
     *
     * @throws IllegalArgumentException when {@code probability} is not within (0, 1]
     */
    public FaultPlan withProbability(double probability, InjectedFault fault) {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("fault probability '" + probability + "' must be within (0, 1]");
        }
        plan.add(new FaultPlan.Rule(service, endpoint, taskId, fault, probability, -1));
        return plan;
    }
}
