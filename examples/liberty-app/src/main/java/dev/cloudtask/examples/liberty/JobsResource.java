package dev.cloudtask.examples.liberty;

import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Start, watch, stop and restart batch jobs over HTTP, the same on every Jakarta Batch server (on
 * OpenLiberty the batch management API {@code /ibm/api/batch} offers more; Payara Micro has none).
 * Jobs are named by their instance id, as in Liberty's API:
 *
 * <pre>
 * POST /api/jobs                         {"jobXMLName":"create-node","jobParameters":{"clusterId":"c1",...}}
 * GET  /api/jobs/{instanceId}            the latest execution: status, steps, progress of its waits
 * PUT  /api/jobs/{instanceId}?action=stop
 * PUT  /api/jobs/{instanceId}?action=restart     optional body {"jobParameters":{...}}; without one
 *                                                the parameters of the last execution are used again
 * </pre>
 *
 * <p>The calls run as the caller: a server with batch security (OpenLiberty with
 * {@code appSecurity}) checks the caller's batch role, so requests carry the credentials of a
 * {@code batchAdmin} or {@code batchSubmitter} user.
 */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    /** A job instance as its latest execution sees it. */
    @JsonbPropertyOrder({"jobName", "instanceId", "executionId", "executions", "batchStatus", "exitStatus",
        "startTime", "endTime", "jobParameters", "steps", "progress"})
    public record JobStatus(String jobName, long instanceId, long executionId, int executions, String batchStatus,
            String exitStatus, Instant startTime, Instant endTime, Map<String, String> jobParameters,
            List<StepStatus> steps, List<LatestProgress.Progress> progress) {
    }

    /** One step of an execution. */
    @JsonbPropertyOrder({"stepName", "batchStatus", "exitStatus", "startTime", "endTime"})
    public record StepStatus(String stepName, String batchStatus, String exitStatus, Instant startTime,
            Instant endTime) {
    }

    @Inject
    LatestProgress progress;

    @Context
    UriInfo uri;

    private final JobOperator operator = BatchRuntime.getJobOperator();

    /** Starts the job {@code jobXMLName} (a job XML in META-INF/batch-jobs) with the given parameters. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String text) {
        JsonObject body = body(text);
        if (body == null || !(body.get("jobXMLName") instanceof JsonString name) || name.getString().isBlank()) {
            throw error(Response.Status.BAD_REQUEST, "the request body needs \"jobXMLName\": the name of a job XML"
                    + " in META-INF/batch-jobs, e.g. {\"jobXMLName\":\"create-node\",\"jobParameters\":{...}}");
        }
        Properties parameters = parameters(body);
        long executionId = call(() -> operator.start(name.getString(), parameters));
        JobStatus status = status(operator.getJobInstance(executionId));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(status.instanceId())).build())
                .entity(status).build();
    }

    /** The job instance's latest execution, its steps and the latest progress of its waits. */
    @GET
    @Path("{instanceId}")
    public JobStatus get(@PathParam("instanceId") long instanceId) {
        return status(instance(instanceId));
    }

    /** {@code action=stop} stops the running execution; {@code action=restart} restarts the latest one. */
    @PUT
    @Path("{instanceId}")
    @Consumes(MediaType.WILDCARD)
    public JobStatus act(@PathParam("instanceId") long instanceId, @QueryParam("action") String action,
            String text) {
        JsonObject body = body(text);
        JobInstance instance = instance(instanceId);
        JobExecution latest = latest(instance);
        if ("stop".equals(action)) {
            call(() -> {
                operator.stop(latest.getExecutionId());
                return null;
            });
        } else if ("restart".equals(action)) {
            Properties parameters = body != null && body.containsKey("jobParameters") ? parameters(body)
                    : call(() -> operator.getParameters(latest.getExecutionId()));
            call(() -> operator.restart(latest.getExecutionId(), parameters == null ? new Properties() : parameters));
        } else {
            throw error(Response.Status.BAD_REQUEST, "query parameter action must be stop or restart, was '"
                    + action + "'");
        }
        return status(instance);
    }

    private JobStatus status(JobInstance instance) {
        List<JobExecution> executions = call(() -> operator.getJobExecutions(instance));
        JobExecution e = executions.stream().max(Comparator.comparingLong(JobExecution::getExecutionId))
                .orElseThrow(() -> error(Response.Status.NOT_FOUND,
                        "job instance " + instance.getInstanceId() + " has no execution"));
        List<StepStatus> steps = call(() -> operator.getStepExecutions(e.getExecutionId())).stream()
                .sorted(Comparator.comparingLong(StepExecution::getStepExecutionId))
                .map(s -> new StepStatus(s.getStepName(), String.valueOf(s.getBatchStatus()), s.getExitStatus(),
                        instant(s.getStartTime()), instant(s.getEndTime())))
                .toList();
        return new JobStatus(instance.getJobName(), instance.getInstanceId(), e.getExecutionId(), executions.size(),
                String.valueOf(e.getBatchStatus()), e.getExitStatus(), instant(e.getStartTime()), instant(e.getEndTime()),
                names(e.getJobParameters()), steps, progress.of(e.getExecutionId()));
    }

    private JobInstance instance(long instanceId) {
        for (String name : call(operator::getJobNames)) {
            int count;
            try {
                count = operator.getJobInstanceCount(name);
            } catch (NoSuchJobException e) {
                continue;
            }
            for (JobInstance i : call(() -> operator.getJobInstances(name, 0, count))) {
                if (i.getInstanceId() == instanceId) {
                    return i;
                }
            }
        }
        throw error(Response.Status.NOT_FOUND, "no job instance " + instanceId);
    }

    private JobExecution latest(JobInstance instance) {
        return call(() -> operator.getJobExecutions(instance)).stream()
                .max(Comparator.comparingLong(JobExecution::getExecutionId))
                .orElseThrow(() -> error(Response.Status.NOT_FOUND,
                        "job instance " + instance.getInstanceId() + " has no execution"));
    }

    /** The request body as a JSON object, or null when there is none. */
    private static JsonObject body(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw error(Response.Status.BAD_REQUEST, "the request body is not a JSON object: " + e.getMessage());
        }
    }

    private static Properties parameters(JsonObject body) {
        JsonValue value = body.get("jobParameters");
        Properties p = new Properties();
        if (value == null || value == JsonValue.NULL) {
            return p;
        }
        if (!(value instanceof JsonObject params)) {
            throw error(Response.Status.BAD_REQUEST, "\"jobParameters\" must be a JSON object of strings, was "
                    + value);
        }
        params.forEach((k, v) -> {
            if (!(v instanceof JsonString s)) {
                throw error(Response.Status.BAD_REQUEST, "job parameter \"" + k + "\" must be a string, was " + v);
            }
            p.setProperty(k, s.getString());
        });
        return p;
    }

    private static Map<String, String> names(Properties p) {
        Map<String, String> m = new TreeMap<>();
        if (p != null) {
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        }
        return m;
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    /** An HTTP error whose body is the message, as plain text. */
    private static WebApplicationException error(Response.Status status, String message) {
        return new WebApplicationException(message,
                Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build());
    }

    /** Runs a JobOperator call and turns its exceptions into HTTP answers with the runtime's message. */
    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (NoSuchJobException e) {
            throw error(Response.Status.NOT_FOUND, "no such job: " + e.getMessage());
        } catch (JobSecurityException e) {
            throw error(Response.Status.FORBIDDEN, "the batch runtime refused the caller: " + e.getMessage());
        } catch (JobExecutionIsRunningException | JobExecutionNotRunningException
                | JobExecutionNotMostRecentException | JobRestartException e) {
            throw error(Response.Status.CONFLICT, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (JobStartException e) {
            throw error(Response.Status.BAD_REQUEST, "the job could not be started: " + e.getMessage());
        }
    }
}
