package dev.cloudtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Strategy: the dependency block that the Java SE page tells users to copy must be exactly the
 * runtime dependencies of the quickstart, which runs; both files are read and compared as sets of
 * {@code groupId:artifactId:version}, the quickstart's {@code ${...}} versions resolved from its
 * properties and its test-kit dependency left out.
 */
class JavaSeSetupDocTest {
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    @Test
    void javaSePage_dependencyBlock_equalsTheQuickstartRuntimeDependencies() throws IOException {
        String page = Files.readString(Path.of("src/site/markdown/java-se.md"));
        String block = page.substring(page.indexOf("```xml"), page.indexOf("```", page.indexOf("```xml") + 6));
        Set<String> documented = coordinates(block, Map.of());

        String pom = Files.readString(Path.of("examples/quickstart/pom.xml"));
        Map<String, String> properties = new TreeMap<>();
        Matcher p = Pattern.compile("<([\\w.-]+)>([^<]*)</\\1>")
                .matcher(pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>")));
        while (p.find()) {
            properties.put(p.group(1), p.group(2).trim());
        }
        Set<String> quickstart = coordinates(pom.substring(pom.indexOf("<dependencies>")), properties);

        assertTrue(documented.size() >= 20, "the whole runtime, not a sketch: " + documented);
        assertEquals(quickstart, documented);
    }

    private static Set<String> coordinates(String xml, Map<String, String> properties) {
        Set<String> out = new TreeSet<>();
        Matcher m = DEPENDENCY.matcher(xml);
        while (m.find()) {
            String d = m.group(1);
            if (d.contains("<type>test-jar</type>") || d.contains("<classifier>testkit</classifier>")
                    || d.contains("<scope>test</scope>")) {
                continue;
            }
            String version = tag(d, "version");
            for (Map.Entry<String, String> e : properties.entrySet()) {
                version = version.replace("${" + e.getKey() + "}", e.getValue());
            }
            out.add(tag(d, "groupId") + ":" + tag(d, "artifactId") + ":" + version);
        }
        return out;
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : "";
    }
}
