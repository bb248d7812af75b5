package org.sparsemixerlab.kernel;

import java.util.List;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Static functions for notebook cells, imported with {@code import static
 * org.sparsemixerlab.kernel.Notebook.*} at kernel start. Same names as JJava's
 * {@code BaseNotebookStatics} (display, updateDisplay, render, eval, lineMagic, cellMagic, printf), so
 * notebooks read the same, but rich output goes through the kernel's current output sink, which also
 * works in the headless runner.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Renders {@code value} (preferred MIME types of its renderer), publishes it and returns its display id. */
    public static String display(Object value) {
        return publish(render(value));
    }

    /** Renders {@code value} as the given MIME types (e.g. "image/png", "text/html"), publishes it, returns its id. */
    public static String display(Object value, String... mimeTypes) {
        return publish(render(value, mimeTypes));
    }

    /** Like {@link #display(Object)} but returns nothing, so a cell ending in {@code show(x)} shows no id. */
    public static void show(Object value) {
        display(value);
    }

    /** Replaces the output published under {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        update(displayId, render(value));
    }

    /** Replaces the output published under {@code displayId}, rendering as the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        update(displayId, render(value, mimeTypes));
    }

    /** The MIME bundle for {@code value}, without publishing it (end a cell with it to choose the output). */
    public static DisplayData render(Object value) {
        if (value instanceof DisplayData) {
            return copy((DisplayData) value);
        }
        return BaseKernel.notebookKernel().getRenderer().render(value);
    }

    /** The MIME bundle for {@code value} with the requested MIME types. */
    public static DisplayData render(Object value, String... mimeTypes) {
        if (mimeTypes.length == 0) {
            return render(value);
        }
        return BaseKernel.notebookKernel().getRenderer().renderAs(value, mimeTypes);
    }

    /** Evaluates code in the notebook (inline, on the current cell thread) and returns its value. */
    public static Object eval(String code) {
        return BaseKernel.notebookKernel().evalRaw(code);
    }

    /** Runs a line magic by name, e.g. {@code lineMagic("time", List.of("1+1"))}. */
    public static <T> T lineMagic(String name, List<String> args) {
        try {
            return BaseKernel.notebookKernel().getMagicsRegistry().evalLineMagic(BaseKernel.notebookKernel(), name, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("line magic %" + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a cell magic by name with a body. */
    public static <T> T cellMagic(String name, List<String> args, String body) {
        try {
            return BaseKernel.notebookKernel().getMagicsRegistry().evalCellMagic(BaseKernel.notebookKernel(), name, args, body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cell magic %%" + name + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code System.out.printf} for brevity in cells. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }

    private static String publish(DisplayData data) {
        if (!data.hasDisplayId()) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        BaseKernel.notebookKernel().display(data);
        return data.getDisplayId();
    }

    private static void update(String displayId, DisplayData data) {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel instanceof SmlKernel) {
            ((SmlKernel) kernel).updateDisplay(displayId, data);
        } else {
            kernel.getIO().display.updateDisplay(displayId, data);
        }
    }

    private static DisplayData copy(DisplayData data) {
        return new DisplayData(data);
    }
}
