package io.liaison.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request size limits of the JSON API (LIAISON_HTTP_*); CSV uploads have their own (liaison.imports). */
@ConfigMapping(prefix = "liaison.http")
public interface HttpLimits {

    /** The largest JSON request body (LIAISON_HTTP_MAX_BODY_SIZE). */
    @WithDefault("1M")
    MemorySize maxBodySize();
}
