package dev.ownergate.app.web;

/** A page with one message: not found, sign-in failed, and the like. */
public record MessageView(Header header, String title, String text) {}
