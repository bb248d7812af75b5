package org.sparsemixerlab.ablation;

/** Whether a measured result agrees with a paper's claim. */
public enum ClaimVerdict {
    /** The measurement supports the claim beyond two standard errors (the whole interval is on its side). */
    AGREES,
    /** The measurement contradicts the claim beyond two standard errors. */
    DISAGREES,
    /**
     * The two-standard-error interval covers both readings of the claim (it holds / it does not),
     * e.g. "not worse" when the interval contains both "as good" and "slightly worse": the runs
     * cannot tell the variant and the baseline apart on this point.
     */
    CANNOT_TELL_APART,
    /** Too few seeds or missing rows: no interval to judge. */
    INCONCLUSIVE
}
