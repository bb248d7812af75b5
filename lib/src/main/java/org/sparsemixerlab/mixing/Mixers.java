package org.sparsemixerlab.mixing;

import ai.djl.nn.AbstractBlock;

import org.sparsemixerlab.config.Architecture;
import org.sparsemixerlab.config.ModelConfig;

/** Chooses the mixing sublayer of an encoder layer from the model configuration. */
public final class Mixers {
    private Mixers() {}

    /**
     * The mixing sublayer of one encoder layer: multi-head attention when {@code attention} is
     * true or the architecture is {@code BERT}, otherwise the mixer of {@code
     * config.architecture()} for {@code max_seq_length}, {@code d_model} and {@code use_fft}.
     * Every returned block accepts {@code NDList(x)} and {@code NDList(x, tokenMask)}.
     *
     * @param config the model configuration
     * @param attention whether this layer is an attention (replacement) layer
     * @return a new, uninitialized block
     */
    public static AbstractBlock forLayer(ModelConfig config, boolean attention) {
        int seq = config.maxSeqLength();
        int width = config.dModel();
        boolean useFft = config.useFft();
        switch (attention ? Architecture.BERT : config.architecture()) {
            case BERT:
                return new MultiHeadAttention(width, config.numHeads(), config.mixingDropoutRate());
            case F_NET:
                return new FourierMixer(seq, width, useFft);
            case H_NET:
                return new HartleyMixer(seq, width, useFft);
            case LINEAR:
                return new LinearMixer(seq, width);
            case C_NET:
                return new CirculantMixer(seq, width, useFft);
            case T_NET:
                return new ToeplitzMixer(seq, width, useFft);
            default:
                throw new IllegalArgumentException(
                        "No mixer for architecture " + config.architecture() + "; expected one of"
                                + " BERT, F_NET, H_NET, LINEAR, C_NET, T_NET.");
        }
    }
}
