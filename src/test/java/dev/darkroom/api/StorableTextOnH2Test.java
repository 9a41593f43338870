package dev.darkroom.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The text rules on the embedded H2 database of a single node. */
@MicronautTest(transactional = false)
class StorableTextOnH2Test extends StorableTextContract {
}
