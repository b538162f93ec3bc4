package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.Statistics;
import de.uka.ilkd.key.settings.ChoiceSettings;
import de.uka.ilkd.key.settings.PathConfig;
import de.uka.ilkd.key.settings.ProofIndependentSettings;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import de.uka.ilkd.key.util.KeYConstants;
import de.uka.ilkd.key.util.MiscTools;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves the JML contracts of the attention kernel {@link ReferenceAttention} with KeY, automatically, as part of
 * the test suite: a contract listed in {@link #PROVED} that KeY does not close fails the build.
 *
 * <p>KeY reads only the kernel's sources ({@link #KEY_SOURCES}, copied into {@code target/key/src}) and, as its
 * class path, the JML stubs of Apfloat under {@code spec/}. The proof statistics of the run (nodes, branches,
 * time per contract) go to {@code target/key-proofs.json}; {@code proofs-notes/README.md} tabulates them.
 */
class KeyProofTest {

    /** The classes KeY reads: the kernel and the interface through which the exponential is injected. */
    private static final List<String> KEY_SOURCES = List.of("ReferenceAttention.java", "Exponential.java");

    /**
     * Every method of ReferenceAttention whose contract must close. All of them: a method whose proof does not
     * close automatically goes into {@link #NOT_PROVED} with the reason, never silently.
     */
    private static final List<String> PROVED = List.of("attend", "scores", "dot", "weights", "factor", "max", "exponentiate",
            "combine", "weightedSum", "project", "projectTangent", "normalize");

    /** Methods with a contract KeY is not expected to close, and why. None at present. */
    private static final Map<String, String> NOT_PROVED = Map.of();

    /**
     * Contracts that are assumptions, not proof obligations: the interface method {@link Exponential#exp} has no
     * body for KeY to verify; its contract is what the injected implementation promises (the reference solver's
     * fast exp is tested against Apfloat's exp in FastExpTest).
     */
    private static final Map<String, String> ASSUMED = Map.of("exp",
            "Exponential.exp has no body; its contract is the promise of the injected implementation");

    /** The scores loop of the kernel, its contract's shape clause for the keys, and its taint clause. */
    private static final String SCORES_BODY = "s[j] = beta.multiply(dot(q, kx[j]));";
    private static final String SCORES_LOOP = "for (int j = 0; j < len; j++) {";
    private static final String KEY_SHAPES = "(\\forall int j; 0 <= j && j < len; kx[j].length == q.length && s != kx[j])";
    private static final String KEY_LABELS = "(\\forall int j; 0 <= j && j < len; (\\forall int c; 0 <= c && c < q.length; !kx[j][c].tainted()))";
    private static final String LAST_KEY = "s[j] = beta.multiply(dot(q, kx[kx.length - 1]));";

    /** The branch of {@code max}, the kernel's only comparison of numbers. */
    private static final String MAX_BRANCH = "if (s[j].compareTo(best) > 0) {";
    /** The same branch, but taken only when a comparison with the array's last entry says so (always: ≥ −1). */
    private static final String MAX_LEAK = "if (s[j].compareTo(best) > 0 && s[s.length - 1].compareTo(best) >= -1) {";
    private static final String MAX_LABELS = "(\\forall int j; 0 <= j && j < len; s[j] != null && !s[j].tainted());\n      @   ensures (\\exists";
    /** The body of combine, its contract's shape clause for the values, and its taint clause. */
    private static final String COMBINE_BODY = "out[c] = factor.multiply(weightedSum(w, vx, len, c));";
    private static final String COMBINE_LEAK = "out[c] = vx[vx.length - 1][c].compareTo(factor) >= -1 ? factor.multiply(weightedSum(w, vx, len, c)) : factor;";
    private static final String VALUE_SHAPES = "(\\forall int j; 0 <= j && j < len; vx[j].length == out.length && out != vx[j] && w != vx[j])";
    private static final String VALUE_LABELS = "(\\forall int j; 0 <= j && j < len; (\\forall int c; 0 <= c && c < out.length; !vx[j][c].tainted()))";

    /**
     * Mutants of the kernel that show the contracts can fail: copies of the kernel under another class name with textual
     * changes, the methods whose contracts are proved in each, and whether KeY must close them. Changes in different
     * methods share one copy (the proofs are modular: each method's proof sees its callees' contracts only), so that
     * KeY loads three copies, not seven.
     * <ul>
     *   <li>{@code scores} in {@code Leaks}: reads the key of the last token instead of token j (a later token under
     *       the causal mask), every row's shape given, so that only the dependency contract can fail;</li>
     *   <li>{@code max} in {@code Leaks}: issue 13's leak through control flow: the branch also compares the array's last
     *       entry (a later token's score), by a comparison that is always true, so that the value is still the maximum
     *       and only the flow is wrong (taint labels on data alone let it pass); every entry non-null;</li>
     *   <li>{@code combine} in {@code Leaks}: issue 13's leak in {@code combine}: each output entry chosen by a comparison
     *       with the last token's value row (always true again), every row's shape given;</li>
     *   <li>{@code LeakControls}: the same bodies with every row's labels clean: they close, so the only obligation a leak
     *       breaks is the dependency contract;</li>
     *   <li>{@code scores} in {@code OffByOne}: the score loop runs to {@code j <= len}.</li>
     * </ul>
     */
    private static final List<Mutant> MUTANTS = List.of(
            new Mutant("Leaks", false, List.of("scores", "max", "combine"), Map.of(
                    SCORES_BODY, LAST_KEY, KEY_SHAPES, KEY_SHAPES.replace("j < len", "j < kx.length"),
                    MAX_BRANCH, MAX_LEAK, MAX_LABELS, MAX_LABELS.replace("(\\forall int j; 0 <= j && j < len; s[j] != null && ",
                            "(\\forall int j; 0 <= j && j < s.length; s[j] != null) && (\\forall int j; 0 <= j && j < len; "),
                    COMBINE_BODY, COMBINE_LEAK, VALUE_SHAPES, VALUE_SHAPES.replace("j < len", "j < vx.length"))),
            new Mutant("LeakControls", true, List.of("scores", "max", "combine"), Map.of(
                    SCORES_BODY, LAST_KEY, KEY_SHAPES, KEY_SHAPES.replace("j < len", "j < kx.length"),
                    KEY_LABELS, KEY_LABELS.replace("j < len", "j < kx.length"),
                    MAX_BRANCH, MAX_LEAK, MAX_LABELS, MAX_LABELS.replace("j < len; s[j] != null", "j < s.length; s[j] != null"),
                    COMBINE_BODY, COMBINE_LEAK, VALUE_SHAPES, VALUE_SHAPES.replace("j < len", "j < vx.length"),
                    VALUE_LABELS, VALUE_LABELS.replace("j < len", "j < vx.length"))),
            new Mutant("OffByOne", false, List.of("scores"), Map.of(SCORES_LOOP, SCORES_LOOP.replace("j < len", "j <= len"))));

    /** A copy of the kernel under {@code name} with the textual {@code changes}; the contracts of {@code methods} are proved. */
    private record Mutant(String name, boolean closes, List<String> methods, Map<String, String> changes) {
        String source(String kernel) {
            String s = kernel.replace("class ReferenceAttention", "class " + name)
                    .replace("private ReferenceAttention()", "private " + name + "()");
            for (Map.Entry<String, String> change : changes.entrySet()) {
                if (!s.contains(change.getKey())) {
                    throw new IllegalStateException("mutant " + name + ": the kernel no longer contains " + change.getKey());
                }
                s = s.replace(change.getKey(), change.getValue());
            }
            return s;
        }
    }

    /**
     * KeY's integer semantics. By default integers are mathematical (KeY's default, overflow ignored): the kernel's
     * only integer arithmetic is loop counters bounded by array lengths and {@code len - 1} with {@code len >= 1},
     * which cannot overflow. {@code -Dkeyproof.checkOverflow=true} proves that too (slower: about 1.5x the nodes).
     */
    private static final boolean CHECK_OVERFLOW = Boolean.getBoolean("keyproof.checkOverflow");

    /** Rule applications allowed per proof: about three times the largest proof at the time of writing. */
    private static final int MAX_STEPS = 50_000;

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path REPORT = PROJECT.resolve("target/key-proofs.json");

    private static KeYEnvironment<?> env;
    private static final Map<String, Contract> contracts = new TreeMap<>();
    private static final Map<String, Map<String, Object>> results = new TreeMap<>();
    private static final Map<String, Map<String, Object>> mutantResults = new TreeMap<>();
    private static long loadMillis;

    @BeforeAll
    static void loadKernelIntoKeY() throws Exception {
        Path sources = copyKernelSources();
        File spec = PROJECT.resolve("spec").toFile();
        long start = System.nanoTime();
        // Neither read nor write the user's ~/.key: the run depends on the settings made here only.
        System.setProperty(PathConfig.DISREGARD_SETTINGS_PROPERTY, "true");
        PathConfig.setKeyConfigDir(PROJECT.resolve("target/key/config").toString());
        // Origin labels (which JML clause a term came from) are for KeY's user interface; they slow the automatic
        // strategy down and keep it from closing attend within the step limit.
        ProofIndependentSettings.DEFAULT_INSTANCE.getTermLabelSettings().setUseOriginLabels(false);
        // KeY's taclet options must be initialised (a first load does it) before the defaults can be set, as in
        // KeY's own key.core.example: integers without overflow, runtime exceptions modelled, strings, etc.
        if (!ProofSettings.isChoiceSettingInitialised()) {
            KeYEnvironment.load(sources.toFile(), List.of(spec), null, null).dispose();
        }
        ChoiceSettings choices = ProofSettings.DEFAULT_SETTINGS.getChoiceSettings();
        Map<String, String> defaults = new HashMap<>(choices.getDefaultChoices());
        defaults.putAll(MiscTools.getDefaultTacletOptions());
        if (CHECK_OVERFLOW) defaults.put("intRules", "intRules:arithmeticSemanticsCheckingOF");
        choices.setDefaultChoices(defaults);
        env = KeYEnvironment.load(sources.toFile(), List.of(spec), null, null);
        loadMillis = (System.nanoTime() - start) / 1_000_000;
        for (String type : List.of(ReferenceAttention.class.getName(), Exponential.class.getName())) {
            KeYJavaType kjt = env.getJavaInfo().getKeYJavaType(type);
            for (IObserverFunction target : env.getSpecificationRepository().getContractTargets(kjt)) {
                for (Contract contract : env.getSpecificationRepository().getContracts(kjt, target)) {
                    Contract previous = contracts.put(target.name().toString().replaceAll(".*::", ""), contract);
                    if (previous != null) throw new IllegalStateException("two contracts for " + target + ": keep one per method");
                }
            }
        }
    }

    /**
     * Copies the classes KeY reads into a directory of their own, so that KeY sees nothing else of the project,
     * and writes the mutants next to them.
     */
    private static Path copyKernelSources() throws IOException {
        Path from = PROJECT.resolve("src/main/java/org/attnflow/reference");
        Path root = PROJECT.resolve("target/key/src");
        Path to = root.resolve("org/attnflow/reference");
        Files.createDirectories(to);
        try (Stream<Path> old = Files.list(to)) {
            for (Path p : (Iterable<Path>) old::iterator) Files.delete(p);
        }
        for (String file : KEY_SOURCES) Files.copy(from.resolve(file), to.resolve(file));
        String kernel = Files.readString(from.resolve("ReferenceAttention.java"));
        for (Mutant mutant : MUTANTS) Files.writeString(to.resolve(mutant.name() + ".java"), mutant.source(kernel));
        return root;
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (env != null) env.dispose();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("key", KeYConstants.VERSION);
        report.put("loadMillis", loadMillis);
        report.put("maxStepsPerProof", MAX_STEPS);
        report.put("integerSemantics", CHECK_OVERFLOW ? "checking overflow" : "mathematical (overflow ignored)");
        report.put("proofs", results);
        report.put("mutants", mutantResults);
        report.put("assumed", ASSUMED);
        report.put("notProved", NOT_PROVED);
        Files.createDirectories(REPORT.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(REPORT.toFile(), report);
    }

    /** Every public method of the kernel has exactly one contract, and each is in exactly one list. */
    @Test
    void everyPublicKernelMethodHasAContractThatIsProvedOrExplained() {
        TreeSet<String> publicMethods = new TreeSet<>();
        for (Method m : ReferenceAttention.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) publicMethods.add(m.getName());
        }
        TreeSet<String> listed = new TreeSet<>(PROVED);
        listed.addAll(NOT_PROVED.keySet());
        assertEquals(publicMethods, listed, "public methods of ReferenceAttention vs the methods listed here");
        TreeSet<String> withContract = new TreeSet<>(contracts.keySet());
        withContract.removeAll(ASSUMED.keySet());
        assertEquals(publicMethods, withContract, "methods KeY found a contract for");
    }

    /** The table of proofs-notes/README.md has a row for every contract proved here. */
    @Test
    void proofNotesTabulateEveryProvedContract() throws IOException {
        String notes = Files.readString(PROJECT.resolve("proofs-notes/README.md"));
        for (String method : PROVED) {
            assertTrue(notes.contains("| `" + method + "` |"), "proofs-notes/README.md has no row for " + method);
        }
    }

    @TestFactory
    List<DynamicTest> contractsMarkedProvedClose() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String method : PROVED) {
            tests.add(DynamicTest.dynamicTest(method, () -> {
                Contract contract = contracts.get(method);
                assertTrue(contract != null, "no JML contract for ReferenceAttention." + method);
                Proof proof = prove(contract);
                try {
                    results.put(method, summary(contract, proof));
                    assertTrue(proof.closed(), () -> "KeY did not close the contract of ReferenceAttention." + method
                            + ": " + proof.openGoals().size() + " open goals after " + proof.countNodes() + " nodes");
                } finally {
                    proof.dispose();
                }
            }));
        }
        return tests;
    }

    /** Each mutant's method is proved as well: a leak or an off-by-one must not close, a control must. */
    @TestFactory
    List<DynamicTest> mutantsAreCaught() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Mutant mutant : MUTANTS) {
            for (String method : mutant.methods()) {
                String name = mutant.name() + "." + method;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Contract contract = contractOf(mutant.name(), method);
                    Proof proof = prove(contract);
                    try {
                        mutantResults.put(name, summary(contract, proof));
                        assertEquals(mutant.closes(), proof.closed(), name + ": closed");
                    } finally {
                        proof.dispose();
                    }
                }));
            }
        }
        return tests;
    }

    private static Contract contractOf(String type, String method) {
        KeYJavaType kjt = env.getJavaInfo().getKeYJavaType(ReferenceAttention.class.getPackageName() + "." + type);
        for (IObserverFunction target : env.getSpecificationRepository().getContractTargets(kjt)) {
            if (target.name().toString().endsWith("::" + method)) {
                return env.getSpecificationRepository().getContracts(kjt, target).iterator().next();
            }
        }
        throw new IllegalStateException("no contract for " + type + "." + method);
    }

    private static Map<String, Object> summary(Contract contract, Proof proof) {
        Statistics stats = proof.getStatistics();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("contract", contract.getName());
        row.put("closed", proof.closed());
        row.put("nodes", stats.nodes);
        row.put("branches", stats.branches);
        row.put("openGoals", proof.openGoals().size());
        row.put("loopInvariantApplications", stats.loopInvApps);
        row.put("contractApplications", stats.operationContractApps);
        row.put("millis", stats.autoModeTimeInMillis);
        return row;
    }

    /**
     * Automatic proof, modular: each callee by its contract, each loop by its invariant, queries (pure methods in
     * specifications) expanded, dependency contracts used for heap-dependent observers, non-linear arithmetic
     * with the defining operations; stop at the first goal that cannot be closed.
     */
    private static Proof prove(Contract contract) throws Exception {
        Proof proof = env.createProof(contract.createProofObl(env.getInitConfig(), contract));
        StrategyProperties sp = new StrategyProperties(); // KeY's defaults, then what differs from them
        sp.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_CONTRACT);
        sp.setProperty(StrategyProperties.LOOP_OPTIONS_KEY, StrategyProperties.LOOP_INVARIANT);
        sp.setProperty(StrategyProperties.DEP_OPTIONS_KEY, StrategyProperties.DEP_ON);
        sp.setProperty(StrategyProperties.QUERY_OPTIONS_KEY, StrategyProperties.QUERY_ON);
        sp.setProperty(StrategyProperties.NON_LIN_ARITH_OPTIONS_KEY, StrategyProperties.NON_LIN_ARITH_DEF_OPS);
        sp.setProperty(StrategyProperties.STOPMODE_OPTIONS_KEY, StrategyProperties.STOPMODE_NONCLOSE);
        proof.getSettings().getStrategySettings().setActiveStrategyProperties(sp);
        proof.getSettings().getStrategySettings().setMaxSteps(MAX_STEPS);
        proof.setActiveStrategy(proof.getServices().getProfile().getDefaultStrategyFactory().create(proof, sp));
        env.getProofControl().startAndWaitForAutoMode(proof);
        return proof;
    }
}
