package org.sparsemixerlab.magics;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.render.ChartImages;
import org.sparsemixerlab.render.Figure;
import org.sparsemixerlab.render.TrainingCharts;
import org.sparsemixerlab.render.TrainingFigure;
import org.sparsemixerlab.train.EvalMetrics;
import org.sparsemixerlab.train.PretrainingData;
import org.sparsemixerlab.train.PretrainingRun;
import org.sparsemixerlab.train.RunProvenance;
import org.sparsemixerlab.train.StepMetrics;
import org.sparsemixerlab.train.TrainingListener;
import org.sparsemixerlab.train.TrainingResult;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * MLM+NSP pre-training with one live display: a progress line plus loss, accuracy and routing curves,
 * replaced in place every few steps. Interrupting the cell stops the loop between steps; the model
 * (and the checkpoint, when an output folder is given) is kept. The run's model becomes {@link
 * LabSession#model()}; close {@link Outcome#run()} to free its native memory.
 */
public final class LiveTraining implements TrainingListener {

    /**
     * What a live run produced; also its figure (loss and accuracy with the held-out evaluations,
     * routing), so {@code var run1 = %train ...} then {@code run1.save("run1.svg")} keeps the charts.
     *
     * @param run the run (its model stays alive until {@code run.close()})
     * @param result status, steps done, evaluations
     * @param steps metrics of every step
     * @param options how the charts are drawn (smoothing, log scale, runs overlaid)
     */
    public record Outcome(PretrainingRun run, TrainingResult result, List<StepMetrics> steps,
                          TrainingCharts.Options options) implements Figure {

        public Outcome {
            steps = List.copyOf(steps);
            options = options == null ? TrainingCharts.Options.DEFAULT : options;
        }

        public Outcome(PretrainingRun run, TrainingResult result, List<StepMetrics> steps) {
            this(run, result, steps, TrainingCharts.Options.DEFAULT);
        }

        /** This run's curves, named {@code label} in another run's legend. */
        public TrainingCharts.Curves curves(String label) {
            return new TrainingCharts.Curves(label, steps, result.evaluations());
        }

        /** The figure of this run as drawn by %train. */
        public TrainingFigure figure() {
            return new TrainingFigure(curves("this run"), options);
        }

        @Override
        public int width() {
            return figure().width();
        }

        @Override
        public int height() {
            return figure().height();
        }

        @Override
        public byte[] png() {
            return figure().png();
        }

        @Override
        public String svg() {
            return figure().svg();
        }

        @Override
        public String text() {
            return result.status() + " after " + result.stepsDone() + " steps\n" + figure().text();
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private final int every;
    private final TrainingCharts.Options options;
    private final List<StepMetrics> steps = Collections.synchronizedList(new ArrayList<>());
    private final List<EvalMetrics> evals = Collections.synchronizedList(new ArrayList<>());
    private String displayId;
    private long total;
    private String status = "";

    LiveTraining(int every, TrainingCharts.Options options) {
        this.every = Math.max(1, every);
        this.options = options;
    }

    /**
     * Trains and shows live progress.
     *
     * @param outDir run folder for checkpoint and metrics, or null for none
     * @param every redraw the curves every this many steps
     */
    public static Outcome run(ModelConfig config, TrainingSettings settings, PretrainingData data, Device device,
            Path outDir, int every) {
        return run(config, settings, data, device, outDir, every, TrainingCharts.Options.DEFAULT);
    }

    /**
     * The same, drawing the curves with {@code options}: e.g. {@code new TrainingCharts.Options(10,
     * true, List.of(earlier.curves("earlier")))} smooths over 10 steps, puts loss on a log axis and
     * overlays {@code earlier}.
     */
    public static Outcome run(ModelConfig config, TrainingSettings settings, PretrainingData data, Device device,
            Path outDir, int every, TrainingCharts.Options options) {
        return run(LabSession.current(), config, settings, data, device, outDir, every, options);
    }

    /** The same, recording the model and steps in {@code session} (what {@code %train} hands in). */
    static Outcome run(LabState session, ModelConfig config, TrainingSettings settings, PretrainingData data,
            Device device, Path outDir, int every, TrainingCharts.Options options) {
        LiveTraining live = new LiveTraining(every, options);
        PretrainingRun run = new PretrainingRun(config, settings, data, device, outDir);
        run.addListener(live);
        TrainingResult result = run.run();
        session.trained(run.model(), live.steps);
        return new Outcome(run, result, List.copyOf(live.steps), options);
    }

    @Override
    public void onStart(RunProvenance provenance, long startStep, long totalSteps) {
        total = totalSteps;
        status = "starting";
        draw(true);
    }

    @Override
    public void onStep(StepMetrics m) {
        steps.add(m);
        status = "running";
        if (m.step() % every == 0 || m.step() == total) {
            draw(false);
        }
    }

    @Override
    public void onEval(EvalMetrics m) {
        evals.add(m);
        status = String.format(Locale.ROOT, "evaluated at step %d: %s", m.step(), m.values());
    }

    @Override
    public void onEnd(TrainingResult r) {
        status = r.status().name().toLowerCase(Locale.ROOT) + (r.message().isEmpty() ? "" : ": " + r.message());
        draw(false);
    }

    /** The progress line, e.g. {@code [#####.....] 20/40 loss 7.1234 ...}. */
    String progress() {
        StepMetrics last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        long done = last == null ? 0 : last.step();
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        if (last == null) {
            return String.format(Locale.ROOT, "[%s] 0/%d %s", bar, total, status);
        }
        return String.format(Locale.ROOT, "[%s] %d/%d loss %.4f mlm acc %.3f nsp acc %.3f %.0f tok/s %.1f s (%s)", bar,
                done, total, last.loss(), last.value("mlm_accuracy"), last.value("nsp_accuracy"),
                last.tokensPerSecond(), last.elapsedSeconds(), status);
    }

    private void draw(boolean first) {
        String text = progress();
        BaseKernel kernel = LabSession.notebookKernelOrNull();
        if (kernel == null) {
            System.out.println(text);
            return;
        }
        DisplayData data = new DisplayData(text);
        if (!steps.isEmpty()) {
            TrainingFigure figure = new TrainingFigure(new TrainingCharts.Curves("this run", List.copyOf(steps),
                    List.copyOf(evals)), options);
            String png = ChartImages.base64(figure.png());
            data.putData("image/png", png);
            data.putHTML("<pre>" + text + "</pre><img class=\"sml-training\" src=\"data:image/png;base64," + png
                    + "\" width=\"" + figure.width() + "\" alt=\"loss, accuracy and routing curves\" style=\"max-width:100%\"/>");
        } else {
            data.putHTML("<pre>" + text + "</pre>");
        }
        if (first || displayId == null) {
            displayId = org.sparsemixerlab.kernel.Notebook.display(data);
        } else {
            org.sparsemixerlab.kernel.Notebook.updateDisplay(displayId, data);
        }
    }
}
