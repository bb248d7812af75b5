package org.sparsemixerlab.ablation;

/** Whether a measured result agrees with a paper's claim. */
public enum ClaimVerdict {
    /** The measurement supports the claim beyond two standard errors. */
    AGREES,
    /** The measurement contradicts the claim beyond two standard errors. */
    DISAGREES,
    /** Too few seeds, missing rows, or a difference within two standard errors. */
    INCONCLUSIVE
}
