package dev.cloudtask.integration;

import dev.cloudtask.CloudService;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.CloudSimulator;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.Config;

/** Test wiring: MicroProfile Config from a map, a {@link CloudAuth} from it, clients that use it. */
final class AuthWiring {
    private AuthWiring() {
    }

    static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "integration-test", 500))
                .build();
    }

    /** IAM for CCE, DCS and DWS against the simulator's token endpoint. */
    static Map<String, String> iam(CloudSimulator sim, String password) {
        Map<String, String> m = new HashMap<>();
        for (String s : List.of("cce", "dcs", "dws")) {
            m.put("cloudtask." + s + ".auth", "iam");
        }
        m.put("cloudtask.iam.url", sim.baseUrl());
        m.put("cloudtask.iam.user", sim.credentials().iamUser());
        m.put("cloudtask.iam.password", password);
        m.put("cloudtask.iam.domain", sim.credentials().iamDomain());
        m.put("cloudtask.iam.project-name", "eu-de");
        return m;
    }

    /** AK/SK for CCE, DCS and DWS. */
    static Map<String, String> aksk(CloudSimulator sim, String secretKey) {
        Map<String, String> m = new HashMap<>();
        for (String s : List.of("cce", "dcs", "dws")) {
            m.put("cloudtask." + s + ".auth", "aksk");
        }
        m.put("cloudtask.aksk.access-key", sim.credentials().accessKey());
        m.put("cloudtask.aksk.secret-key", secretKey);
        return m;
    }

    /** MRS Manager session, direct or CAS login, against the simulator (Manager and CAS on one port). */
    static Map<String, String> mrs(CloudSimulator sim, String login, String password) {
        Map<String, String> m = new HashMap<>();
        m.put("cloudtask.mrs.auth", "mrs-session");
        m.put("cloudtask.mrs.session.manager-url", sim.baseUrl());
        m.put("cloudtask.mrs.session.login", login);
        m.put("cloudtask.mrs.session.cas-url", sim.baseUrl());
        m.put("cloudtask.mrs.session.user", sim.credentials().managerUser());
        m.put("cloudtask.mrs.session.password", password);
        return m;
    }

    static CloudAuth auth(Map<String, String> properties, Clock clock) {
        return CloudAuth.fromConfig(config(properties), clock);
    }

    /**
     * A status source whose clients carry {@code auth}'s credentials and whose 401 hook renews them,
     * as an application wires it in Java SE.
     */
    static RestTaskStatusSource source(CloudSimulator sim, CloudAuth auth, Object... extraProviders) {
        CloudClients.Builder b = Polls.clients(sim).register(new CloudAuthFilter(null, auth));
        for (Object p : extraProviders) {
            b.register(p);
        }
        return b.build().taskStatusSource().withCredentialRefresh(auth::refresh);
    }

    /** Records the credential headers of every request as it leaves (runs after the authentication filters). */
    @Priority(9000)
    static final class HeaderRecorder implements ClientRequestFilter {
        record Sent(String path, String token, String authorization, String cookie) {
        }

        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void filter(ClientRequestContext ctx) {
            sent.add(new Sent(ctx.getUri().getPath(), ctx.getHeaderString("X-Auth-Token"),
                    ctx.getHeaderString("Authorization"), ctx.getHeaderString("Cookie")));
        }

        Sent last() {
            return sent.get(sent.size() - 1);
        }
    }

    /** The simulator's credentials and anything else that must never show. */
    static List<String> fixedSecrets(CloudSimulator sim) {
        return List.of(sim.credentials().iamPassword(), sim.credentials().secretKey(),
                sim.credentials().managerPassword());
    }

    static CloudService[] gatewayServices() {
        return new CloudService[] {CloudService.CCE, CloudService.DCS, CloudService.DWS};
    }
}
