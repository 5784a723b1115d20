package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The documentation's tables of job-XML properties and configuration keys are the code's tables:
 * each is rendered here from {@link JobXmlProperties} (the awaiting artifacts' table and
 * {@code submitCloudTask}'s) and {@link EngineLimits} and must stand in the
 * page, between its {@code <!-- table:NAME -->} and {@code <!-- /table:NAME -->} markers, exactly.
 * A failure prints the table to paste.
 */
class DocsTablesTest {
    private static final Path DOCS = Paths.get(System.getProperty("basedir", "."), "src", "site", "markdown");

    static String propertiesTable() {
        StringBuilder sb = new StringBuilder("| property | accepted by | value | default | also from job and config |"
                + " what it does |\n|---|---|---|---|---|---|\n");
        for (JobXmlProperty<?> p : JobXmlProperties.AWAITING) {
            String artifacts = Arrays.stream(JobXmlProperty.Artifact.values()).filter(p::acceptedBy)
                    .map(a -> "`" + a.ref() + "`").collect(Collectors.joining(", "));
            sb.append("| `").append(p.name()).append("` | ").append(artifacts).append(" | ")
                    .append(p.format().description()).append(" | ")
                    .append(p.defaultValue() == null ? "-" : "`" + p.defaultText() + "`").append(" | ")
                    .append(p.knob() ? "yes" : "no").append(" | ").append(p.description()).append(" |\n");
        }
        return sb.toString();
    }

    static String submitPropertiesTable() {
        StringBuilder sb = new StringBuilder("| property | value | default | what it does |\n|---|---|---|---|\n");
        for (JobXmlProperty<?> p : JobXmlProperties.Submit.ALL) {
            sb.append("| `").append(p.name()).append("` | ").append(p.format().description()).append(" | ")
                    .append(p.defaultValue() == null ? "-" : "`" + p.defaultText() + "`").append(" | ")
                    .append(p.description()).append(" |\n");
        }
        return sb.toString();
    }

    static String knobKeysTable() {
        StringBuilder sb = new StringBuilder("| knob | keys | default | value |\n|---|---|---|---|\n");
        for (JobXmlProperty<?> k : JobXmlProperties.KNOBS) {
            sb.append("| `").append(k.name()).append("` | `cloudtask.<service>.await.").append(k.name())
                    .append("`, `").append(Knobs.globalKey(k.name())).append("` | `").append(k.defaultText())
                    .append("` | ").append(k.format().description()).append(" |\n");
        }
        return sb.toString();
    }

    static String engineKeysTable() {
        StringBuilder sb = new StringBuilder("| keys | default | value | what it limits |\n|---|---|---|---|\n");
        for (EngineLimits.Key<?> k : EngineLimits.ALL) {
            sb.append("| ").append(k.perService() ? "`cloudtask.<service>." + k.name() + "`, " : "")
                    .append("`cloudtask.").append(k.name()).append("` | `").append(k.format().print(k.defaultValue()))
                    .append("` | ").append(k.format().description()).append(" | ").append(k.description())
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static void assertTable(String page, String name, String expected) throws IOException {
        String text = Files.readString(DOCS.resolve(page));
        String begin = "<!-- table:" + name + " -->\n";
        String end = "<!-- /table:" + name + " -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertTrue(b >= 0 && e > b, page + " has no " + begin.trim() + " ... " + end + " block; it should hold:\n"
                + expected);
        assertEquals(expected, text.substring(b + begin.length(), e), page + ": table " + name
                + " differs from the code; paste:\n" + expected);
    }

    @Test
    void jobXmlPage_propertiesTable_listsEveryPropertyOfTheCode() throws IOException {
        assertTable("job-xml.md", "properties", propertiesTable());
    }

    @Test
    void jobXmlPage_submitPropertiesTable_listsEverySubmitPropertyOfTheCode() throws IOException {
        assertTable("job-xml.md", "submit-properties", submitPropertiesTable());
    }

    @Test
    void configurationPage_keyTables_listEveryKnobAndEngineKeyOfTheCode() throws IOException {
        assertTable("configuration.md", "knob-keys", knobKeysTable());
        assertTable("configuration.md", "engine-keys", engineKeysTable());
    }

    @Test
    void renderedTables_oneRowPerEntry() {
        assertEquals(JobXmlProperties.AWAITING.size() + 2, propertiesTable().split("\n").length);
        assertEquals(JobXmlProperties.Submit.ALL.size() + 2, submitPropertiesTable().split("\n").length);
        assertEquals(JobXmlProperties.ALL.size(), JobXmlProperties.AWAITING.size() + JobXmlProperties.Submit.ALL.size());
        assertEquals(JobXmlProperties.KNOBS.size() + 2, knobKeysTable().split("\n").length);
        assertEquals(EngineLimits.ALL.size() + 2, engineKeysTable().split("\n").length);
        List<String> rows = List.of(propertiesTable().split("\n"));
        assertTrue(rows.contains("| `timeout` | `awaitCloudTask`, `awaitCloudTaskListener` | "
                + ValueFormat.POSITIVE_DURATION.description() + " | `6h` | yes | "
                + JobXmlProperties.TIMEOUT.description() + " |"), rows.toString());
        List<String> submitRows = List.of(submitPropertiesTable().split("\n"));
        assertTrue(submitRows.contains("| `errorBudget` | " + ValueFormat.COUNT.description() + " | `5` | "
                + JobXmlProperties.Submit.ERROR_BUDGET.description() + " |"), submitRows.toString());
        assertTrue(submitRows.contains("| `onUncertain` | " + ValueFormat.ON_UNCERTAIN.description() + " | `FAIL` | "
                + JobXmlProperties.Submit.ON_UNCERTAIN.description() + " |"), submitRows.toString());
    }
}
