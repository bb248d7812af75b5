package org.sparsemixerlab.magics;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.sparsemixerlab.ablation.ClusterStatus;
import org.sparsemixerlab.ablation.JobsFile;
import org.sparsemixerlab.ablation.RowState;
import org.sparsemixerlab.ablation.SlurmClient;
import org.sparsemixerlab.ablation.SlurmCommands;
import org.sparsemixerlab.ablation.SlurmException;
import org.sparsemixerlab.ablation.StudyResults;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.ablation.StudySummary;
import org.sparsemixerlab.kernel.Notebook;
import org.sparsemixerlab.render.AblationReport;
import org.sparsemixerlab.render.AblationTables;
import org.sparsemixerlab.render.ClusterStatusTable;

/**
 * {@code %ablate watch STUDY.json [--out DIR] [--every SECONDS] [--metric NAME]}: a live table of a
 * submitted study's rows (state, step, elapsed, the metric so far) and the partial summary table,
 * updated in place every few seconds until no row is running or pending. A Jupyter interrupt stops
 * the watching, never the jobs. When every row is done it shows what {@code %ablate load} shows
 * (table and charts) and returns the summary. Also the cluster part of {@code %ablate status}.
 */
final class AblateWatch {
    private static final String MAGIC = "%ablate";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'");

    private AblateWatch() {}

    /** Runs {@code %ablate watch ...} ({@code args} starts with "watch"). */
    static Object line(List<String> args) {
        AblateSubmit.Parsed p = AblateSubmit.Parsed.of(args, Set.of("out", "every", "metric"));
        if (p.words().size() != 2) {
            throw new MagicUsageException(MAGIC + " watch expects one study file, got "
                    + p.words().subList(1, p.words().size()));
        }
        int every = p.whole("every", 5);
        if (every < 1 || every > 3600) {
            throw new MagicUsageException(MAGIC + " watch: --every expects seconds in [1, 3600], got " + every);
        }
        Path studyFile = Path.of(p.words().get(1)).toAbsolutePath().normalize();
        StudySpec spec = AblateMagic.loadSpec(studyFile);
        Path out = AblateSubmit.out(p, studyFile, spec);
        if (JobsFile.readIfPresent(out) == null) {
            throw new MagicUsageException(MAGIC + " watch: nothing was submitted into " + AblateMagic.shown(out)
                    + " (no " + JobsFile.NAME + "); submit first with %ablate submit " + p.words().get(1));
        }
        SlurmClient slurm = slurm();
        String displayId = null;
        int doneBefore = -1;
        String summaryHtml = "";
        String summaryText = "";
        while (true) {
            ClusterStatus st = read(spec, out, slurm);
            int done = st.in(RowState.State.DONE).size();
            if (done != doneBefore && done > 0) {
                AblationReport partial = AblationReport.of(StudySummary.of(StudyResults.load(spec, out)));
                summaryHtml = "<div class=\"sml-ablation\">" + AblationTables.html(partial.table()) + "</div>";
                summaryText = AblationTables.text(partial.table());
            }
            ClusterStatusTable table = new ClusterStatusTable(st, LocalTime.now(ZoneOffset.UTC).format(CLOCK));
            if (st.complete()) {
                summaryHtml = ""; // %ablate load's full report follows below
                summaryText = "";
            }
            if (AblationProgress.inNotebook()) {
                DisplayData d = new DisplayData(table.text() + (summaryText.isEmpty() ? "" : "\n" + summaryText));
                d.putHTML(table.html() + summaryHtml);
                if (displayId == null) {
                    displayId = Notebook.display(d);
                } else {
                    Notebook.updateDisplay(displayId, d);
                }
            } else if (done != doneBefore || st.settled()) {
                System.out.print(table.text());
            }
            doneBefore = done;
            if (st.settled()) {
                if (st.complete()) {
                    return AblateMagic.load(spec, out, p.options().get("metric"));
                }
                System.out.printf("study %s: no row is running or pending; %s. %%ablate submit %s submits the rows "
                        + "without a row file again%n", spec.name(), st.totalLine(), p.words().get(1));
                return null;
            }
            try {
                Thread.sleep(every * 1000L);
            } catch (InterruptedException e) {
                System.out.printf("stopped watching study %s; its Slurm jobs keep running (%%ablate status shows "
                        + "them, AblationCommand cancel stops them)%n", spec.name());
                return null;
            }
        }
    }

    /**
     * {@code %ablate status} of a submitted study: shows the cluster table; false (and shows nothing)
     * when nothing was submitted into {@code out}.
     */
    static boolean status(StudySpec spec, Path out) {
        if (JobsFile.readIfPresent(out) == null) {
            return false;
        }
        ClusterStatusTable table = new ClusterStatusTable(read(spec, out, slurm()),
                LocalTime.now(ZoneOffset.UTC).format(CLOCK));
        if (AblationProgress.inNotebook()) {
            Notebook.display(table);
        } else {
            System.out.print(table.text());
        }
        return true;
    }

    private static SlurmClient slurm() {
        try {
            return SlurmCommands.fromPath();
        } catch (SlurmException e) {
            throw new MagicUsageException(MAGIC + ": " + e.getMessage());
        }
    }

    private static ClusterStatus read(StudySpec spec, Path out, SlurmClient slurm) {
        try {
            return ClusterStatus.of(spec, out, slurm);
        } catch (SlurmException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new MagicUsageException(MAGIC + ": cannot read the study's state: " + e.getMessage());
        }
    }
}
