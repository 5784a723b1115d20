package dev.cloudtask.batch;

import java.util.Objects;

/**
 * Where the value of a knob or an engine limit came from, for the effective-policy log line and
 * error messages.
 *
 * @param layer the layer of the precedence
 * @param key the MicroProfile Config key (config layers only)
 * @param configSource the name of the MicroProfile config source that held it (config layers only)
 */
record Origin(Layer layer, String key, String configSource) {

    /** The layers, first found wins. */
    enum Layer {
        /** The step's own job-XML property. */
        STEP_PROPERTY,
        /** A job-level property of the same name ({@code <job><properties>}). */
        JOB_PROPERTY,
        /** MicroProfile Config, the key of the task's service. */
        SERVICE_CONFIG,
        /** MicroProfile Config, the key for every service. */
        GLOBAL_CONFIG,
        /** The built-in default. */
        DEFAULT
    }

    static final Origin STEP = new Origin(Layer.STEP_PROPERTY, null, null);
    static final Origin JOB = new Origin(Layer.JOB_PROPERTY, null, null);
    static final Origin DEFAULT = new Origin(Layer.DEFAULT, null, null);

    Origin {
        Objects.requireNonNull(layer, "layer");
    }

    /** A MicroProfile Config key of {@code layer} found in config source {@code configSource}. */
    static Origin config(Layer layer, String key, String configSource) {
        return new Origin(layer, Objects.requireNonNull(key, "key"), configSource);
    }

    /** Whether the value is the built-in default. */
    boolean isDefault() {
        return layer == Layer.DEFAULT;
    }

    /** For the log line: {@code job property}, {@code MicroProfile Config cloudtask.dws.await.timeout}. */
    String describe() {
        return switch (layer) {
            case STEP_PROPERTY -> "step property";
            case JOB_PROPERTY -> "job property";
            case SERVICE_CONFIG, GLOBAL_CONFIG -> "MicroProfile Config " + key;
            case DEFAULT -> "default";
        };
    }

    /** For error messages: what held the value of {@code name}. */
    String subject(String name) {
        return switch (layer) {
            case STEP_PROPERTY -> "property '" + name + "'";
            case JOB_PROPERTY -> "job property '" + name + "'";
            case SERVICE_CONFIG, GLOBAL_CONFIG -> "MicroProfile Config key '" + key + "'"
                    + (configSource == null ? "" : " (config source " + configSource + ")");
            case DEFAULT -> "the default of '" + name + "'";
        };
    }
}
