package dev.cloudtask;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the test fixtures: the API documents' example responses, copied verbatim. */
public final class Fixtures {
    public static final String CCE_JOB = "cce-job.json";
    public static final String DCS_PROGRESS = "dcs-task-progress.json";
    public static final String DWS_JOB = "dws-job.json";
    public static final String MRS_PROGRESS = "mrs-command-progress.json";

    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
