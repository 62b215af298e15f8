package com.vidugateway.adapter.modelverse;

/** The start of what came back, quoted in a message: enough to recognise, never megabytes. */
final class Snippet {

    private static final int MAX = 200;

    private Snippet() {}

    static String of(String body) {
        if (body == null || body.isEmpty()) {
            return "(an empty body)";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return "'" + (flat.length() <= MAX ? flat : flat.substring(0, MAX) + "…") + "'";
    }
}
