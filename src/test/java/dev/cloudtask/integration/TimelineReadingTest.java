package dev.cloudtask.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.ProgressShape;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualClock;
import dev.cloudtask.testkit.WithCloudSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-check: the library's clients read every task the simulator can produce. Each
 * service, each progress shape, success and failure; the task is polled through
 * {@link RestTaskStatusSource} while queued, at four points of its running time and twice after it
 * ended, and every field of the mapped {@link TaskStatus} is compared with what the timeline says.
 *
 * <p>The expected values come from the timeline's documented arithmetic (the test kit page, "Timelines"), computed
 * here independently: 10 s queued, 100 s running, four steps of two sub-steps each, a failure at 60 %.
 * The curve kinds, which take parameters, are checked over HTTP in the test kit's {@code TimelineCurvesTest} and,
 * read through the clients, against the benchmark's task model in {@code SimulatorSourceTest}.
 */
@WithCloudSimulator
class TimelineReadingTest {
    private static final int QUEUED_S = 10;
    private static final int DURATION_S = 100;
    private static final int STALL_AFTER_S = 30;
    private static final int STALL_FOR_S = 20;
    private static final int FAIL_AT = 60;
    private static final List<String> STEPS = List.of("Alpha", "Beta", "Gamma", "Delta");
    /** Seconds after creation at which each task is polled: queued, four running points, ended twice. */
    private static final int[] POINTS = {5, QUEUED_S + 12, QUEUED_S + 37, QUEUED_S + 63, QUEUED_S + 88,
            QUEUED_S + DURATION_S, QUEUED_S + DURATION_S + 600};

    private static RestTaskStatusSource source;

    @BeforeAll
    static void clients(CloudSimulator sim) {
        source = Polls.clients(sim).build().taskStatusSource();
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (CloudService service : CloudService.values()) {
            for (ProgressShape shape : ProgressShape.values()) {
                if (shape.isCurve()) {
                    continue;
                }
                all.add(Arguments.of(service, shape, false));
                all.add(Arguments.of(service, shape, true));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} fails={2}")
    @MethodSource("cases")
    void everyShapeAndOutcome_polledOverTime_mappedStatusMatchesTimeline(CloudService service, ProgressShape shape,
            boolean fails, CloudSimulator sim, VirtualClock clock) {
        Timeline.Builder b = Timeline.builder().name("Job" + service.id()).queuedFor(Duration.ofSeconds(QUEUED_S))
                .duration(Duration.ofSeconds(DURATION_S));
        for (String step : STEPS) {
            b.step(step, step.toLowerCase() + "-1", step.toLowerCase() + "-2");
        }
        if (shape == ProgressShape.STALLED) {
            b.stall(Duration.ofSeconds(STALL_AFTER_S), Duration.ofSeconds(STALL_FOR_S));
        } else {
            b.shape(shape);
        }
        String code = failCode(service);
        String detail = "simulated failure of " + service.id();
        if (fails) {
            b.fails(code, detail, FAIL_AT);
        }
        Instant created = clock.instant();
        TaskRef ref = sim.createTask(service, b.build());
        for (int at : POINTS) {
            clock.set(created.plusSeconds(at));
            Expected want = Expected.at(shape, fails, at);
            TaskStatus got = Polls.status(source, ref);
            String where = service + " " + shape + (fails ? " failing" : "") + " at +" + at + "s: " + got;
            assertEquals(want.state(), got.state(), where);
            assertEquals(service == CloudService.CCE ? null : want.percent(), got.percent(), where);
            assertEquals(remoteState(service, want), got.remoteState(), where);
            checkSteps(service, want, got, where);
            checkError(service, want, got, code, detail, where);
            if (service == CloudService.DCS) {
                assertEquals(shape == ProgressShape.NOT_REPORTED ? null : Duration.ofSeconds(want.remainingSeconds()),
                        got.remaining(), where);
            } else {
                assertNull(got.remaining(), where);
            }
            if (service == CloudService.CCE) {
                assertEquals(STEPS.size(), got.subTasksTotal(), where);
                assertEquals((int) want.steps().stream().filter(s -> s == Step.FINISH).count(), got.subTasksDone(), where);
            } else {
                assertNull(got.subTasksTotal(), where);
                assertNull(got.subTasksDone(), where);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} fails={2}")
    @MethodSource("cases")
    void noStepsNamed_polledOverTime_stateAndPercentMatchTimeline(CloudService service, ProgressShape shape,
            boolean fails, CloudSimulator sim, VirtualClock clock) {
        Timeline.Builder b = Timeline.builder().queuedFor(Duration.ofSeconds(QUEUED_S))
                .duration(Duration.ofSeconds(DURATION_S));
        if (shape == ProgressShape.STALLED) {
            b.stall(Duration.ofSeconds(STALL_AFTER_S), Duration.ofSeconds(STALL_FOR_S));
        } else {
            b.shape(shape);
        }
        if (fails) {
            b.fails(failCode(service), "no steps, still failed", FAIL_AT);
        }
        Instant created = clock.instant();
        TaskRef ref = sim.createTask(service, b.build());
        for (int at : POINTS) {
            clock.set(created.plusSeconds(at));
            Expected want = Expected.at(shape, fails, at);
            TaskStatus got = Polls.status(source, ref);
            String where = service + " " + shape + (fails ? " failing" : "") + " without steps at +" + at + "s: " + got;
            assertEquals(want.state(), got.state(), where);
            assertEquals(service == CloudService.CCE ? null : want.percent(), got.percent(), where);
            if (want.phase() == Phase.FAILED) {
                assertTrue(got.errorMessage() != null && got.errorMessage().contains("no steps, still failed"), where);
            }
        }
    }

    private static String failCode(CloudService service) {
        return switch (service) {
            case CCE -> "CCE.01500001";
            case DCS -> "DCS.4066";
            case DWS -> "DWS.0114";
            case MRS -> "12100001";
        };
    }

    private static String remoteState(CloudService service, Expected want) {
        return switch (service) {
            case CCE -> switch (want.phase()) {
                case QUEUED -> "Initializing";
                case RUNNING -> "Running";
                case SUCCEEDED -> "Success";
                case FAILED -> "Failed";
            };
            case DWS -> switch (want.phase()) {
                case QUEUED -> "INIT";
                case RUNNING -> "RUNNING";
                case SUCCEEDED -> "SUCCESS";
                case FAILED -> "FAIL";
            };
            case MRS -> switch (want.phase()) {
                case QUEUED -> "NEW";
                case RUNNING -> "IN_PROGRESS";
                case SUCCEEDED -> "COMPLETE";
                case FAILED -> "FAILED";
            };
            case DCS -> want.steps().stream().filter(s -> s != Step.FINISH).findFirst().map(Enum::name).orElse("FINISH");
        };
    }

    private static void checkSteps(CloudService service, Expected want, TaskStatus got, String where) {
        if (service == CloudService.DWS) {
            assertEquals(List.of(), got.steps(), where);
            return;
        }
        assertEquals(STEPS, got.steps().stream().map(TaskStep::name).toList(), where);
        for (int i = 0; i < STEPS.size(); i++) {
            TaskStep step = got.steps().get(i);
            Step w = want.steps().get(i);
            TaskState expected = switch (service) {
                case MRS -> want.phase() == Phase.SUCCEEDED ? TaskState.SUCCEEDED : TaskState.UNKNOWN;
                default -> w.state;
            };
            assertEquals(expected, step.state(), where + " step " + step.name());
            if (service == CloudService.DCS) {
                assertEquals(w.name(), step.remoteState(), where);
            } else if (service == CloudService.CCE) {
                assertEquals(w.ccePhase, step.remoteState(), where);
            }
        }
    }

    private static void checkError(CloudService service, Expected want, TaskStatus got, String code, String detail,
            String where) {
        if (want.phase() != Phase.FAILED) {
            assertNull(got.errorCode(), where);
            assertNull(got.errorMessage(), where);
            return;
        }
        String failedStep = STEPS.get(want.steps().indexOf(Step.FAILED));
        switch (service) {
            case CCE -> {
                assertNull(got.errorCode(), where);
                assertEquals(code + ": " + detail, got.errorMessage(), where);
            }
            case DWS -> {
                assertEquals(code, got.errorCode(), where);
                assertEquals(detail, got.errorMessage(), where);
            }
            case DCS -> {
                assertEquals(code, got.errorCode(), where);
                assertTrue(got.errorMessage().contains(failedStep) && got.errorMessage().contains(detail), where);
            }
            case MRS -> {
                assertEquals(code, got.errorCode(), where);
                assertTrue(got.errorMessage().startsWith(detail) && got.errorMessage().contains(failedStep), where);
            }
        }
    }

    enum Phase { QUEUED, RUNNING, SUCCEEDED, FAILED }

    /** A step as the simulator's timeline defines it, with what each service's table makes of it. */
    enum Step {
        WAITING(TaskState.RUNNING, "Initializing"),
        EXECUTING(TaskState.RUNNING, "Running"),
        FINISH(TaskState.SUCCEEDED, "Success"),
        FAILED(TaskState.FAILED, "Failed");

        final TaskState state;
        final String ccePhase;

        Step(TaskState state, String ccePhase) {
            this.state = state;
            this.ccePhase = ccePhase;
        }
    }

    /** What a poll at {@code at} seconds after creation must show, per the test kit's timeline rules. */
    record Expected(Phase phase, Integer percent, List<Step> steps, long remainingSeconds) {
        TaskState state() {
            return switch (phase) {
                case QUEUED, RUNNING -> TaskState.RUNNING;
                case SUCCEEDED -> TaskState.SUCCEEDED;
                case FAILED -> TaskState.FAILED;
            };
        }

        static Expected at(ProgressShape shape, boolean fails, int at) {
            double scale = fails ? FAIL_AT / 100.0 : 1.0;
            int running = at - QUEUED_S;
            Phase phase = running < 0 ? Phase.QUEUED : running < DURATION_S ? Phase.RUNNING
                    : fails ? Phase.FAILED : Phase.SUCCEEDED;
            double work;
            if (phase == Phase.QUEUED) {
                work = 0;
            } else if (phase != Phase.RUNNING) {
                work = scale;
            } else if (shape == ProgressShape.STALLED) {
                int effective = running < STALL_AFTER_S ? running
                        : running < STALL_AFTER_S + STALL_FOR_S ? STALL_AFTER_S : running - STALL_FOR_S;
                work = scale * effective / (DURATION_S - STALL_FOR_S);
            } else {
                work = scale * running / DURATION_S;
            }
            Integer percent;
            if (shape == ProgressShape.NOT_REPORTED) {
                percent = null;
            } else if (phase == Phase.QUEUED) {
                percent = 0;
            } else if (phase == Phase.SUCCEEDED) {
                percent = 100;
            } else if (shape == ProgressShape.STEPS) {
                percent = Math.min(99, 100 * (int) Math.floor(work * STEPS.size() + 1e-9) / STEPS.size());
            } else {
                percent = Math.min(99, (int) Math.floor(work * 100 + 1e-9));
            }
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < STEPS.size(); i++) {
                double lo = (double) i / STEPS.size();
                double hi = (double) (i + 1) / STEPS.size();
                Step s;
                if (phase == Phase.QUEUED) {
                    s = Step.WAITING;
                } else if (phase == Phase.SUCCEEDED || work >= hi) {
                    s = Step.FINISH;
                } else if (work >= lo) {
                    s = phase == Phase.FAILED ? Step.FAILED : Step.EXECUTING;
                } else {
                    s = Step.WAITING;
                }
                steps.add(s);
            }
            long remaining = Math.max(0, QUEUED_S + DURATION_S - at);
            return new Expected(phase, percent, List.copyOf(steps), remaining);
        }
    }
}
