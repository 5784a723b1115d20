package dev.cloudtask.examples.quickstart;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.AwaitEnded;
import dev.cloudtask.batch.PublishedTasks;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One row per step of a job execution: the step's service and task (an await step: from the
 * {@link AwaitEnded} event; a submit step: from what it published), its batch and exit status, the
 * number of polls (await steps) and how long it ran, rendered as a plain-text table.
 */
final class SummaryTable {
    private static final String NONE = "-";
    private static final String[] HEADER = {"step", "service", "task", "batch status", "exit status", "polls", "duration"};

    /** A row of the table. */
    record Row(String step, String service, String task, String batchStatus, String exitStatus, String polls,
            String duration) {
        String[] cells() {
            return new String[] {step, service, task, batchStatus, exitStatus, polls, duration};
        }
    }

    private SummaryTable() {
    }

    /** The rows of every step of the execution, in the order the steps started. */
    static List<Row> rows(JobOperator operator, long executionId, WaitRecorder waits) {
        List<StepExecution> steps = new ArrayList<>(operator.getStepExecutions(executionId));
        steps.sort(Comparator.comparing((StepExecution s) -> s.getStartTime() == null ? new Date(Long.MAX_VALUE) : s.getStartTime())
                .thenComparingLong(StepExecution::getStepExecutionId));
        List<Row> rows = new ArrayList<>();
        for (StepExecution s : steps) {
            Optional<AwaitEnded> wait = waits.find(executionId, s.getStepName());
            Optional<TaskRef> task = wait.map(w -> w.outcome().ref())
                    .or(() -> PublishedTasks.decode(s.getPersistentUserData()).map(p -> p.refs().get(0)));
            rows.add(new Row(s.getStepName(),
                    task.map(t -> t.service().name()).orElse(NONE),
                    task.map(TaskRef::taskId).orElse(NONE),
                    String.valueOf(s.getBatchStatus()),
                    String.valueOf(s.getExitStatus()),
                    wait.map(w -> Integer.toString(w.outcome().polls())).orElse(NONE),
                    duration(s.getStartTime(), s.getEndTime())));
        }
        return rows;
    }

    /** The rows as an aligned text table with a header line. */
    static String render(List<Row> rows) {
        int[] width = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            width[i] = HEADER[i].length();
        }
        for (Row r : rows) {
            String[] c = r.cells();
            for (int i = 0; i < c.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, HEADER, width);
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(sb, rule, width);
        for (Row r : rows) {
            line(sb, r.cells(), width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            boolean right = i >= cells.length - 2;           // polls and duration are numbers
            String pad = " ".repeat(width[i] - cells[i].length());
            sb.append(i == 0 ? "" : "  ").append(right ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
        }
        sb.append(System.lineSeparator());
    }

    private static String duration(Date start, Date end) {
        if (start == null || end == null) {
            return NONE;
        }
        Duration d = Duration.ofMillis(end.getTime() - start.getTime());
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
