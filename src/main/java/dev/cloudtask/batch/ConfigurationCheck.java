package dev.cloudtask.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reads every cloudtask wait knob and engine limit in MicroProfile Config when the application
 * starts and reports each malformed value once, at SEVERE, naming the key, its config source and the
 * value. Such a value is never replaced by a default silently: every wait that would use it fails
 * with exit status {@code INVALID_PROPERTY:<name>} and the same message.
 */
@ApplicationScoped
public class ConfigurationCheck {
    static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        report(ConfigLayer.microProfile());
    }

    /**
     * Logs each problem of {@code config} at SEVERE.
     *
     * @return the problems
     */
    static List<String> report(ConfigLayer config) {
        List<String> problems = new ArrayList<>(Knobs.configProblems(config));
        problems.addAll(EngineLimits.configProblems(config));
        for (String p : problems) {
            LOG.severe("cloudtask configuration: " + p + "; every wait that would use it fails");
        }
        return problems;
    }
}
