package org.sparsemixerlab.render;

import java.io.IOException;
import java.nio.file.Path;
import org.sparsemixerlab.ablation.StudyResults;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.ablation.StudySummary;
import org.sparsemixerlab.model.AtomicFiles;

/**
 * Writes a study's summary as files, for the summary job of a Slurm submission: {@code
 * DIR/summary.html} (the table and charts of {@code %ablate load}, charts embedded) and {@code
 * DIR/summary.png} (the charts), each atomically. Runs headless.
 *
 * <pre>java -cp ... org.sparsemixerlab.render.StudyReportFiles STUDY.json DIR</pre>
 */
public final class StudyReportFiles {
    private StudyReportFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StudyReportFiles STUDY.json DIR");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args[1]);
        for (Path p : write(StudySpec.load(Path.of(args[0])), out)) {
            System.out.println("written: " + p);
        }
    }

    /** Writes the files into {@code out}; returns their paths. */
    public static java.util.List<Path> write(StudySpec spec, Path out) throws IOException {
        AblationReport report = AblationReport.of(StudySummary.of(StudyResults.load(spec, out)));
        Path html = out.resolve("summary.html");
        AtomicFiles.writeString(html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                + HtmlTable.escape(spec.title()) + "</title></head><body>\n" + report.html() + "\n</body></html>\n");
        Path png = out.resolve("summary.png");
        byte[] bytes = report.chartsPng();
        AtomicFiles.write(png, o -> o.write(bytes));
        return java.util.List.of(html, png);
    }
}
