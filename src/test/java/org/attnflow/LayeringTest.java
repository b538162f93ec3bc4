package org.attnflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Data flows one way (scenario → model → field → integrator → trajectory → analysis/verdict → output), and so do
 * the imports: a package of main code names only packages of lower layers (import lines and fully qualified names
 * in code; comments do not count). io's file formats sit below the solvers; a field never throws an io exception.
 */
class LayeringTest {
    /** The layers from the bottom; a subpackage belongs to its parent's layer (field.simd is the field layer). */
    static final List<String> LAYERS = List.of("model", "io", "oracle", "field", "integrate", "reference", "enclosure", "run", "analysis", "plot",
            "verify", "sweep", "claims", "cli");

    private static final Path MAIN = Path.of("src/main/java/org/attnflow");
    private static final Pattern NAME = Pattern.compile("org\\.attnflow\\.([a-z]+)(?:\\.[a-z]+)*\\.[A-Z]");

    @Test
    void noPackageNamesAHigherLayer() throws IOException {
        List<String> upward = new ArrayList<>();
        TreeSet<String> edges = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = MAIN.relativize(file).getName(0).toString();
                if (from.endsWith(".java")) continue; // a file directly under org/attnflow: none today
                assertTrue(LAYERS.contains(from), "package " + from + " has a layer in LAYERS");
                for (String to : namedPackages(Files.readString(file))) {
                    if (to.equals(from)) continue;
                    edges.add(from + " -> " + to);
                    if (!LAYERS.contains(to) || LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.add(MAIN.relativize(file) + " names " + to);
                }
            }
        }
        assertEquals(List.of(), upward, "imports that run up the layers (edges: " + edges + ")");
        assertTrue(edges.contains("run -> reference") && edges.contains("cli -> io"), "the scan sees imports: " + edges);
    }

    /** The top-level attnflow packages a source names in code: import lines and qualified names, comments left out. */
    static TreeSet<String> namedPackages(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        TreeSet<String> packages = new TreeSet<>();
        Matcher m = NAME.matcher(code);
        while (m.find()) packages.add(m.group(1));
        return packages;
    }

    /** The scan would catch what this issue removed: io naming the reference solver. */
    @Test
    void theScanCatchesAnUpwardImport() {
        assertEquals(new TreeSet<>(List.of("model", "reference")),
                namedPackages("package org.attnflow.io;\nimport org.attnflow.model.Method;\n/** {@link org.attnflow.verify.X} */\n"
                        + "import org.attnflow.reference.ReferenceSolver;\n"));
    }
}
