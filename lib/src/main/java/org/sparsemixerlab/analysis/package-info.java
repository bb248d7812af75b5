/**
 * Corpus-level routing analysis: a {@link org.sparsemixerlab.analysis.RoutingSample} of held-out
 * tokens routed through a trained model, and five statistics over it (expert specialisation, routing
 * across layers, drops by position and token class, router confidence, and stability over training
 * from a {@link org.sparsemixerlab.analysis.ProbeHistory}). Results are immutable records; every
 * statistic also has a pure static function over plain arrays that tests call with hand-made values.
 */
package org.sparsemixerlab.analysis;
