package com.vidugateway.adapter.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The browsable API page: the OpenAPI document rendered as plain HTML on the server — every operation with its
 * parameters, body and answers, and every schema with its fields. No script, nothing fetched from elsewhere.
 */
final class ApiPage {

    private static final List<String> METHODS = List.of("get", "head", "post", "put", "patch", "delete");

    private ApiPage() {}

    static String render(Map<String, Object> spec) {
        StringBuilder html = new StringBuilder(32_768);
        Map<String, Object> info = map(spec.get("info"));
        String title = text(info.get("title"), "API");
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
                .append("code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f5f5f5;padding:.6rem;overflow:auto}")
                .append(".op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.4rem 1rem}")
                .append(".m{display:inline-block;min-width:4rem;font-weight:bold;text-transform:uppercase}")
                .append(".get{color:#0a6}.post{color:#06c}.head{color:#777}table{border-collapse:collapse}")
                .append("td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left;vertical-align:top}")
                .append("nav a{margin-right:1rem}</style></head><body>");
        html.append("<h1>").append(escape(title)).append("</h1>");
        html.append("<p>").append(escape(text(info.get("description"), ""))).append("</p>");
        html.append("<nav><a href=\"/openapi.yml\">openapi.yml</a><a href=\"/openapi.json\">openapi.json</a>")
                .append("<a href=\"#schemas\">schemas</a></nav>");
        Map<String, Object> paths = map(spec.get("paths"));
        html.append("<h2>Operations</h2>");
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> operations = map(path.getValue());
            for (String method : METHODS) {
                if (operations.containsKey(method)) {
                    operation(html, method, path.getKey(), map(operations.get(method)));
                }
            }
        }
        Map<String, Object> schemas = map(map(spec.get("components")).get("schemas"));
        html.append("<h2 id=\"schemas\">Schemas</h2>");
        for (Map.Entry<String, Object> schema : schemas.entrySet()) {
            html.append("<h3 id=\"schema-").append(escape(schema.getKey())).append("\">").append(escape(schema.getKey()))
                    .append("</h3>");
            Map<String, Object> body = map(schema.getValue());
            if (body.get("description") != null) {
                html.append("<p>").append(escape(text(body.get("description"), ""))).append("</p>");
            }
            fields(html, body);
        }
        html.append("</body></html>");
        return html.toString();
    }

    private static void operation(StringBuilder html, String method, String path, Map<String, Object> op) {
        html.append("<div class=\"op\"><p><span class=\"m ").append(method).append("\">").append(method)
                .append("</span> <code>").append(escape(path)).append("</code> — ")
                .append(escape(text(op.get("summary"), ""))).append("</p>");
        if (op.get("description") != null) {
            html.append("<p>").append(escape(text(op.get("description"), ""))).append("</p>");
        }
        List<Object> parameters = list(op.get("parameters"));
        if (!parameters.isEmpty()) {
            html.append("<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>");
            for (Object p : parameters) {
                Map<String, Object> parameter = map(p);
                html.append("<tr><td><code>").append(escape(text(parameter.get("name"), "")))
                        .append(Boolean.TRUE.equals(parameter.get("required")) ? "</code> (required)" : "</code>")
                        .append("</td><td>").append(escape(text(parameter.get("in"), ""))).append("</td><td>")
                        .append(escape(type(map(parameter.get("schema"))))).append("</td><td>")
                        .append(escape(text(parameter.get("description"), ""))).append("</td></tr>");
            }
            html.append("</table>");
        }
        Map<String, Object> body = map(op.get("requestBody"));
        for (Map.Entry<String, Object> content : map(body.get("content")).entrySet()) {
            html.append("<p>Body (<code>").append(escape(content.getKey())).append("</code>): ")
                    .append(escape(type(map(map(content.getValue()).get("schema"))))).append("</p>");
            Map<String, Object> examples = map(map(content.getValue()).get("examples"));
            for (Object example : examples.values()) {
                html.append("<pre>").append(escape(text(map(example).get("value"), ""))).append("</pre>");
            }
        }
        Map<String, Object> responses = map(op.get("responses"));
        if (!responses.isEmpty()) {
            html.append("<table><tr><th>answer</th><th>meaning</th><th>body</th></tr>");
            for (Map.Entry<String, Object> response : responses.entrySet()) {
                Map<String, Object> r = map(response.getValue());
                List<String> bodies = new ArrayList<>();
                map(r.get("content")).forEach((type, c) -> bodies.add(type + " " + type(map(map(c).get("schema")))));
                html.append("<tr><td>").append(escape(response.getKey())).append("</td><td>")
                        .append(escape(text(r.get("description"), ""))).append("</td><td>")
                        .append(escape(String.join(", ", bodies))).append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("</div>");
    }

    private static void fields(StringBuilder html, Map<String, Object> schema) {
        Map<String, Object> properties = map(schema.get("properties"));
        if (properties.isEmpty()) {
            return;
        }
        List<Object> required = list(schema.get("required"));
        html.append("<table><tr><th>field</th><th>type</th><th>meaning</th></tr>");
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            Map<String, Object> p = map(property.getValue());
            String allowed = p.get("enum") == null ? "" : " one of " + list(p.get("enum"));
            html.append("<tr><td><code>").append(escape(property.getKey()))
                    .append(required.contains(property.getKey()) ? "</code> (required)" : "</code>")
                    .append("</td><td>").append(escape(type(p))).append("</td><td>")
                    .append(escape(text(p.get("description"), "") + allowed)).append("</td></tr>");
        }
        html.append("</table>");
    }

    /** A schema's type in a few words: {@code string}, {@code array of Violation}, {@code StatusResponse}. */
    private static String type(Map<String, Object> schema) {
        if (schema.isEmpty()) {
            return "";
        }
        if (schema.get("$ref") != null) {
            String ref = text(schema.get("$ref"), "");
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        if (schema.get("allOf") != null || schema.get("oneOf") != null) {
            List<String> parts = new ArrayList<>();
            for (Object part : list(schema.get("allOf") != null ? schema.get("allOf") : schema.get("oneOf"))) {
                parts.add(type(map(part)));
            }
            return String.join(" / ", parts);
        }
        String type = text(schema.get("type"), "object");
        if (type.equals("array")) {
            return "array of " + type(map(schema.get("items")));
        }
        return schema.get("format") != null ? type + " (" + text(schema.get("format"), "") + ")" : type;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : String.valueOf(value);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
