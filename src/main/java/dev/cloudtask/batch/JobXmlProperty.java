package dev.cloudtask.batch;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One job-XML property of the cloudtask artifacts: its name, the artifacts that accept it, how its
 * value is read, its default and what it does. {@link JobXmlProperties#ALL} lists every one; the
 * artifacts read their properties through that table and the documentation's tables are checked
 * against it. A name is unique among the properties of one artifact; {@code submitCloudTask} has
 * rows of its own where a name means something else there (its {@code errorBudget} counts resent
 * requests, not transient errors of a wait).
 *
 * <p>A <em>knob</em> is a property of the wait policy: besides the step's own property it may come
 * from a job-level property of the same name or from MicroProfile Config (see {@link Knobs}).
 *
 * @param <T> the parsed type
 * @param name the property name as written in job XML
 * @param artifacts the artifacts that accept it
 * @param format how the value is read
 * @param defaultValue the value when nothing sets it, or null when there is none
 * @param knob whether the value may also come from job-level properties and MicroProfile Config
 * @param description what it does, one sentence for the documentation
 */
record JobXmlProperty<T>(String name, Set<Artifact> artifacts, ValueFormat<T> format, T defaultValue,
        boolean knob, String description) {

    JobXmlProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(description, "description");
        artifacts = Set.copyOf(artifacts);
        if (artifacts.isEmpty()) {
            throw new IllegalArgumentException(name + ": no artifact accepts it");
        }
        if (knob && defaultValue == null) {
            throw new IllegalArgumentException(name + ": a knob needs a default");
        }
    }

    /** A property that only the step's own properties set. */
    static <T> JobXmlProperty<T> of(String name, ValueFormat<T> format, T defaultValue, String description,
            Artifact first, Artifact... more) {
        return new JobXmlProperty<>(name, EnumSet.of(first, more), format, defaultValue, false, description);
    }

    /** A knob of the wait: accepted by both awaiting artifacts, and layered (see {@link Knobs}). */
    static <T> JobXmlProperty<T> knob(String name, ValueFormat<T> format, T defaultValue, String description) {
        return new JobXmlProperty<>(name, EnumSet.of(Artifact.AWAIT_BATCHLET, Artifact.AWAIT_LISTENER), format,
                defaultValue, true, description);
    }

    /** Whether {@code artifact} accepts this property. */
    boolean acceptedBy(Artifact artifact) {
        return artifacts.contains(artifact);
    }

    /** The default as the documentation and the log line print it, or {@code -}. */
    String defaultText() {
        return format.print(defaultValue);
    }

    /** The cloudtask artifacts that take job-XML properties, by their {@code ref} name. */
    enum Artifact {
        /** The {@code awaitCloudTask} batchlet. */
        AWAIT_BATCHLET("awaitCloudTask"),
        /** The {@code awaitCloudTaskListener} step listener. */
        AWAIT_LISTENER("awaitCloudTaskListener"),
        /** The {@code cloudTaskPartitionMapper} partition mapper. */
        PARTITION_MAPPER("cloudTaskPartitionMapper"),
        /** The {@code submitCloudTask} batchlet. */
        SUBMIT_BATCHLET("submitCloudTask");

        private final String ref;

        Artifact(String ref) {
            this.ref = ref;
        }

        /** The name job XML refers to the artifact by. */
        String ref() {
            return ref;
        }
    }
}
