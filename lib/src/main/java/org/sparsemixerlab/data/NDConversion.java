package org.sparsemixerlab.data;

/** Widening copies from the int arrays the batches hold to what DJL arrays are made from. */
final class NDConversion {

    private NDConversion() {}

    static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static float[] toFloats(int[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
