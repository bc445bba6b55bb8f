import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies a jar, rewriting every class file older than Java 6 (major version below 50) as a Java 8 class file with
 * stack maps; run by the {@code ./ownergate} launcher with the JDK source launcher (JDK 25 or newer):
 *
 * <pre>java app/src/startup/UpgradeOldClassFiles.java IN.jar OUT.jar</pre>
 *
 * Why: the JDK's class-data archives and AOT cache skip "old" classes (JDK 25 logs "Skipping ...: Old class has
 * been linked"), and picocli is compiled for Java 5, so its ~200 classes were loaded, verified with the slow
 * type-inferring verifier and linked again on every CLI start. Rewritten with stack maps they are archived like the
 * rest. Only the version and the stack maps change; the code is the same instructions.
 */
public final class UpgradeOldClassFiles {
    private static final int OLDEST_ARCHIVABLE = ClassFile.JAVA_6_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java UpgradeOldClassFiles.java IN.jar OUT.jar");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        int upgraded = 0;
        try (URLClassLoader jar = new URLClassLoader(new java.net.URL[] {in.toUri().toURL()}, null);
                FileSystem zip = FileSystems.newFileSystem(out, Map.of())) {
            // Stack maps need the common superclass of types that meet at a branch: the JDK's or the jar's.
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(jar))));
            ClassTransform newVersion = (builder, element) -> {
                if (element instanceof ClassFileVersion) {
                    builder.withVersion(ClassFile.JAVA_8_VERSION, 0);
                } else {
                    builder.with(element);
                }
            };
            ClassTransform upgrade = newVersion.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
            List<Path> classes;
            try (Stream<Path> files = Files.walk(zip.getPath("/"))) {
                classes = files.filter(p -> p.toString().endsWith(".class")).toList();
            }
            for (Path path : classes) {
                byte[] bytes = Files.readAllBytes(path);
                ClassModel model = classFile.parse(bytes);
                if (model.majorVersion() < OLDEST_ARCHIVABLE) {
                    Files.write(path, classFile.transformClass(model, upgrade));
                    upgraded++;
                }
            }
        }
        System.err.println("ownergate: " + upgraded + " class files upgraded for the start-up cache");
    }
}
