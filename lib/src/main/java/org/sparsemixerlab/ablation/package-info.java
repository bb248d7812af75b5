/**
 * Ablation studies: train a base configuration and named variants of it with several seeds under
 * one budget, measure quality, speed, size and routing health in the same run, and compare every
 * variant with a baseline variant and with what the paper claims.
 *
 * <p>The model of a study:
 *
 * <ul>
 *   <li>{@link org.sparsemixerlab.ablation.StudySpec} (read from a JSON study file) names a base
 *       preset plus overrides, the {@link org.sparsemixerlab.ablation.Variant}s (config deltas,
 *       each with an optional {@link org.sparsemixerlab.ablation.PaperClaim}), the seeds, the
 *       {@link org.sparsemixerlab.ablation.StudyBudget}, optional {@link
 *       org.sparsemixerlab.ablation.FineTuningPlan} and the {@link
 *       org.sparsemixerlab.ablation.SpeedProbe}. Everything validates before anything trains.
 *   <li>A row is one (variant, seed), identified by a {@link org.sparsemixerlab.ablation.RowKey};
 *       {@link org.sparsemixerlab.ablation.StudySpec#rows()} fixes their order and a {@link
 *       org.sparsemixerlab.ablation.Shard} i/n owns rows k with k % n == i - 1.
 *   <li>{@link org.sparsemixerlab.ablation.StudyRunner} trains each owned row (pre-training, then
 *       fine-tuning, then the speed probe) and writes it atomically as one {@link
 *       org.sparsemixerlab.ablation.StudyRow} file, so an interrupted study resumes where it
 *       stopped and shards never write the same file; {@link
 *       org.sparsemixerlab.ablation.StudyMerge} merges shard folders by copying row files.
 *   <li>{@link org.sparsemixerlab.ablation.StudyResults} reads the row files (tolerating missing
 *       ones) and {@link org.sparsemixerlab.ablation.StudySummary} turns them into the data of
 *       tables and charts: mean, standard deviation, n and standard error per variant and metric,
 *       speed as a ratio and quality as a difference to the baseline, claim verdicts, and curves
 *       over steps. Rendering (Tablesaw, XChart) lives outside the library.
 *   <li>{@link org.sparsemixerlab.ablation.AblationCommand} is the command line: run, status, table,
 *       merge.
 * </ul>
 */
package org.sparsemixerlab.ablation;
