package com.northwind.shop.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one rule on text every service applies to what clients send: no NUL character. PostgreSQL refuses 0x00 in
 * {@code text} and {@code jsonb}, so a NUL that reaches a query fails it with a 500; no field of ours has a use for
 * one. Query parameters are checked by the servlet filter, JSON strings (values and map keys) by this module.
 */
public final class TextInput {

    /** The problem's detail when a NUL is refused. */
    public static final String NUL_DETAIL = "The request contains a NUL character.";

    /** The field error's message when a NUL is refused. */
    public static final String NUL_MESSAGE = "must not contain NUL characters";

    private TextInput() {}

    /** Whether {@code text} contains a NUL character. */
    public static boolean hasNul(String text) {
        return text.indexOf('\u0000') >= 0;
    }

    /** A Jackson module whose String deserializers refuse NUL characters in values and map keys. */
    public static JacksonModule jacksonModule() {
        SimpleModule module = new SimpleModule("northwind-text-input");
        module.addDeserializer(String.class, new NulRefusingStringDeserializer());
        module.addKeyDeserializer(String.class, new NulRefusingKeyDeserializer());
        return module;
    }

    /** Whether a deserialization failure is this module's refusal of a NUL. */
    public static boolean isNulRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidFormatException invalid && NUL_MESSAGE.equals(invalid.getOriginalMessage())) {
                return true;
            }
        }
        return false;
    }

    private static final class NulRefusingStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && hasNul(value)) {
                throw InvalidFormatException.from(p, NUL_MESSAGE, value, String.class);
            }
            return value;
        }
    }

    private static final class NulRefusingKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            if (hasNul(key)) {
                throw InvalidFormatException.from(ctxt.getParser(), NUL_MESSAGE, key, String.class);
            }
            return key;
        }
    }
}
