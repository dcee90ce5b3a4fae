package org.rpyc4j.api.value;

/** A Python {@code complex} number: two IEEE-754 doubles. */
public record Complex(double real, double imag) {
    @Override
    public String toString() {
        return PyRepr.of(this);
    }
}
