package com.vidugateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A wire record as ordered maps and lists, read from the same annotations Micronaut Serialization writes by: JSON
 * names from {@link JsonProperty}, components in declaration order, nulls left out where the record says
 * {@link JsonInclude.Include#NON_NULL}. For a reader without a bean context: the CLI writes these maps, so its
 * {@code --json} has the shape the REST API and the provider have, without a second description of it.
 */
public final class WireFields {

    private WireFields() {}

    /** A record as a map; a list element by element; anything else as it is. */
    public static Object of(Object value) {
        if (value instanceof Record record) {
            return fields(record);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(of(element)));
            return out;
        }
        return value;
    }

    private static Map<String, Object> fields(Record record) {
        JsonInclude include = record.getClass().getAnnotation(JsonInclude.class);
        boolean dropNulls = include != null && include.value() == JsonInclude.Include.NON_NULL;
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("a wire record's accessor is public: " + component, e);
            }
            if (value == null && dropNulls) {
                continue;
            }
            // Not on the component: JsonProperty does not target record components, so javac puts it on the accessor.
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            fields.put(property == null ? component.getName() : property.value(), of(value));
        }
        return fields;
    }
}
