package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The precedence of the wait knobs, without a batch runtime. Strategy: for every knob give each
 * layer a different valid value, then remove the layers from the top one at a time and check that
 * the value and its origin come from the highest layer left; then put a malformed value into each
 * layer and check the message names the property, the layer (key and config source) and the value.
 */
class KnobsTest {
    private static final CloudService SERVICE = CloudService.DWS;
    private static final String SOURCE = "test-source";

    /** Per knob: values for step, job, service key, global key (in that order), and a malformed one. */
    private static final Map<String, List<String>> VALUES = Map.of(
            "timeout", List.of("1h", "2h", "PT3H", "4h", "soon"),
            "initialDelay", List.of("1s", "2s", "3s", "PT4S", "-1s"),
            "firstInterval", List.of("5s", "6s", "7s", "8s", "0s"),
            "growth", List.of("1.1", "1.2", "1.3", "1.5", "0.5"),
            "maxInterval", List.of("10m", "11m", "12m", "13m", "later"),
            "errorBudget", List.of("1", "2", "3", "4", "-1"),
            "notFoundGrace", List.of("1m", "3m", "4m", "5m", "x"),
            "strict", List.of("TRUE", "false", "True", "false", "yes"),
            "onRemoteFailure", List.of("complete", "FAIL", "Complete", "fail", "IGNORE"),
            "mode", List.of("ANY", "all", "any", "All", "some"));

    private static final List<Origin.Layer> LAYERS = List.of(Origin.Layer.STEP_PROPERTY, Origin.Layer.JOB_PROPERTY,
            Origin.Layer.SERVICE_CONFIG, Origin.Layer.GLOBAL_CONFIG);

    static Stream<Arguments> knobsAndLayers() {
        return JobXmlProperties.KNOBS.stream()
                .flatMap(k -> LAYERS.stream().map(l -> Arguments.of(k.name(), l)));
    }

    private static JobXmlProperty<?> knob(String name) {
        return JobXmlProperties.KNOBS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    /** Knobs with the values of {@code layers} set for {@code name} (index into the value list). */
    private static Knobs layered(String name, List<Origin.Layer> layers, int valueIndexOverride) {
        Map<String, String> step = new HashMap<>();
        Map<String, String> job = new HashMap<>();
        Map<String, String> config = new HashMap<>();
        for (Origin.Layer l : layers) {
            String v = VALUES.get(name).get(valueIndexOverride >= 0 ? valueIndexOverride : LAYERS.indexOf(l));
            switch (l) {
                case STEP_PROPERTY -> step.put(name, v);
                case JOB_PROPERTY -> job.put(name, v);
                case SERVICE_CONFIG -> config.put(Knobs.serviceKey(SERVICE, name), v);
                case GLOBAL_CONFIG -> config.put(Knobs.globalKey(name), v);
                default -> throw new IllegalArgumentException(l.name());
            }
        }
        return new Knobs(step, job, ConfigLayer.of(config, SOURCE));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("knobsAndLayers")
    void resolve_everyLayerFromThisOneDown_thisLayerWins(String name, Origin.Layer top) {
        List<Origin.Layer> present = LAYERS.subList(LAYERS.indexOf(top), LAYERS.size());
        JobXmlProperty<?> knob = knob(name);

        Sourced<?> v = layered(name, present, -1).resolve(knob, SERVICE);

        assertEquals(top, v.origin().layer(), name);
        String text = VALUES.get(name).get(LAYERS.indexOf(top));
        assertEquals(knob.format().parse(name, text), v.value(), name + " from " + top);
        assertEquals(text, v.text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knobNames")
    void resolve_nothingSet_documentedDefault(String name) {
        JobXmlProperty<?> knob = knob(name);
        Sourced<?> v = new Knobs(Map.of(), Map.of(), ConfigLayer.NONE).resolve(knob, SERVICE);
        assertEquals(Origin.Layer.DEFAULT, v.origin().layer());
        assertEquals(knob.defaultValue(), v.value());
    }

    static Stream<String> knobNames() {
        return JobXmlProperties.KNOBS.stream().map(JobXmlProperty::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knobNames")
    void resolve_otherServiceKeyOnly_notUsed(String name) {
        Map<String, String> config = Map.of(Knobs.serviceKey(CloudService.CCE, name), VALUES.get(name).get(2));
        Sourced<?> v = new Knobs(Map.of(), Map.of(), ConfigLayer.of(config, SOURCE)).resolve(knob(name), SERVICE);
        assertEquals(Origin.Layer.DEFAULT, v.origin().layer(), "cloudtask.cce.* does not reach a dws task");
    }

    @ParameterizedTest(name = "{0} bad in {1}")
    @MethodSource("knobsAndLayers")
    void resolve_malformedValueInThisLayer_failsNamingPropertyOriginAndValue(String name, Origin.Layer layer) {
        String bad = VALUES.get(name).get(4);
        Knobs knobs = layered(name, List.of(layer), 4);

        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> knobs.resolve(knob(name), SERVICE));

        assertEquals(name, e.property());
        String head = switch (layer) {
            case STEP_PROPERTY -> "property '" + name + "'";
            case JOB_PROPERTY -> "job property '" + name + "'";
            case SERVICE_CONFIG -> "MicroProfile Config key 'cloudtask.dws.await." + name + "' (config source "
                    + SOURCE + ")";
            default -> "MicroProfile Config key 'cloudtask.await." + name + "' (config source " + SOURCE + ")";
        };
        assertTrue(e.getMessage().startsWith(head + " has value '" + bad + "': "), e.getMessage());
        assertTrue(e.getMessage().length() > (head + " has value '" + bad + "': ").length() + 5,
                "says what is wrong: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knobNames")
    void resolve_malformedGlobalShadowedByServiceKey_serviceValueUsed(String name) {
        Map<String, String> config = Map.of(Knobs.serviceKey(SERVICE, name), VALUES.get(name).get(2),
                Knobs.globalKey(name), VALUES.get(name).get(4));
        Knobs knobs = new Knobs(Map.of(), Map.of(), ConfigLayer.of(config, SOURCE));
        assertEquals(Origin.Layer.SERVICE_CONFIG, knobs.resolve(knob(name), SERVICE).origin().layer());
        assertThrows(InvalidPropertyException.class, () -> knobs.resolve(knob(name), CloudService.CCE),
                "a cce task takes the global key, which is malformed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knobNames")
    void resolve_blankStepAndJobValues_fallThroughToConfig(String name) {
        Map<String, String> config = Map.of(Knobs.globalKey(name), VALUES.get(name).get(3));
        Knobs knobs = new Knobs(Map.of(name, ""), Map.of(name, "  "), ConfigLayer.of(config, SOURCE));
        assertEquals(Origin.Layer.GLOBAL_CONFIG, knobs.resolve(knob(name), SERVICE).origin().layer());
    }

    @Test
    void forService_layersMixed_policyTakesEachKnobFromItsLayer() {
        Knobs knobs = new Knobs(Map.of("timeout", "30m"), Map.of("growth", "2"), ConfigLayer.of(Map.of(
                "cloudtask.dws.await.maxInterval", "2m", "cloudtask.await.maxInterval", "20m",
                "cloudtask.await.strict", "TRUE"), SOURCE));
        Knobs.ServiceSettings dws = knobs.forService(CloudService.DWS);
        assertEquals(new AwaitPolicy(AwaitPolicy.DEFAULT_INITIAL_DELAY, AwaitPolicy.DEFAULT_FIRST_INTERVAL, 2.0,
                Duration.ofMinutes(2), Duration.ofMinutes(30), AwaitPolicy.DEFAULT_ERROR_BUDGET,
                AwaitPolicy.DEFAULT_NOT_FOUND_GRACE, true), dws.policy());
        assertEquals(Duration.ofMinutes(20), knobs.forService(CloudService.CCE).policy().maxInterval(),
                "cce takes the global key");
    }

    @Test
    void forService_firstIntervalFromStepAboveMaxFromConfig_blamesFirstInterval() {
        Knobs knobs = new Knobs(Map.of("firstInterval", "10m"), Map.of(),
                ConfigLayer.of(Map.of("cloudtask.await.maxInterval", "5m"), SOURCE));
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> knobs.forService(SERVICE));
        assertEquals("firstInterval", e.property());
        assertEquals("property 'firstInterval' has value '10m': must not be longer than maxInterval '5m'"
                + " (MicroProfile Config cloudtask.await.maxInterval)", e.getMessage());
    }

    @Test
    void forService_maxIntervalFromConfigBelowDefaultFirst_blamesTheConfigKey() {
        Knobs knobs = new Knobs(Map.of(), Map.of(), ConfigLayer.of(Map.of("cloudtask.dws.await.maxInterval", "1s"),
                SOURCE));
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> knobs.forService(SERVICE));
        assertEquals("maxInterval", e.property());
        assertTrue(e.getMessage().startsWith("MicroProfile Config key 'cloudtask.dws.await.maxInterval' (config source "
                + SOURCE + ") has value '1s': must not be shorter than firstInterval '4s'"), e.getMessage());
    }

    @Test
    void checkJobXml_malformedJobProperty_failsBeforeAnyTaskIsKnown() {
        Knobs knobs = new Knobs(Map.of(), Map.of("errorBudget", "many"), ConfigLayer.NONE);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, knobs::checkJobXml);
        assertEquals("job property 'errorBudget' has value 'many': is not a whole number, zero or more",
                e.getMessage());
    }

    @Test
    void mode_tasksOfOneService_serviceKeyUsed_severalServices_globalOnly() {
        Knobs knobs = new Knobs(Map.of(), Map.of(), ConfigLayer.of(Map.of("cloudtask.dws.await.mode", "any",
                "cloudtask.await.mode", "all"), SOURCE));
        assertEquals(FanIn.ANY, knobs.mode(Set.of(CloudService.DWS)).value());
        assertEquals(FanIn.ALL, knobs.mode(Set.of(CloudService.DWS, CloudService.CCE)).value());
    }

    @Test
    void settings_tasksOfTwoServices_eachTaskUsesItsOwnServiceKeys() {
        Knobs knobs = new Knobs(Map.of(), Map.of(), ConfigLayer.of(Map.of("cloudtask.dws.await.timeout", "2h",
                "cloudtask.dws.await.onRemoteFailure", "COMPLETE", "cloudtask.await.timeout", "3h"), SOURCE));
        TaskRef dws = TaskRef.dws("p", "j");
        TaskRef cce = TaskRef.cce("p", "j");
        StepRun.Settings s = StepRun.Settings.resolve(knobs, List.of(dws, cce));
        assertEquals(Duration.ofHours(2), s.policy(dws).timeout());
        assertEquals(Duration.ofHours(3), s.policy(cce).timeout());
        assertEquals(OnRemoteFailure.COMPLETE, s.onRemoteFailure(dws));
        assertEquals(OnRemoteFailure.FAIL, s.onRemoteFailure(cce));
    }

    @Test
    void describe_valuesFromSeveralLayers_namesTheSourceOfEachNonDefault() {
        Knobs knobs = new Knobs(Map.of("strict", "true"), Map.of("timeout", "2h"), ConfigLayer.of(Map.of(
                "cloudtask.dws.await.maxInterval", "2m", "cloudtask.await.mode", "any"), SOURCE));
        String line = StepRun.Settings.resolve(knobs, List.of(TaskRef.dws("p", "j"))).describe();
        assertEquals("timeout=2h (job property), initialDelay=2s, firstInterval=4s, growth=1.4,"
                + " maxInterval=2m (MicroProfile Config cloudtask.dws.await.maxInterval), errorBudget=10,"
                + " notFoundGrace=2m, strict=true (step property), onRemoteFailure=FAIL,"
                + " mode=any (MicroProfile Config cloudtask.await.mode)", line);
    }

    @Test
    void describe_twoServices_onePartPerService() {
        Knobs knobs = new Knobs(Map.of(), Map.of(), ConfigLayer.of(Map.of("cloudtask.mrs.await.timeout", "1h"), SOURCE));
        String line = StepRun.Settings.resolve(knobs, List.of(TaskRef.mrs("c"), TaskRef.dws("p", "j"))).describe();
        assertTrue(line.startsWith("dws: timeout=6h, "), line);
        assertTrue(line.contains("; mrs: timeout=1h (MicroProfile Config cloudtask.mrs.await.timeout), "), line);
        assertTrue(line.endsWith("; mode=all"), line);
    }

    @Test
    void configProblems_badKnobKeys_eachReportedOnceWithKeySourceAndValue() {
        List<String> problems = Knobs.configProblems(ConfigLayer.of(Map.of("cloudtask.await.timeout", "soon",
                "cloudtask.cce.await.strict", "yes", "cloudtask.dws.await.growth", "1.5"), SOURCE));
        assertEquals(List.of(
                "MicroProfile Config key 'cloudtask.await.timeout' (config source test-source) has value 'soon':"
                        + " is not a duration: expected 30s, 5m, 2h, 500ms, 1d or ISO-8601 such as PT2H",
                "MicroProfile Config key 'cloudtask.cce.await.strict' (config source test-source) has value 'yes':"
                        + " expected true or false"), problems);
    }

    @Test
    void configProblems_contradictingIntervals_reported() {
        List<String> problems = Knobs.configProblems(ConfigLayer.of(Map.of("cloudtask.await.firstInterval", "10m"),
                SOURCE));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("MicroProfile Config key 'cloudtask.await.firstInterval'"), problems.get(0));
    }
}
