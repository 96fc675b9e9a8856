package io.swinlens.analysis.teaching;

/**
 * One head's attention summarised over a whole map.
 *
 * @param meanDistancePx attention-weighted distance from each query to its keys, in input pixels between
 *                       token centres in original coordinates, averaged over every query of the map
 * @param entropyNats    -Σ p·ln p of each query's attention row, averaged over every query of the map
 */
public record HeadStatistic(int stage, int block, int head, double meanDistancePx, double entropyNats) { }
