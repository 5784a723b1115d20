package dev.cloudtask.testkit;

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
 * Strategy: the test kit page's dependency block, its table of APIs and the main jar together must be
 * exactly the dependencies of the quickstart, whose test uses both extensions and passes; both files
 * are read and compared as sets of {@code groupId:artifactId:version[:classifier]}, the quickstart's
 * {@code ${...}} versions resolved from its properties. Scopes are not compared (the quickstart is a
 * program and needs the runtime at compile scope).
 */
class TestkitPageTest {
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern API_ROW = Pattern.compile("^\\| `([\\w.-]+):([\\w.-]+)` \\| ([\\w.-]+) \\|$",
            Pattern.MULTILINE);

    @Test
    void testkitPage_dependencyBlockApisAndMainJar_equalTheQuickstartDependencies() throws IOException {
        String page = Files.readString(Path.of("src/site/markdown/testkit.md"));
        int start = page.indexOf("```xml");
        Set<String> documented = coordinates(page.substring(start, page.indexOf("```", start + 6)), Map.of());
        Matcher row = API_ROW.matcher(page);
        while (row.find()) {
            documented.add(row.group(1) + ":" + row.group(2) + ":" + row.group(3));
        }
        documented.add("dev.cloudtask:cloudtask-batch:0.1.0-SNAPSHOT");

        String pom = Files.readString(Path.of("examples/quickstart/pom.xml"));
        Map<String, String> properties = new TreeMap<>();
        Matcher p = Pattern.compile("<([\\w.-]+)>([^<]*)</\\1>")
                .matcher(pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>")));
        while (p.find()) {
            properties.put(p.group(1), p.group(2).trim());
        }
        Set<String> quickstart = coordinates(pom.substring(pom.indexOf("<dependencies>")), properties);

        assertTrue(quickstart.contains("dev.cloudtask:cloudtask-batch:0.1.0-SNAPSHOT:testkit"), quickstart.toString());
        assertTrue(quickstart.stream().anyMatch(c -> c.startsWith("org.junit.jupiter:junit-jupiter:")), quickstart.toString());
        assertEquals(quickstart, documented);
    }

    private static Set<String> coordinates(String xml, Map<String, String> properties) {
        Set<String> out = new TreeSet<>();
        Matcher m = DEPENDENCY.matcher(xml);
        while (m.find()) {
            String d = m.group(1);
            String version = tag(d, "version");
            for (Map.Entry<String, String> e : properties.entrySet()) {
                version = version.replace("${" + e.getKey() + "}", e.getValue());
            }
            String classifier = tag(d, "classifier");
            out.add(tag(d, "groupId") + ":" + tag(d, "artifactId") + ":" + version
                    + (classifier.isEmpty() ? "" : ":" + classifier));
        }
        return out;
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : "";
    }
}
