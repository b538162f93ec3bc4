package org.attnflow.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model options of issue 10 as the scenario reader takes them: {@code layer_norm} with its parameters,
 * {@code heads} and {@code head_combine}, the normalisations none and count-n, {@code schedule} and
 * {@code initial.radius}; their defaults made explicit in run.json, and every bad combination refused in one line
 * naming its key.
 */
class ModelOptionsReaderTest {

    private static final String BASE = """
            { "model": { "geometry": "sphere", "mask": "causal" },
              "initial": { "n": 4, "d": 3, "kind": "uniform-sphere", "seed": 7 },
              "time": { "end": 1, "save_every": 0.25 } }""";

    private static final String HEADS = """
            "heads": [{"Q": "identity", "K": "identity", "V": [[1,0,0],[0,2,0],[0,0,3]], "beta": 2},
                      {"V": {"scaled_identity": 0.5}}]""";

    private static LoadedScenario parse(String json) {
        return ScenarioReader.parse(json, "test.json");
    }

    private static String error(String json) {
        return assertThrows(InputException.class, () -> parse(json)).getMessage();
    }

    private static String with(String modelKeys) {
        return BASE.replace("\"mask\": \"causal\"", "\"mask\": \"causal\", " + modelKeys);
    }

    @Test
    void defaultsArePostLnOneHeadUnitRadius() {
        Scenario s = parse(BASE).scenario();
        AttentionModel m = s.model();
        assertEquals(LayerNorm.POST, m.layerNorm());
        assertEquals(1, m.headCount());
        assertTrue(m.schedule().isEmpty());
        assertNull(m.ngptAlpha());
        assertTrue(s.initial().unitRadius());
        ObjectNode asRun = parse(BASE).asRun();
        assertEquals("post", asRun.path("model").path("layer_norm").asText());
        assertFalse(asRun.path("initial").has("radius"), "post carries no radius: run.json must not state one");
    }

    @Test
    void headsAreReadWithTheirOwnBetaOrTheModels() {
        AttentionModel m = parse(with("\"beta\": 3, \"head_combine\": \"mean\", " + HEADS)).scenario().model();
        assertEquals(2, m.headCount());
        assertEquals(HeadCombine.MEAN, m.combine());
        assertEquals(new BigDecimal("2"), m.heads().get(0).beta());
        assertEquals(new BigDecimal("3"), m.heads().get(1).beta(), "a head without beta takes the model's");
        assertEquals(new BigDecimal("3"), m.heads().get(0).v().get(2, 2));
        assertEquals(new BigDecimal("0.5"), m.heads().get(1).v().get(1, 1));
        assertThrows(IllegalStateException.class, m::v, "a multi-head model has no single V");
    }

    @Test
    void headsDefaultToSumAndRunJsonStatesEveryDefault(@TempDir Path dir) throws Exception {
        LoadedScenario loaded = parse(with(HEADS));
        assertEquals(HeadCombine.SUM, loaded.scenario().model().combine());
        Path file = dir.resolve("run.json");
        loaded.writeAsRun(file);
        ObjectNode asRun = (ObjectNode) Json.MAPPER.readTree(Files.readString(file));
        assertEquals("sum", asRun.path("model").path("head_combine").asText());
        assertEquals(1, asRun.path("model").path("heads").get(1).path("beta").asInt());
        assertFalse(asRun.path("model").has("V"), "a model with heads has no top-level V, not even in run.json");
        assertEquals(loaded.scenario().model(), ScenarioReader.read(file).scenario().model());
    }

    @Test
    void normalisationSchemesWithTheirParameters() {
        AttentionModel ngpt = parse(with("\"layer_norm\": \"ngpt\", \"ngpt_alpha\": 0.5")).scenario().model();
        assertEquals(LayerNorm.NGPT, ngpt.layerNorm());
        assertEquals(new BigDecimal("0.5"), ngpt.ngptAlpha());
        AttentionModel mix = parse(with("\"layer_norm\": \"mix\", \"mix_tau\": 0.5")).scenario().model();
        assertArrayEquals(new double[] {0.5}, mix.switchTimes(1));
        assertArrayEquals(new double[0], mix.switchTimes(0.5), "a switch at the end is no switch inside the run");
        assertEquals(LayerNorm.LN_SCALING, parse(with("\"layer_norm\": \"ln-scaling\"")).scenario().model().layerNorm());
        assertEquals(Normalization.COUNT_N, parse(with("\"normalization\": \"count-n\"")).scenario().model().normalization());
        assertEquals(Normalization.NONE, parse(with("\"normalization\": \"none\"")).scenario().model().normalization());
    }

    @Test
    void radiusIsOneNumberOrOnePerToken() {
        String pre = with("\"layer_norm\": \"pre\"");
        Scenario one = parse(pre.replace("\"seed\": 7", "\"seed\": 7, \"radius\": 2.5")).scenario();
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5}, one.initial().radiusDoubles());
        Scenario each = parse(pre.replace("\"seed\": 7", "\"seed\": 7, \"radius\": [1, 2, 3, 0.5]")).scenario();
        assertArrayEquals(new double[] {1, 2, 3, 0.5}, each.initial().radiusDoubles());
        assertEquals(1, parse(pre).asRun().path("initial").path("radius").asInt(), "run.json states the default radius of pre");
    }

    @Test
    void scheduleInheritsTheModelsWeightsAndStatesItsSwitches() {
        LoadedScenario loaded = parse(with("""
                "beta": 2, "V": {"random": "gaussian", "rows": 3},
                "schedule": [{"until": 0.5}, {"until": 0.75, "beta": 4}, {"until": 2, "V": "identity"}]"""));
        AttentionModel m = loaded.scenario().model();
        assertEquals(3, m.pieces().size());
        assertArrayEquals(new double[] {0.5, 0.75}, m.switchTimes(1));
        assertEquals(m.v(), m.pieces().get(0).model().v(), "a piece without V inherits the model's (same seed)");
        assertEquals(m.v(), m.pieces().get(1).model().v());
        assertEquals(new BigDecimal("4"), m.pieces().get(1).model().heads().get(0).beta());
        assertTrue(m.pieces().get(2).model().v().isIdentity());
        assertTrue(loaded.source().path("model").path("V").has("seed"), "the generated seed is written once, at the model");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            heads with top-level V     | "V": "identity", "heads": [{}]                       | model.heads: give Q, K and V per head, not at the top level as well (model.V is set)
            empty head list            | "heads": []                                          | model.heads: must list at least one head
            heads of different m       | "heads": [{}, {"Q": {"random": "gaussian", "seed": 1, "rows": 2}, "K": {"random": "gaussian", "seed": 2, "rows": 2}}] | model.heads: every head needs the same m
            head with unknown key      | "heads": [{"W": 1}]                                  | model.heads[0].W: unknown key
            head of wrong d            | "heads": [{}, {"V": [[1,0],[0,1]]}]                  | model.heads[1].V: wrong shape
            combine without heads      | "head_combine": "mean"                               | model.head_combine: is only read with model.heads
            bad combine                | "heads": [{}], "head_combine": "max"                 | model.head_combine: 'max' is not one of sum|mean
            bad layer norm             | "layer_norm": "rms"                                  | model.layer_norm: 'rms' is not one of post|pre|peri|ngpt|mix|ln-scaling
            ngpt without alpha         | "layer_norm": "ngpt"                                 | model.ngpt_alpha: is required with layer_norm ngpt
            ngpt alpha zero            | "layer_norm": "ngpt", "ngpt_alpha": 0                | model.ngpt_alpha: must be > 0
            alpha without ngpt         | "layer_norm": "pre", "ngpt_alpha": 0.2               | model.ngpt_alpha: is only read with layer_norm ngpt
            mix without tau            | "layer_norm": "mix"                                  | model.mix_tau: is required with layer_norm mix
            mix tau negative           | "layer_norm": "mix", "mix_tau": -1                   | model.mix_tau: must be > 0
            schedule not increasing    | "schedule": [{"until": 0.5}, {"until": 0.5}]         | model.schedule[1].until: the pieces must end at increasing times > 0
            schedule short of the end  | "schedule": [{"until": 0.5}, {"until": 0.9}]         | model.schedule: the last piece ends at until = 0.9, before time.end = 1.0
            schedule empty             | "schedule": []                                       | model.schedule: expected a non-empty list
            schedule without until     | "schedule": [{"beta": 2}]                            | model.schedule[0].until: is required
            piece changes the mask     | "schedule": [{"until": 1, "mask": "full"}]           | model.schedule[0].mask: unknown key
            piece heads and V          | "schedule": [{"until": 1, "heads": [{}], "V": "identity"}] | model.schedule[0].heads: give Q, K and V per head
            """)
    void badModelOptionsAreRefusedInOneLine(String name, String keys, String expected) {
        String message = error(with(keys));
        assertTrue(message.startsWith("test.json: "), message);
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains(expected), () -> name + ": expected '" + expected + "' in: " + message);
    }

    @Test
    void layerNormOnAEuclideanModelIsRefused() {
        String message = error(BASE.replace("\"geometry\": \"sphere\"", "\"geometry\": \"euclidean\", \"layer_norm\": \"pre\"")
                .replace("uniform-sphere", "gaussian"));
        assertTrue(message.contains("model.layer_norm: 'pre' normalises tokens x = r θ on the sphere"), message);
    }

    @Test
    void badRadiusIsRefused() {
        String pre = with("\"layer_norm\": \"pre\"");
        assertTrue(error(pre.replace("\"seed\": 7", "\"seed\": 7, \"radius\": 0")).contains("initial.radius: must be > 0, got 0"));
        assertTrue(error(pre.replace("\"seed\": 7", "\"seed\": 7, \"radius\": [1, 1, -2, 1]")).contains("initial.radius[2]: must be > 0, got -2"));
        assertTrue(error(pre.replace("\"seed\": 7", "\"seed\": 7, \"radius\": [1, 1]")).contains("initial.radius: needs one radius per token: n = 4, got 2"));
        assertTrue(error(BASE.replace("\"seed\": 7", "\"seed\": 7, \"radius\": 2"))
                .contains("initial.radius: has no effect with model.layer_norm post (only pre, peri and mix carry a radius)"));
    }

    @Test
    void publicSchemesNeedTheirLayerNorm() {
        String solver = "\"save_every\": 0.25 }, \"solver\": {\"method\": \"%s\", \"step\": 0.25}";
        String pre = with("\"layer_norm\": \"peri\"").replace("\"save_every\": 0.25 }", solver.formatted("pre-public"));
        assertTrue(error(pre).contains("solver.method: pre-public is the public simulator's pre-LN step: it needs model.layer_norm pre, got peri"), error(pre));
        String ngpt = with("\"layer_norm\": \"ngpt\", \"ngpt_alpha\": 0.5").replace("\"save_every\": 0.25 }", solver.formatted("ngpt-public"));
        assertTrue(error(ngpt).contains("ngpt-public hard-codes alpha = 0.2"), error(ngpt));
        parse(with("\"layer_norm\": \"ngpt\", \"ngpt_alpha\": 0.2").replace("\"save_every\": 0.25 }", solver.formatted("ngpt-public")));
    }
}
