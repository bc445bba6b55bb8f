package dev.ownergate.app.cli;

public final class OwnergateMain {
    public static void main(String[] args) {}
}
