package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.batch.api.BatchProperty;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The property table and the artifacts' injected fields agree, and reading goes through the table. */
class JobXmlPropertiesTest {

    private static Class<?> type(JobXmlProperty.Artifact a) {
        return switch (a) {
            case AWAIT_BATCHLET -> AwaitCloudTaskBatchlet.class;
            case AWAIT_LISTENER -> AwaitCloudTaskListener.class;
            case PARTITION_MAPPER -> CloudTaskPartitionMapper.class;
            case SUBMIT_BATCHLET -> SubmitCloudTaskBatchlet.class;
        };
    }

    @ParameterizedTest
    @EnumSource(JobXmlProperty.Artifact.class)
    void artifact_batchPropertyFields_exactlyTheTableRowsThatNameIt(JobXmlProperty.Artifact artifact) {
        Set<String> fields = Arrays.stream(type(artifact).getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(BatchProperty.class)).map(Field::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> table = JobXmlProperties.ALL.stream().filter(p -> p.acceptedBy(artifact))
                .map(JobXmlProperty::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(table, fields, artifact.ref());
    }

    @Test
    void artifact_namedAsInJobXml() {
        assertEquals("awaitCloudTask", AwaitCloudTaskBatchlet.class.getAnnotation(jakarta.inject.Named.class).value());
        assertEquals("submitCloudTask", SubmitCloudTaskBatchlet.class.getAnnotation(jakarta.inject.Named.class).value());
        assertEquals("awaitCloudTaskListener",
                AwaitCloudTaskListener.class.getAnnotation(jakarta.inject.Named.class).value());
        assertEquals("cloudTaskPartitionMapper",
                CloudTaskPartitionMapper.class.getAnnotation(jakarta.inject.Named.class).value());
        for (JobXmlProperty.Artifact a : JobXmlProperty.Artifact.values()) {
            assertEquals(a.ref(), type(a).getAnnotation(jakarta.inject.Named.class).value());
        }
    }

    @Test
    void read_injectedFields_mapOfTheArtifactsProperties() {
        CloudTaskPartitionMapper mapper = new CloudTaskPartitionMapper();
        mapper.tasks = "mrs/c1";
        mapper.threads = "2";
        Map<String, String> read = JobXmlProperties.read(mapper, JobXmlProperty.Artifact.PARTITION_MAPPER);
        assertEquals(Set.of("tasks", "taskFromStep", "threads"), read.keySet());
        assertEquals("mrs/c1", read.get("tasks"));
        assertNull(read.get("taskFromStep"));
        SubmitCloudTaskBatchlet submit = new SubmitCloudTaskBatchlet();
        submit.errorBudget = "3";
        Map<String, String> submitRead = JobXmlProperties.read(submit, JobXmlProperty.Artifact.SUBMIT_BATCHLET);
        assertEquals(JobXmlProperties.Submit.ALL.size(), submitRead.size());
        assertEquals("3", submitRead.get("errorBudget"));
    }

    @Test
    void read_artifactWithoutTheField_saysWhichFieldIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JobXmlProperties.read(new Object(), JobXmlProperty.Artifact.PARTITION_MAPPER));
        assertEquals("java.lang.Object has no @BatchProperty String field 'tasks'", e.getMessage());
    }

    @Test
    void table_namesUniquePerArtifactAndKnobsHaveDefaults() {
        for (JobXmlProperty.Artifact a : JobXmlProperty.Artifact.values()) {
            List<String> names = JobXmlProperties.ALL.stream().filter(p -> p.acceptedBy(a)).map(JobXmlProperty::name)
                    .toList();
            assertEquals(names.size(), Set.copyOf(names).size(), a.ref() + ": " + names);
        }
        assertEquals(Set.of("timeout", "initialDelay", "firstInterval", "growth", "maxInterval", "errorBudget",
                "notFoundGrace", "strict", "onRemoteFailure", "mode"),
                JobXmlProperties.KNOBS.stream().map(JobXmlProperty::name).collect(Collectors.toSet()));
    }

    @Test
    void submitRows_acceptedBySubmitCloudTaskAlone_andNoOtherRowIs() {
        for (JobXmlProperty<?> p : JobXmlProperties.ALL) {
            if (JobXmlProperties.Submit.ALL.contains(p)) {
                assertEquals(Set.of(JobXmlProperty.Artifact.SUBMIT_BATCHLET), p.artifacts(), p.name());
            } else {
                assertFalse(p.acceptedBy(JobXmlProperty.Artifact.SUBMIT_BATCHLET), p.name());
            }
        }
        assertEquals(Set.of("service", "method", "path", "projectId", "instanceId", "clusterId", "nodeId",
                "serviceName", "pathParams", "body", "bodyResource", "bodyParameter", "taskIdPointer", "taskName",
                "onUncertain", "errorBudget"),
                JobXmlProperties.Submit.ALL.stream().map(JobXmlProperty::name).collect(Collectors.toSet()));
    }
}
