package io.swinlens.model.weights;

import java.util.List;

/** An allowlisted pickle global that REDUCE/NEWOBJ may apply: implemented here in Java. */
@FunctionalInterface
interface PickleCallable {

    Object call(List<Object> args) throws WeightsException;
}
