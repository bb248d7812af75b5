package org.sparsemixerlab.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.sparsemixerlab.ablation.RowKey;
import org.sparsemixerlab.ablation.StudyListener;
import org.sparsemixerlab.ablation.StudyRow;
import org.sparsemixerlab.ablation.StudyMetrics;
import org.sparsemixerlab.kernel.Notebook;
import org.sparsemixerlab.render.HtmlTable;
import org.sparsemixerlab.train.EvalMetrics;
import org.sparsemixerlab.train.StepMetrics;

/**
 * The live display of {@code %ablate run}: one progress line (row k of n, variant, seed, step,
 * loss) and a mini table of the rows finished so far, replaced in place. Steps redraw at most every
 * {@link #REDRAW_NANOS}; row starts and ends always redraw. Without a notebook (tests, scripts) it
 * prints one line per row start and end instead.
 */
final class AblationProgress implements StudyListener {

    /** Minimum time between two redraws caused by steps. */
    static final long REDRAW_NANOS = 500_000_000L;

    private final String study;
    private final long stepsPerRow;
    private final List<StudyRow> finished = new ArrayList<>();
    private final List<RowKey> skipped = new ArrayList<>();
    private RowKey current;
    private int position;
    private int count;
    private StepMetrics last;
    private String status = "starting";
    private String displayId;
    private long lastDraw;

    AblationProgress(String study, long stepsPerRow) {
        this.study = study;
        this.stepsPerRow = stepsPerRow;
    }

    @Override
    public synchronized void rowStarted(RowKey row, int position, int count) {
        this.current = row;
        this.position = position;
        this.count = count;
        this.last = null;
        this.status = "pre-training";
        draw(true);
    }

    @Override
    public synchronized void step(RowKey row, StepMetrics m) {
        if (last != null && m.step() < last.step()) {
            status = "fine-tuning";
        }
        last = m;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            draw(false);
        }
    }

    @Override
    public synchronized void evaluated(RowKey row, EvalMetrics m) {
        status = String.format(Locale.ROOT, "%s, evaluated at step %d", status.split(",")[0], m.step());
    }

    @Override
    public synchronized void rowFinished(StudyRow row) {
        finished.add(row);
        current = null;
        status = row.key() + " " + row.status().name().toLowerCase(Locale.ROOT) + ".";
        draw(true);
    }

    @Override
    public synchronized void rowSkipped(RowKey row) {
        skipped.add(row);
    }

    /** Ends the display with a final status line (e.g. completed, or how to resume). */
    synchronized void done(String message) {
        current = null;
        status = message;
        draw(true);
    }

    /** Rows finished while this display was attached, oldest first. */
    synchronized List<StudyRow> finished() {
        return List.copyOf(finished);
    }

    /** The progress line, e.g. {@code row 3 of 8: moe seed 1, step 120/400, loss 6.1234 (pre-training)}. */
    synchronized String progress() {
        String skip = skipped.isEmpty() ? "" : "; " + skipped.size() + " rows already had files (skipped)";
        if (current == null) {
            return String.format(Locale.ROOT, "study %s: %d rows finished in this run%s. %s", study, finished.size(),
                    skip, status);
        }
        String step = last == null ? "step 0/" + stepsPerRow
                : String.format(Locale.ROOT, "step %d%s, loss %.4f, %.0f tok/s", last.step(),
                        status.startsWith("pre-training") ? "/" + stepsPerRow : "", last.loss(), last.tokensPerSecond());
        return String.format(Locale.ROOT, "study %s: row %d of %d: %s seed %d, %s (%s)%s", study, position, count,
                current.variant(), current.seed(), step, status, skip);
    }

    /** The finished rows as a small table: variant, seed, status, MLM accuracy, train tokens/s, wall time. */
    synchronized HtmlTable finishedTable() {
        HtmlTable t = HtmlTable.of("variant", "seed", "status", StudyMetrics.MLM_ACCURACY, "train tok/s", "wall s");
        for (StudyRow r : finished) {
            t.row(r.variant(), String.valueOf(r.seed()), r.status().name().toLowerCase(Locale.ROOT),
                    format("%.4f", r.metric(StudyMetrics.MLM_ACCURACY)),
                    format("%.0f", r.metric(StudyMetrics.TRAIN_TOKENS_PER_S)), format("%.1f", r.wallSeconds()));
        }
        return t;
    }

    /** Whether a notebook kernel is running in this JVM. */
    static boolean inNotebook() {
        return LabSession.notebookKernelOrNull() != null;
    }

    private static String format(String pattern, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, pattern, v) : "-";
    }

    private void draw(boolean always) {
        lastDraw = System.nanoTime();
        String line = progress();
        if (!inNotebook()) {
            if (always) {
                System.out.println(line);
            }
            return;
        }
        HtmlTable table = finishedTable();
        DisplayData data = new DisplayData(line + (finished.isEmpty() ? "" : "\n" + table.toText()));
        data.putHTML("<pre>" + HtmlTable.escape(line) + "</pre>" + (finished.isEmpty() ? "" : table.toHtml()));
        if (displayId == null) {
            displayId = Notebook.display(data);
        } else {
            Notebook.updateDisplay(displayId, data);
        }
    }
}
