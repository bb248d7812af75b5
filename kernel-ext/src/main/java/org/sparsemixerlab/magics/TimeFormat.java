package org.sparsemixerlab.magics;

import java.math.BigDecimal;
import java.math.MathContext;

/** Durations the way IPython prints them: three significant digits and the largest fitting unit. */
public final class TimeFormat {
    private static final String[] UNITS = {"s", "ms", "\u00b5s", "ns"};

    private TimeFormat() {
    }

    /** Formats {@code seconds}, e.g. 0.001234 → "1.23 ms", 2.5e-8 → "25 ns". */
    public static String seconds(double seconds) {
        if (seconds >= 60) {
            long whole = (long) seconds;
            return whole / 60 + "min " + significant(seconds - 60 * (whole / 60)) + " s";
        }
        double value = seconds;
        int unit = 0;
        while (value > 0 && value < 1 && unit < UNITS.length - 1) {
            value *= 1000;
            unit++;
        }
        return significant(value) + " " + UNITS[unit];
    }

    private static String significant(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
