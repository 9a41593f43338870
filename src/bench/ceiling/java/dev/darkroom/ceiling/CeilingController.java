package dev.darkroom.ceiling;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

@Controller("/ceiling")
class CeilingController {

    private static final Reading READING = new Reading("ceiling", "completed", 14, 100);

    @Get
    Reading get() {
        return READING;
    }

    /** A small record, as a framework benchmark would answer: a few fields, rendered as JSON every time. */
    @Serdeable
    record Reading(String name, String status, int total, int percent) {
    }
}
