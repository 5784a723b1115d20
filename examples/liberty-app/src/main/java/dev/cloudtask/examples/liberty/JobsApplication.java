package dev.cloudtask.examples.liberty;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example's REST resources live under {@code /api} of the application's context root. */
@ApplicationPath("api")
public class JobsApplication extends Application {
}
