package dev.darkroom.apidoc;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The head of the OpenAPI document the build writes from the controllers. */
@OpenAPIDefinition(info = @Info(title = "Darkroom", version = "1",
        description = "Batch image generation for mystery cases: create a job, poll it, fetch its images."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class ApiDescription {
    private ApiDescription() {
    }
}
