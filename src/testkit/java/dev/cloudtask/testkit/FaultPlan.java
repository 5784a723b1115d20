package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The faults a simulator injects: an ordered list of rules, each with a scope (task, service,
 * endpoint kind), a fault, and either a count ({@code next n} matching requests), "always", or a
 * probability drawn from a seeded random generator. The first rule that matches and fires wins.
 *
 * <pre>{@code
 * sim.faults().forTask(ref.taskId()).next(2, InjectedFault.status(503));
 * sim.faults().forService(CloudService.DWS).endpoint(Endpoint.POLL).withProbability(0.1, InjectedFault.connectionReset());
 * sim.faults().seed(42);
 * }</pre>
 *
 * <p>Faults apply to the service endpoints, the IAM token endpoint and the Manager login, never to
 * {@code /_sim/...}. Thread-safe.
 */
public final class FaultPlan {
    /** Seed of the random generator until {@link #seed(long)} is called. */
    public static final long DEFAULT_SEED = 20_260_101L;

    private final List<Rule> rules = new ArrayList<>();
    private Random random = new Random(DEFAULT_SEED);

    FaultPlan() {
    }

    /** Re-seeds the generator used by probabilistic rules. */
    public synchronized FaultPlan seed(long seed) {
        this.random = new Random(seed);
        return this;
    }

    /** A scope matching requests that touch this task id. */
    public FaultScope forTask(String taskId) {
        return new FaultScope(this, null, null, Objects.requireNonNull(taskId, "taskId"));
    }

    /** A scope matching every request to this service. */
    public FaultScope forService(CloudService service) {
        return new FaultScope(this, Objects.requireNonNull(service, "service"), null, null);
    }

    /** A scope matching this kind of endpoint of every service. */
    public FaultScope forEndpoint(Endpoint endpoint) {
        return new FaultScope(this, null, Objects.requireNonNull(endpoint, "endpoint"), null);
    }

    /** A scope matching every request (except {@code /_sim/...}). */
    public FaultScope forAll() {
        return new FaultScope(this, null, null, null);
    }

    /** Removes all rules. */
    public synchronized void clear() {
        rules.clear();
    }

    /** Number of rules still active. */
    public synchronized int size() {
        return rules.size();
    }

    synchronized void add(Rule rule) {
        rules.add(rule);
    }

    /** The fault to inject for this request, or null; consumes one use of a counted rule. */
    synchronized InjectedFault pick(CloudService service, Endpoint endpoint, String taskId) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule r = it.next();
            if (!r.matches(service, endpoint, taskId)) {
                continue;
            }
            if (r.probability < 1.0 && random.nextDouble() >= r.probability) {
                continue;
            }
            if (r.remaining > 0 && --r.remaining == 0) {
                it.remove();
            }
            return r.fault;
        }
        return null;
    }

    /** One rule; {@code remaining} is -1 for unlimited. */
    static final class Rule {
        final CloudService service;
        final Endpoint endpoint;
        final String taskId;
        final InjectedFault fault;
        final double probability;
        int remaining;

        Rule(CloudService service, Endpoint endpoint, String taskId, InjectedFault fault, double probability, int remaining) {
            this.service = service;
            this.endpoint = endpoint;
            this.taskId = taskId;
            this.fault = Objects.requireNonNull(fault, "fault");
            this.probability = probability;
            this.remaining = remaining;
        }

        boolean matches(CloudService s, Endpoint e, String t) {
            return (service == null || service == s) && (endpoint == null || endpoint == e)
                    && (taskId == null || taskId.equals(t));
        }
    }
}
