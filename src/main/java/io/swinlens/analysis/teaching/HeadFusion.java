package io.swinlens.analysis.teaching;

/**
 * How {@link Rollout} turns a block's per-head attention into one token x token matrix A.
 * MEAN is the definition of attention rollout. MAX and MIN take the element-wise maximum or minimum
 * over heads and then divide each query row by its sum, so that A stays row-stochastic and the rollout
 * still sums to 1; a row whose fused sum is 0 (MIN when the heads' supports do not overlap, after float
 * underflow) falls back to the MEAN row.
 */
public enum HeadFusion { MEAN, MAX, MIN }
