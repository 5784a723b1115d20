package dev.cloudtask.testkit;

import dev.cloudtask.internal.Durations;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The command line of the simulator.
 *
 * <pre>
 * java -cp ... dev.cloudtask.testkit.CloudSimulator [--port N] [--clock real|accelerated|virtual]
 *      [--factor F] [--auth none|iam|aksk|any] [--manager-session] [--manager-security-cluster] [--https]
 *      [--rate-limit PER_SECOND[:BURST]] [--token-lifetime 24h] [--session-lifetime 30m]
 * </pre>
 *
 * <p>{@code --manager-security-cluster} makes the MRS Manager a security (Kerberos) cluster whose
 * {@code login_check} goes through the CAS login; without it the Manager is a normal cluster.
 *
 * <p>{@code --clock accelerated} runs {@code --factor} (default 60) simulated seconds per real
 * second; {@code accelerated:F} and {@code --clock accelerated F} are accepted too. {@code virtual}
 * starts a {@link VirtualClock} moved only by {@code POST /_sim/clock/advance?by=...}. The first
 * line printed to standard output is the base URL (e.g. {@code http://127.0.0.1:41234}); with
 * {@code --https} a second line {@code truststore=<path> password=<pw>}. The process serves until it
 * is killed (SIGTERM stops the server cleanly).
 */
final class CloudSimulatorMain {
    private CloudSimulatorMain() {
    }

    static void run(String[] args, PrintStream out) throws InterruptedException {
        CloudSimulator sim = parse(args).start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }, "cloud-sim-shutdown"));
        out.println(sim.baseUrl());
        sim.tls().ifPresent(t -> out.println("truststore=" + t.trustStore() + " password=" + t.password()));
        out.flush();
        stop.await();
    }

    /**
     * Parses the arguments into a builder.
     *
     * @throws IllegalArgumentException naming the option and value when one is malformed
     */
    static CloudSimulator.Builder parse(String[] args) {
        CloudSimulator.Builder b = CloudSimulator.builder();
        String clock = "real";
        double factor = 60;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> b.port(integer(a, value(args, ++i, a)));
                case "--clock" -> {
                    clock = value(args, ++i, a).toLowerCase(Locale.ROOT);
                    int sep = Math.max(clock.indexOf(':'), clock.indexOf('='));
                    if (sep > 0) {
                        factor = number("--clock", clock.substring(sep + 1));
                        clock = clock.substring(0, sep);
                    } else if (i + 1 < args.length && args[i + 1].matches("\\d+(\\.\\d+)?")) {
                        factor = number("--clock", args[++i]);
                    }
                }
                case "--factor" -> factor = number(a, value(args, ++i, a));
                case "--auth" -> b.auth(auth(value(args, ++i, a)));
                case "--manager-session" -> b.managerSessionRequired(true);
                case "--manager-security-cluster" -> b.managerSecurityCluster(true);
                case "--https" -> b.https();
                case "--rate-limit" -> {
                    String v = value(args, ++i, a);
                    String[] p = v.split(":");
                    b.rateLimit(number(a, p[0]), p.length > 1 ? integer(a, p[1]) : (int) Math.ceil(number(a, p[0])));
                }
                case "--token-lifetime" -> b.tokenLifetime(Durations.parse(a, value(args, ++i, a)));
                case "--session-lifetime" -> b.sessionLifetime(Durations.parse(a, value(args, ++i, a)));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        b.clock(switch (clock) {
            case "real" -> Clock.systemUTC();
            case "accelerated" -> AcceleratedClock.of(factor);
            case "virtual" -> VirtualClock.at(Clock.systemUTC().instant());
            default -> throw new IllegalArgumentException("--clock '" + clock + "' must be real, accelerated or virtual");
        });
        return b;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option '" + option + "' needs a value");
        }
        return args[i];
    }

    private static int integer(String option, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + v + "' is not an integer");
        }
    }

    private static double number(String option, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + v + "' is not a number");
        }
    }

    private static SimAuthMode auth(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "none" -> SimAuthMode.NONE;
            case "iam", "token" -> SimAuthMode.IAM_TOKEN;
            case "aksk" -> SimAuthMode.AKSK;
            case "any" -> SimAuthMode.IAM_TOKEN_OR_AKSK;
            default -> throw new IllegalArgumentException("--auth '" + v + "' must be none, iam, aksk or any");
        };
    }
}
