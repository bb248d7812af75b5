package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.train.RunProvenance;

/** Statistics, baseline comparison, claim checks and row files on synthetic rows (no training). */
class StudySummaryTest {
    private static final double TOL = 1e-12;
    private final StudySpec spec = StudySpecTest.example();

    private StudyRow row(String variant, int seed, StudyRow.Status status, double mlmAccuracy, double trainSpeed,
            List<StudyRow.EvalPoint> curve) {
        return syntheticRow(spec, variant, seed, status, mlmAccuracy, trainSpeed, curve);
    }

    /** A row as the runner would write it, with chosen metric values. */
    static StudyRow syntheticRow(StudySpec spec, String variant, int seed, StudyRow.Status status, double mlmAccuracy,
            double trainSpeed, List<StudyRow.EvalPoint> curve) {
        var config = spec.config(variant, seed);
        RunProvenance p = new RunProvenance("pretrain", config, seed, Map.of("steps", "3"), Map.of("a.txt", "00"),
                Map.of("djl", "test"), Map.of("cpus", "2"), "2026-01-01T00:00:00Z");
        return new StudyRow(spec.name(), variant, seed, status, config,
                Map.of(StudyMetrics.MLM_ACCURACY, mlmAccuracy, StudyMetrics.TRAIN_TOKENS_PER_S, trainSpeed,
                        StudyMetrics.PARAMS_TOTAL, 1000.0),
                curve, 1.5, p, 2, "");
    }

    private static List<StudyRow.EvalPoint> curve(double atStep2, double atStep3) {
        return List.of(new StudyRow.EvalPoint(2, Map.of("mlm_accuracy", atStep2)),
                new StudyRow.EvalPoint(3, Map.of("mlm_accuracy", atStep3)));
    }

    /** moe: accuracy 0.30, 0.32, speed 1000, 1100; dense: accuracy 0.20, 0.26, speed 1500, 1600. */
    private StudySummary summaryOfFourRows(Path out) {
        Path rows = StudyRunner.rowsDir(out);
        row("moe", 0, StudyRow.Status.COMPLETED, 0.30, 1000, curve(0.1, 0.30)).writeTo(rows);
        row("moe", 1, StudyRow.Status.COMPLETED, 0.32, 1100, curve(0.2, 0.32)).writeTo(rows);
        row("dense", 0, StudyRow.Status.COMPLETED, 0.20, 1500, curve(0.1, 0.20)).writeTo(rows);
        row("dense", 1, StudyRow.Status.COMPLETED, 0.26, 1600, curve(0.1, 0.26)).writeTo(rows);
        return StudySummary.of(StudyResults.load(spec, out));
    }

    @Test
    void meanSampleStdAndStandardErrorMatchAHandComputation(@TempDir Path out) {
        MetricSummary dense = summaryOfFourRows(out).variant("dense").metric(StudyMetrics.MLM_ACCURACY);
        // mean (0.20 + 0.26) / 2 = 0.23; deviations +-0.03; sample variance 2 * 0.03^2 / 1
        assertEquals(2, dense.n());
        assertEquals(0.23, dense.mean(), TOL);
        assertEquals(Math.sqrt(2 * 0.03 * 0.03), dense.std(), TOL);
        assertEquals(Math.sqrt(2 * 0.03 * 0.03) / Math.sqrt(2), dense.stderr(), TOL);
        assertEquals(0.23 - 0.31, dense.baselineDifference(), TOL);
    }

    @Test
    void statisticsOfThreeValuesMatchPlainLoops() {
        double[] xs = {1.0, 4.0, 10.0};
        MetricSummary s = MetricSummary.of("loss", List.of(1.0, 4.0, 10.0));
        double mean = (1.0 + 4.0 + 10.0) / 3;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        assertEquals(mean, s.mean(), TOL);
        assertEquals(Math.sqrt(ss / 2), s.std(), TOL);
        assertEquals(Math.sqrt(ss / 2) / Math.sqrt(3), s.stderr(), TOL);
        assertTrue(Double.isNaN(MetricSummary.of("loss", List.of(2.0)).std()));
    }

    @Test
    void speedIsARatioToTheBaselineAndTheBaselineIsOne(@TempDir Path out) {
        StudySummary s = summaryOfFourRows(out);
        assertEquals(1.0, s.variant("moe").metric(StudyMetrics.TRAIN_TOKENS_PER_S).baselineRatio(), TOL);
        assertEquals(0.0, s.variant("moe").metric(StudyMetrics.MLM_ACCURACY).baselineDifference(), TOL);
        assertEquals(1550.0 / 1050.0, s.variant("dense").metric(StudyMetrics.TRAIN_TOKENS_PER_S).baselineRatio(), TOL);
        assertTrue(Double.isNaN(s.variant("dense").metric(StudyMetrics.PARAMS_TOTAL).baselineRatio()));
        assertTrue(Double.isNaN(s.variant("dense").metric(StudyMetrics.TRAIN_TOKENS_PER_S).baselineDifference()));
    }

    @Test
    void claimInTheStudyIsCheckedAndShownInTheTable(@TempDir Path out) {
        StudySummary s = summaryOfFourRows(out);
        // difference -0.08, standard error hypot(0.03, 0.01) = 0.0316: upper bound -0.08 + 0.063 < 0
        assertEquals(ClaimVerdict.AGREES, s.variant("dense").claimCheck().verdict());
        String text = s.toText();
        assertTrue(text.contains("0.2300+/-0.0424 (-0.0800)"), text);
        assertTrue(text.contains("1550 (1.48x)"), text);
        assertTrue(text.contains("claim dense [+] MoE layers improve quality"), text);
        assertFalse(text.contains("missing rows"), text);
    }

    @Test
    void curvesAverageTheSeedsAtEachStep(@TempDir Path out) {
        List<CurveSeries> curves = summaryOfFourRows(out).curves(StudyMetrics.MLM_ACCURACY);
        assertEquals(List.of("moe", "dense"), curves.stream().map(CurveSeries::variant).toList());
        CurveSeries moe = curves.get(0);
        assertEquals(List.of(2L, 3L), moe.points().stream().map(CurveSeries.Point::step).toList());
        assertEquals(0.15, moe.points().get(0).mean(), TOL);
        assertEquals(0.31, moe.points().get(1).mean(), TOL);
        assertEquals(2, moe.points().get(1).n());
    }

    @Test
    void missingAndDivergedRowsAreReportedAndLeftOutOfTheStatistics(@TempDir Path out) {
        Path rows = StudyRunner.rowsDir(out);
        row("moe", 0, StudyRow.Status.COMPLETED, 0.30, 1000, List.of()).writeTo(rows);
        row("dense", 0, StudyRow.Status.DIVERGED, 0.0, 1500, List.of()).writeTo(rows);
        row("dense", 1, StudyRow.Status.COMPLETED, 0.26, 1600, List.of()).writeTo(rows);
        StudyResults results = StudyResults.load(spec, out);
        assertEquals(List.of(new RowKey("moe", 1)), results.missing());
        VariantSummary dense = StudySummary.of(results).variant("dense");
        assertEquals(1, dense.completedRows());
        assertEquals(1, dense.divergedRows());
        assertEquals(0.26, dense.metric(StudyMetrics.MLM_ACCURACY).mean(), TOL);
        assertEquals(ClaimVerdict.INCONCLUSIVE, dense.claimCheck().verdict());
        assertTrue(StudySummary.of(results).toText().contains("missing rows (1): [moe seed 1]"));
    }

    @Test
    void qualityDifferencesArePairedBySeedSoSharedSeedSpreadCancels(@TempDir Path out) {
        Path rows = StudyRunner.rowsDir(out);
        // seeds differ a lot (0.30 vs 0.40) but dense is about 0.01 below moe in each seed
        row("moe", 0, StudyRow.Status.COMPLETED, 0.30, 1000, curve(0.1, 0.30)).writeTo(rows);
        row("moe", 1, StudyRow.Status.COMPLETED, 0.40, 1000, curve(0.1, 0.40)).writeTo(rows);
        row("dense", 0, StudyRow.Status.COMPLETED, 0.289, 1000, curve(0.1, 0.289)).writeTo(rows);
        row("dense", 1, StudyRow.Status.COMPLETED, 0.391, 1000, curve(0.1, 0.391)).writeTo(rows);
        StudySummary s = StudySummary.of(StudyResults.load(spec, out));
        MetricSummary dense = s.variant("dense").metric(StudyMetrics.MLM_ACCURACY);
        MetricSummary moe = s.variant("moe").metric(StudyMetrics.MLM_ACCURACY);
        // per-seed differences -0.011 and -0.009: mean -0.010, sample std sqrt(2 * 0.001^2) = 0.001414, se 0.001
        assertEquals(-0.010, dense.baselineDifference(), TOL);
        assertEquals(0.001, dense.differenceStderr(), 1e-9);
        PaperClaim worse = new PaperClaim("dense is worse", "test",
                new PaperClaim.Expectation(PaperClaim.Kind.QUALITY_WORSE, StudyMetrics.MLM_ACCURACY, 0));
        assertEquals(ClaimVerdict.AGREES, worse.check(dense, moe).verdict());
        assertTrue(worse.check(dense, moe).reason().contains("paired by seed"), worse.check(dense, moe).reason());
        MetricSummary unpaired = MetricSummary.of(StudyMetrics.MLM_ACCURACY, List.of(0.289, 0.391)).comparedWith(moe);
        assertEquals(ClaimVerdict.CANNOT_TELL_APART, worse.check(unpaired, moe).verdict(),
                "without pairing the seed spread (std 0.07) hides the 0.01 difference");
    }

    @Test
    void claimVerdictsFollowTwoStandardErrorBounds() {
        MetricSummary base = MetricSummary.of("mlm_accuracy", List.of(0.30, 0.31));
        PaperClaim notWorse = new PaperClaim("as good", "Table 1",
                new PaperClaim.Expectation(PaperClaim.Kind.QUALITY_NOT_WORSE, "mlm_accuracy", 0));
        assertEquals(ClaimVerdict.DISAGREES,
                notWorse.check(MetricSummary.of("mlm_accuracy", List.of(0.20, 0.21)), base).verdict());
        assertEquals(ClaimVerdict.AGREES,
                notWorse.check(MetricSummary.of("mlm_accuracy", List.of(0.40, 0.41)), base).verdict());
        ClaimCheck close = notWorse.check(MetricSummary.of("mlm_accuracy", List.of(0.29, 0.32)), base);
        assertEquals(ClaimVerdict.CANNOT_TELL_APART, close.verdict());
        assertTrue(close.reason().contains("covers both 'as good' and 'worse'"), close.reason());
        ClaimCheck oneSeed = notWorse.check(MetricSummary.of("mlm_accuracy", List.of(0.9)), base);
        assertEquals(ClaimVerdict.INCONCLUSIVE, oneSeed.verdict());
        assertTrue(oneSeed.reason().contains("at least 2 seeds"), oneSeed.reason());
        // a loss is better when lower: a clearly lower loss is "better"
        PaperClaim better = new PaperClaim("lower loss", "", new PaperClaim.Expectation(PaperClaim.Kind.QUALITY_BETTER,
                "mlm_loss", 0));
        assertEquals(ClaimVerdict.AGREES, better.check(MetricSummary.of("mlm_loss", List.of(2.0, 2.1)),
                MetricSummary.of("mlm_loss", List.of(3.0, 3.1))).verdict());
    }

    @Test
    void speedRatioClaimUsesTheRatioAndItsStandardError() {
        MetricSummary base = MetricSummary.of("train_tokens_per_s", List.of(1000.0, 1100.0));
        MetricSummary fast = MetricSummary.of("train_tokens_per_s", List.of(1500.0, 1600.0));
        // ratio 1.476, standard error 1.476 * hypot(50/1550, 50/1050) = 0.085
        assertEquals(ClaimVerdict.AGREES, speedClaim(1.2).check(fast, base).verdict());
        assertEquals(ClaimVerdict.DISAGREES, speedClaim(2.0).check(fast, base).verdict());
        assertEquals(ClaimVerdict.CANNOT_TELL_APART, speedClaim(1.5).check(fast, base).verdict());
    }

    @Test
    void notWorseWithinTheMarginButCoveringZeroCannotTellApart() {
        // hand-made interval: variant 0.004 below the baseline, se 0.003 -> [-0.010, +0.002] (2 se)
        // lies above -margin (0.012) yet covers 0: it cannot tell "as good" from "slightly worse".
        double better = -0.004;
        double se = 0.003;
        ClaimCheck inside = PaperClaim.notWorse(better, se, 0.012, "test");
        assertEquals(ClaimVerdict.CANNOT_TELL_APART, inside.verdict());
        assertTrue(inside.reason().contains("[-0.0100, +0.0020]"), inside.reason());
        assertTrue(inside.reason().contains("'as good' and 'slightly worse'"), inside.reason());
        // the same difference with a smaller margin: the interval also covers "worse by more than the margin"
        ClaimCheck across = PaperClaim.notWorse(better, se, 0.005, "test");
        assertEquals(ClaimVerdict.CANNOT_TELL_APART, across.verdict());
        assertTrue(across.reason().contains("worse by more than the margin"), across.reason());
        assertEquals(ClaimVerdict.AGREES, PaperClaim.notWorse(0.007, se, 0.012, "test").verdict());
        assertEquals(ClaimVerdict.DISAGREES, PaperClaim.notWorse(-0.02, se, 0.012, "test").verdict());
        // [-0.010, -0.006]: worse beyond 2 se, by less than the margin 0.012
        ClaimCheck slightly = PaperClaim.notWorse(-0.008, 0.001, 0.012, "test");
        assertEquals(ClaimVerdict.AGREES, slightly.verdict());
        assertTrue(slightly.reason().contains("is worse, by less than the margin"), slightly.reason());
        // through check(): paired per-seed differences -0.003, +0.002 (mean -0.0005, se 0.0025) with margin 0.01
        MetricSummary base = MetricSummary.of("mlm_accuracy", List.of(0.300, 0.400));
        MetricSummary variant = MetricSummary.of("mlm_accuracy", List.of(0.297, 0.402))
                .pairedWith(java.util.Map.of(0, 0.297, 1, 0.402), java.util.Map.of(0, 0.300, 1, 0.400));
        PaperClaim claim = new PaperClaim("not worse", "abstract",
                new PaperClaim.Expectation(PaperClaim.Kind.QUALITY_NOT_WORSE, "mlm_accuracy", 0.01));
        ClaimCheck c = claim.check(variant, base);
        assertEquals(ClaimVerdict.CANNOT_TELL_APART, c.verdict(), c.reason());
        assertTrue(c.reason().contains("[-0.0055, +0.0045]"), c.reason());
        assertEquals("cannot tell apart", c.words());
    }

    private static PaperClaim speedClaim(double ratio) {
        return new PaperClaim("faster", "", new PaperClaim.Expectation(PaperClaim.Kind.SPEED_RATIO_AT_LEAST,
                "train_tokens_per_s", ratio));
    }

    @Test
    void rowSurvivesAJsonRoundTrip() {
        StudyRow row = row("moe", 1, StudyRow.Status.COMPLETED, 0.3125, 1234.5, curve(0.25, 0.3125));
        StudyRow back = StudyRow.fromJson(row.toJson());
        assertEquals(row, back);
        assertTrue(row.toJson().contains("\"wall_seconds\""), "snake_case keys");
    }

    @Test
    void failedRowWriteLeavesNoPartialFileAndNamesTheFile(@TempDir Path out) throws IOException {
        StudyRow row = row("moe", 0, StudyRow.Status.COMPLETED, 0.3, 1000, List.of());
        Path rows = StudyRunner.rowsDir(out);
        // a non-empty directory where the row file belongs: the final rename must fail
        Files.createDirectories(rows.resolve(row.key().fileName()).resolve("blocker"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> row.writeTo(rows));
        assertTrue(e.getMessage().contains("moe__seed-0.json"), e.getMessage());
        try (Stream<Path> files = Files.list(rows)) {
            assertEquals(List.of(rows.resolve("moe__seed-0.json")), files.toList(), "no temporary file left");
        }
        Path notADirectory = out.resolve("file");
        Files.writeString(notADirectory, "x");
        UncheckedIOException e2 = assertThrows(UncheckedIOException.class, () -> row.writeTo(notADirectory));
        assertTrue(e2.getMessage().contains("check that the output folder is writable"), e2.getMessage());
    }
}
