/**
 * The numbers behind the teaching and analysis views: Swin-aware attention rollout, class activation
 * maps, per-head distance and entropy statistics, and the relative position bias as a picture.
 * Plain Java on the Java heap: no JavaFX, no ND4J (docs/architecture.md layering). Token maps are row-major,
 * token (y, x) of an H x W map at index y·W + x, in original (unshifted) image coordinates.
 */
package io.swinlens.analysis.teaching;
