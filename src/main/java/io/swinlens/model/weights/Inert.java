package io.swinlens.model.weights;

/**
 * Stand-in for an object of a global that is neither allowlisted nor dangerous (yacs CfgNode,
 * numpy scalars, argparse.Namespace...). It carries only the global's name: calling, building or
 * instantiating it yields another Inert, so nothing from the pickle is ever executed.
 */
record Inert(String global) {
}
