package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.kernel.CellResult;
import org.sparsemixerlab.kernel.KernelSession;

/**
 * Over the kernel: a drawing magic after {@code =} binds its figure with the figure's own type
 * ({@code var fig = %routing ...; fig.save(...)} compiles), {@code %train} draws held-out points and
 * overlays a bound run, and its options fail as usage errors.
 */
class FigureBindingKernelTest {

    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start();
        CellResult cfg = session.execute("%%smconfig sparse-mixer-tiny --as figcfg\nseed: 5");
        assertFalse(cfg.failed(), cfg.outputs().toString());
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static CellResult ok(String cell) {
        CellResult r = session.execute(cell);
        assertFalse(r.failed(), cell + " -> " + r.outputs());
        return r;
    }

    @Test
    void trainRoutingAndExpertsBindTheirFiguresWithTheirTypes(@TempDir Path dir) {
        CellResult train = ok("var run1 = %train --config figcfg --steps 4 --batch 2 --docs 4 --every 2 --eval-every 2 "
                + "--eval-batches 1");
        JsonObject live = train.displays().get(0).data();
        assertTrue(live.has("image/png") && live.get("text/html").getAsString().contains("sml-training"), live.keySet().toString());
        // run1 is typed LiveTraining.Outcome (not Object): its methods compile
        // evaluations at steps 2 and 4 (the end) are the held-out points
        assertEquals("[2.0, 4.0]", ok("java.util.Arrays.toString(run1.figure().charts().get(0)"
                + ".getSeries(\"held-out loss\").getXData())").resultText().orElseThrow().replace("\"", ""));

        ok("var fig = %routing --layer 1 call me ishmael");
        String path = dir.resolve("routing.svg").toString().replace("\\", "\\\\");
        CellResult saved = ok("fig.save(\"" + path + "\").toString()");
        assertTrue(Files.exists(dir.resolve("routing.svg")), saved.outputs().toString());
        assertEquals("1", ok("fig.panels().size()").resultText().orElseThrow());

        ok("var c = %experts");
        assertTrue(Integer.parseInt(ok("c.width()").resultText().orElseThrow()) <= org.sparsemixerlab.render.ChartStyle.PAGE_WIDTH);
        // a bound figure shown again by naming it: PNG and SVG with a text fallback
        JsonObject again = ok("c").result().orElseThrow().data();
        assertTrue(again.has("image/png") && again.has("image/svg+xml") && again.has("text/plain"), again.keySet().toString());
    }

    @Test
    void compareOverlaysABoundRunAndSmoothingAndLogAreDrawn() {
        ok("var first = %train --config figcfg --steps 3 --batch 2 --docs 4 --every 3");
        ok("var second = %train --config figcfg --steps 3 --batch 2 --docs 4 --every 3 --compare first --smooth 2 --log");
        String names = ok("second.figure().charts().get(0).getSeriesCollection().stream().map(s -> s.getName())"
                + ".toList().toString()").resultText().orElseThrow();
        assertTrue(names.contains("first: train (mean 2)") && names.contains("train loss (mean 2)"), names);
        assertEquals("true", ok("second.figure().charts().get(0).getStyler().isYAxisLogarithmic()").resultText().orElseThrow());
    }

    @Test
    void badTrainOptionsAreUsageErrors() {
        assertTrue(UsageErrorAssert.usageError(session.execute("%train --smooth 0")).contains("--smooth expects a whole number"));
        String missing = UsageErrorAssert.usageError(session.execute("%train --steps 1 --compare nosuchrun"));
        assertTrue(missing.contains("nosuchrun is not a variable") && missing.contains("usage: %train"), missing);
        ok("String notARun = \"x\";");
        String wrong = UsageErrorAssert.usageError(session.execute("%train --steps 1 --compare notARun"));
        assertTrue(wrong.contains("is a String, not a training run"), wrong);
        String help = ok("%train --help").stdout();
        assertTrue(help.contains("--compare var") && help.contains("--log") && help.contains("var x = %train ... binds the Outcome it returns; x.save("),
                help);
    }
}
