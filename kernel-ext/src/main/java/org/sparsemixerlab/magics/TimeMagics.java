package org.sparsemixerlab.magics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * {@code %time}, {@code %%time} and {@code %timeit}/{@code %%timeit}, modelled on IPython.
 *
 * <p>{@code %timeit} compiles its statement once, as a lambda, and calls it in a plain Java loop: it
 * never re-evaluates through JShell (each JShell evaluation adds a class and keeps its value alive).
 * Line-magic arguments are split on spaces and lose double quotes, so code with string literals
 * belongs in the cell forms.
 */
public final class TimeMagics {

    /** IPython's auto-ranging target: grow loops until one run takes at least this long. */
    static final double AUTORANGE_SECONDS = 0.2;
    static final int DEFAULT_REPEATS = 7;

    static final MagicSpec TIME = MagicSpec.line("time", "<statement or expression>",
            "Run once; print CPU and wall time").optionsFirst();
    static final MagicSpec TIME_CELL = MagicSpec.cell("time", "", "Run the cell once; print CPU and wall time")
            .details("The cell body is the code to time.");
    private static final MagicOption[] TIMEIT_OPTIONS = {
        MagicOption.integer("loops", "LOOPS", -1, 1, 1_000_000_000,
                "calls per repeat (default: grown until one repeat takes 0.2 s)").alias('n'),
        MagicOption.integer("repeats", "REPEATS", DEFAULT_REPEATS, 1, 10_000, "repeats").alias('r'),
        MagicOption.flag("quiet", "print nothing; only return the statistics").alias('q'),
    };
    static final MagicSpec TIMEIT = MagicSpec.line("timeit", "<statement>",
            "Time a statement over repeated loops; print mean \u00b1 std. dev. per loop", TIMEIT_OPTIONS).optionsFirst()
            .details("Line-magic words lose double quotes: time code with string literals in a %%timeit cell.\n"
                    + "example: %timeit -n 100 Math.sqrt(2.0)");
    static final MagicSpec TIMEIT_CELL = MagicSpec.cell("timeit", "",
            "Time the cell body over repeated loops (no string-literal limits of the line form)", TIMEIT_OPTIONS)
            .optionsFirst();

    private TimeMagics() {
    }

    /** The code of a {@code %time} line (its words); a usage error when there is none. */
    static String lineCode(List<String> args) {
        String code = TIME.parse(args).text();
        if (code.isBlank()) {
            throw new MagicUsageException("%time needs code to time, e.g. '%time Math.sqrt(2.0)', or use a %%time cell");
        }
        return code;
    }

    /** The body of a {@code %%time} cell; a usage error when the first line has words or the body is empty. */
    static String cellCode(List<String> args, String body) {
        if (!TIME_CELL.parse(args).words().isEmpty()) {
            throw new MagicUsageException("%%time takes no arguments on its first line; the code to time is the body");
        }
        if (body == null || body.isBlank()) {
            throw new MagicUsageException("%%time needs code to time in the cell body, below the %%time line");
        }
        return body;
    }

    /** Times one evaluation; prints CPU and wall time; displays the value if there is one. */
    public static Object time(BaseKernel kernel, String code) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpu ? mx.getCurrentThreadCpuTime() : 0;
        long wall0 = System.nanoTime();
        Object value = kernel.evalRaw(code);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpuSeconds = cpu ? (mx.getCurrentThreadCpuTime() - cpu0) / 1e9 : Double.NaN;
        System.out.println("CPU time: " + (cpu ? TimeFormat.seconds(cpuSeconds) : "n/a") + " (cell thread)");
        System.out.println("Wall time: " + TimeFormat.seconds(wall));
        if (value != null) {
            kernel.display(kernel.getRenderer().render(value));
        }
        return value;
    }

    /**
     * Parses {@code [-n LOOPS] [-r REPEATS] [-q] code...} and times the code.
     *
     * @param args the magic's arguments; for the line form the code is the words after the options
     * @param body the cell body for {@code %%timeit}, or null for the line form
     */
    public static TimingStats timeit(BaseKernel kernel, List<String> args, String body) throws Exception {
        MagicArgs a = (body == null ? TIMEIT : TIMEIT_CELL).parse(args);
        int loops = a.integer("loops");
        int repeats = a.integer("repeats");
        boolean quiet = a.flag("quiet");
        if (body != null && !a.words().isEmpty()) {
            throw new MagicUsageException("%%timeit takes only options on its first line, got " + a.words()
                    + "; the code to time is the body");
        }
        String code = body != null ? body : a.text();
        if (code.isBlank()) {
            throw new MagicUsageException("%timeit needs code to time, e.g. '%timeit -n 100 Math.sqrt(2.0)'"
                    + " or a %%timeit cell whose body is the code");
        }
        Callable<?> statement = compile(kernel, code);
        statement.call(); // one warm-up call, not timed: class loading and JIT of the first run
        if (loops < 0) {
            loops = autorange(statement);
        }
        List<Double> perLoop = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            perLoop.add(runOnce(statement, loops) / loops);
        }
        TimingStats stats = new TimingStats(perLoop, loops);
        if (!quiet) {
            System.out.println(stats.summary());
        }
        return stats;
    }

    private static int autorange(Callable<?> statement) throws Exception {
        for (int scale = 1; ; scale *= 10) {
            for (int k : new int[] {1, 2, 5}) {
                int n = k * scale;
                if (runOnce(statement, n) >= AUTORANGE_SECONDS || n >= 100_000_000) {
                    return n;
                }
            }
        }
    }

    private static double runOnce(Callable<?> statement, int loops) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < loops; i++) {
            statement.call();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (Thread.interrupted()) {
            throw new InterruptedException("%timeit interrupted");
        }
        return seconds;
    }

    /** Compiles the code once into a callable: as an expression if it is one, else as statements. */
    static Callable<?> compile(BaseKernel kernel, String code) {
        String expr = code.strip();
        while (expr.endsWith(";")) {
            expr = expr.substring(0, expr.length() - 1).strip();
        }
        try {
            return (Callable<?>) kernel.evalRaw("(java.util.concurrent.Callable<Object>) () -> (Object) (" + expr + ")");
        } catch (RuntimeException notAnExpression) {
            return (Callable<?>) kernel.evalRaw("(java.util.concurrent.Callable<Object>) () -> {\n" + code + "\n;return null;}");
        }
    }

}
