package org.sparsemixerlab.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Text and HTML views of an {@link NDArray}. Never throws for a displayable array: complex arrays
 * (whose {@code toString()} throws in DJL) are shown as (re, im) pairs, and any failure falls back to
 * shape and dtype.
 */
public final class NDArrayView {

    /** Arrays with more elements than this get a summary line instead of an HTML grid. */
    static final int MAX_HTML_ELEMENTS = 400;

    private NDArrayView() {
    }

    /** Shape, dtype and device, e.g. {@code NDArray (2, 3) float32 cpu()}. */
    public static String header(NDArray a) {
        String name = a.getName() == null || a.getName().isEmpty() ? "" : " '" + a.getName() + "'";
        return "NDArray" + name + " " + a.getShape() + " " + a.getDataType().toString().toLowerCase(Locale.ROOT)
                + " " + a.getDevice();
    }

    public static String text(NDArray a) {
        try {
            if (isComplex(a)) {
                return header(a) + " as (re, im) pairs:\n" + a.real().toString();
            }
            return a.toString();
        } catch (RuntimeException e) {
            return header(a) + " (values not printable: " + e.getMessage() + ")";
        }
    }

    /** An HTML grid for 0-2 dimensional real arrays up to {@value #MAX_HTML_ELEMENTS} elements. */
    public static String html(NDArray a) {
        String head = "<div><code>" + HtmlTable.escape(header(a)) + "</code></div>";
        int dims = a.getShape().dimension();
        if (isComplex(a) || dims > 2 || a.size() > MAX_HTML_ELEMENTS || !isNumeric(a.getDataType())) {
            return head + "<pre>" + HtmlTable.escape(text(a)) + "</pre>";
        }
        double[] v;
        try {
            v = a.toType(DataType.FLOAT64, false).toDoubleArray();
        } catch (RuntimeException e) {
            return head + "<pre>" + HtmlTable.escape(text(a)) + "</pre>";
        }
        int rows = dims == 2 ? (int) a.getShape().get(0) : 1;
        int cols = dims == 0 ? 1 : (int) a.getShape().get(dims - 1);
        StringBuilder sb = new StringBuilder(head).append("<table>");
        for (int r = 0; r < rows; r++) {
            sb.append("<tr>");
            for (int c = 0; c < cols; c++) {
                sb.append("<td>").append(String.format(Locale.ROOT, "%.4g", v[r * cols + c])).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    private static boolean isComplex(NDArray a) {
        return a.getDataType().name().startsWith("COMPLEX");
    }

    private static boolean isNumeric(DataType t) {
        return t.isFloating() || t.isInteger() || t == DataType.BOOLEAN;
    }
}
