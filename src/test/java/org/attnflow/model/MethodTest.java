package org.attnflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.attnflow.model.Method.Setting;
import org.attnflow.model.Method.Use;
import org.junit.jupiter.api.Test;

/** The one method type: its properties, the settings they imply, and that every place reading it agrees. */
class MethodTest {

    /** What each method does with digits, step and the tolerances, written out here independently of the derivation. */
    @Test
    void eachMethodNeedsReadsOrRefusesTheSolverKeys() {
        expect(Method.EULER_POSTLN, Use.OPTIONAL, Use.REQUIRED, Use.FORBIDDEN);
        expect(Method.EULER_PROJECTED, Use.OPTIONAL, Use.REQUIRED, Use.FORBIDDEN);
        expect(Method.RK4, Use.OPTIONAL, Use.REQUIRED, Use.FORBIDDEN);
        expect(Method.DOPRI5, Use.FORBIDDEN, Use.OPTIONAL, Use.OPTIONAL);
        expect(Method.RKMK4, Use.FORBIDDEN, Use.REQUIRED, Use.FORBIDDEN);
        expect(Method.PRE_PUBLIC, Use.OPTIONAL, Use.REQUIRED, Use.FORBIDDEN);
        expect(Method.PERI_PUBLIC, Use.OPTIONAL, Use.REQUIRED, Use.FORBIDDEN);
        expect(Method.NGPT_PUBLIC, Use.OPTIONAL, Use.REQUIRED, Use.FORBIDDEN);
        expect(Method.Z_EULER, Use.OPTIONAL, Use.REQUIRED, Use.FORBIDDEN);
        expect(Method.REFERENCE, Use.REQUIRED, Use.FORBIDDEN, Use.FORBIDDEN);
        expect(Method.ENCLOSURE, Use.OPTIONAL, Use.FORBIDDEN, Use.FORBIDDEN);
        assertEquals(List.of(Method.EULER_POSTLN, Method.EULER_PROJECTED, Method.RK4, Method.PRE_PUBLIC, Method.PERI_PUBLIC, Method.NGPT_PUBLIC,
                        Method.Z_EULER),
                Method.replayableMethods());
        assertEquals(Method.DOPRI5, Method.DEFAULT);
    }

    private static void expect(Method m, Use digits, Use step, Use tolerances) {
        assertEquals(digits, m.use(Setting.DIGITS), m.key() + " digits");
        assertEquals(step, m.use(Setting.STEP), m.key() + " step");
        assertEquals(tolerances, m.use(Setting.RTOL), m.key() + " rtol");
        assertEquals(tolerances, m.use(Setting.ATOL), m.key() + " atol");
    }

    @Test
    void ordersAreTheNominalOnes() {
        assertEquals(1, Method.EULER_POSTLN.order());
        assertEquals(1, Method.EULER_PROJECTED.order());
        assertEquals(4, Method.RK4.order());
        assertEquals(4, Method.RKMK4.order());
        assertEquals(5, Method.DOPRI5.order());
        for (Method m : List.of(Method.PRE_PUBLIC, Method.PERI_PUBLIC, Method.NGPT_PUBLIC, Method.Z_EULER)) assertEquals(1, m.order());
    }

    /** z-euler steps one Euclidean V; the enclosure encloses one post-LN head, softmax or mean, n·d ≤ 48. */
    @Test
    void zEulerAndTheEnclosureNameWhatTheyCannotRun() {
        AttentionModel sphere = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3);
        AttentionModel euclidean = AttentionModel.identity(Geometry.EUCLIDEAN, Mask.CAUSAL, Normalization.SOFTMAX, 1, 3);
        assertNull(Method.Z_EULER.unsupported(euclidean));
        assertTrue(Method.Z_EULER.unsupported(sphere).contains("needs model.geometry euclidean"));
        assertNull(Method.ENCLOSURE.unsupported(sphere, 16));
        assertEquals("the enclosure method is for small systems: n·d = 51 exceeds 48", Method.ENCLOSURE.unsupported(sphere, 17));
        assertTrue(Method.ENCLOSURE.unsupported(sphere.withLayerNorm(LayerNorm.PRE, null, null)).contains("encloses post-LN dynamics"));
        assertTrue(Method.ENCLOSURE.unsupported(AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.NONE, 1, 3)).contains("not none"));
    }

    /** The public simulator's steps run only the scheme they were written for; every other method runs every model. */
    @Test
    void publicStepsNeedTheirScheme() {
        AttentionModel post = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3);
        AttentionModel pre = post.withLayerNorm(LayerNorm.PRE, null, null);
        AttentionModel ngpt = post.withLayerNorm(LayerNorm.NGPT, new java.math.BigDecimal("0.2"), null);
        for (Method m : Method.values()) {
            if (m.publicScheme() == null && m != Method.Z_EULER && m != Method.ENCLOSURE) {
                assertNull(m.unsupported(pre), m.key());
                assertNull(m.unsupported(post), m.key());
            }
        }
        assertNull(Method.PRE_PUBLIC.unsupported(pre));
        assertEquals("pre-public is the public simulator's pre-LN step: it needs model.layer_norm pre, got post", Method.PRE_PUBLIC.unsupported(post));
        assertNull(Method.NGPT_PUBLIC.unsupported(ngpt));
        assertTrue(Method.NGPT_PUBLIC.unsupported(post.withLayerNorm(LayerNorm.NGPT, java.math.BigDecimal.ONE, null)).contains("hard-codes alpha = 0.2"));
        assertTrue(Method.PERI_PUBLIC.unsupported(pre).contains("needs model.layer_norm peri"));
    }

    /** SolverSettings cannot hold a combination its method refuses: the same rule, for every method. */
    @Test
    void settingsAreConsistentByConstruction() {
        for (Method m : Method.values()) {
            Double step = m.use(Setting.STEP) == Use.FORBIDDEN ? null : 0.1;
            Integer digits = m.use(Setting.DIGITS) == Use.REQUIRED ? 20 : null;
            SolverSettings ok = new SolverSettings(m, step, 1e-8, 1e-10, digits, null, 0);
            assertEquals(m, ok.method());
            assertEquals(FieldKind.AUTO, ok.field());
            if (m.use(Setting.STEP) == Use.REQUIRED) refused(m, null, digits, "solver.step: is required by the fixed-step method " + m.key());
            if (m.use(Setting.STEP) == Use.FORBIDDEN) refused(m, 0.1, digits, "solver.step: has no effect with method " + m.key());
            if (m.use(Setting.DIGITS) == Use.REQUIRED) refused(m, step, null, "solver.digits: is required by the " + m.key() + " method");
            if (m.use(Setting.DIGITS) == Use.FORBIDDEN) refused(m, step, 20, "solver.digits: method " + m.key() + " cannot run in arbitrary precision");
        }
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> new SolverSettings(Method.REFERENCE, null, 1e-8, 1e-10, SolverSettings.MIN_DIGITS - 1, null, 0));
        assertEquals("solver.digits: must be >= 5, got 4", few.getMessage());
        assertNull(SolverSettings.tooFewDigits(SolverSettings.MIN_DIGITS));
    }

    private static void refused(Method m, Double step, Integer digits, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SolverSettings(m, step, 1e-8, 1e-10, digits, null, 0));
        assertTrue(e.getMessage().startsWith(message), m.key() + ": " + e.getMessage());
    }

    @Test
    void refusalsNameTheMethodsThatWouldAccept() {
        assertEquals("method dopri5 cannot run in arbitrary precision (only euler-postln|euler-projected|rk4|pre-public|peri-public|ngpt-public|z-euler|reference|enclosure can); drop digits for a double run",
                Method.DOPRI5.check(Setting.DIGITS, true));
        assertEquals("has no effect with method rk4 (a fixed-step method; only dopri5 reads rtol and atol)", Method.RK4.check(Setting.RTOL, true));
        assertEquals("has no effect with method reference (its tolerance follows from solver.digits)", Method.REFERENCE.check(Setting.ATOL, true));
        assertNull(Method.DOPRI5.check(Setting.STEP, false));
        assertNull(Method.DOPRI5.check(Setting.STEP, true));
    }

    /** The README's method table and field list name every method and field kind the code has. */
    @Test
    void readmeDocumentsEveryMethodAndFieldKind() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Method m : Method.values()) assertTrue(readme.contains("| `" + m.key() + "` |"), "README's method table lists " + m.key());
        for (FieldKind f : FieldKind.values()) assertTrue(readme.contains("`" + f.key() + "`"), "README names solver.field " + f.key());
    }
}
