package dev.ownergate.diagnostics;

public enum Severity {
    ERROR,
    WARNING
}
