package dev.cloudtask.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the WARs that the real-server tests deploy, the way a user packages an application: the
 * library as {@code WEB-INF/lib/cloudtask-batch.jar} (made from {@code target/classes}, so
 * {@code mvn verify} tests the code just compiled), the application's classes in
 * {@code WEB-INF/classes} and its job XML in {@code WEB-INF/classes/META-INF/batch-jobs/}.
 */
public final class ItDeployments {

    private static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private ItDeployments() {
    }

    /** The library as a user's WAR carries it, from the compiled main classes. */
    public static JavaArchive libraryJar() {
        Path classes = Paths.get(System.getProperty("basedir", "."), "target", "classes");
        if (!Files.isDirectory(classes.resolve("dev/cloudtask"))) {
            throw new IllegalStateException("library classes not found in '" + classes
                    + "': run the tests through Maven (mvn verify) so that they are compiled first");
        }
        return ShrinkWrap.create(ExplodedImporter.class, "cloudtask-batch.jar")
                .importDirectory(classes.toFile())
                .as(JavaArchive.class);
    }

    /**
     * A WAR with the library, the given application classes and the named job XML files (found in
     * the test class path under {@code META-INF/batch-jobs/<name>.xml}).
     */
    public static WebArchive war(String name, Class<?>[] classes, String... jobs) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(libraryJar())
                .addClasses(classes)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
        for (String job : jobs) {
            String resource = "META-INF/batch-jobs/" + job + ".xml";
            if (ItDeployments.class.getClassLoader().getResource(resource) == null) {
                throw new IllegalArgumentException("job '" + job + "' has no " + resource + " on the test class path");
            }
            war.addAsResource(resource, resource);
        }
        return war;
    }
}
