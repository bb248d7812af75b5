package org.sparsemixerlab.kernel;

import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;

/**
 * JJava's transpiler, with one change for a line magic after {@code =}: the call is cast to the
 * magic's declared result type ({@link MagicResults}). JJava turns {@code var fig = %routing x} into
 * {@code var fig = lineMagic("routing", ...)}, a generic method whose type {@code var} infers as
 * {@code Object}, so {@code fig.save(...)} would not compile; with the cast {@code fig} is a
 * {@code HeatmapFigure}. A magic alone on its line is left as JJava writes it (a cast is no statement).
 */
public final class TypedMagicTranspiler extends MagicTranspiler {

    @Override
    public String transpileLine(ParsedLineMagic magic) {
        String call = super.transpileLine(magic); // the call only; the parser keeps the line's prefix
        Class<?> type = MagicResults.of(magic.magicCall.name);
        String prefix = magic.linePrefix == null ? "" : magic.linePrefix;
        int end = call.lastIndexOf(";{};");
        if (type == null || type == Object.class || !prefix.strip().endsWith("=") || end < 0) {
            return call;
        }
        return "((" + type.getCanonicalName() + ") " + call.substring(0, end) + ")" + call.substring(end);
    }
}
