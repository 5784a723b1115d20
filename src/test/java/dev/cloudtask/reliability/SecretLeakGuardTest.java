package dev.cloudtask.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.KnownSecrets;
import dev.cloudtask.testkit.SimCredentials;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The suite-wide guard is active, knows the secrets, and sees library logging at every level. */
class SecretLeakGuardTest {

    @Test
    void guard_autoDetected_installedWithSimulatorAndAuthSecrets() {
        assertTrue(SecretLeakGuard.installed(), "handler on the root logger");
        List<String> known = KnownSecrets.all();
        assertTrue(known.contains(SimCredentials.DEFAULTS.secretKey()), "simulator SK");
        assertTrue(known.size() >= 9, "auth constants too: " + known.size());
    }

    @Test
    void guard_secretLoggedAtFineByLibraryLogger_recordedAsLeak() {
        Logger.getLogger("dev.cloudtask.internal.Example").log(Level.FINE, "token is {0}",
                SimCredentials.DEFAULTS.iamPassword());
        List<String> leaks = SecretLeakGuard.drain();
        assertEquals(1, leaks.size(), leaks.toString());
        assertTrue(leaks.get(0).contains("dev.cloudtask.internal.Example") && leaks.get(0).contains("sim-..."),
                leaks.get(0));
    }

    @Test
    void guard_tokenIssuedBySimulator_knownAndCaughtInAStackTrace() {
        try (CloudSimulator sim = CloudSimulator.builder().auth(SimAuthMode.IAM_TOKEN).start()) {
            String token = sim.issueToken();
            assertTrue(KnownSecrets.all().contains(token));
            Logger.getLogger("some.other.Library").log(Level.WARNING, "failed",
                    new IllegalStateException("header X-Auth-Token: " + token));
            assertEquals(1, SecretLeakGuard.drain().size());
        }
    }
}
