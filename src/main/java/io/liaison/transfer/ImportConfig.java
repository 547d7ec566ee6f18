package io.liaison.transfer;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The CSV import settings (LIAISON_IMPORTS_*). */
@ConfigMapping(prefix = "liaison.imports")
public interface ImportConfig {

    /** Where uploaded files wait for their job (LIAISON_IMPORTS_DIR); each is deleted when its job ends. */
    @WithDefault("${liaison.data-dir:./data}/imports")
    Path dir();

    /**
     * The largest CSV file accepted (LIAISON_IMPORTS_MAX_FILE_SIZE). quarkus.http.limits.max-body-size must
     * be at least this; every other endpoint keeps liaison.http.max-body-size.
     */
    @WithDefault("256M")
    MemorySize maxFileSize();

    /** Lines written per transaction. */
    @WithDefault("1000")
    int batchSize();

    /** Line errors kept on a job; the counts stay exact past it. */
    @WithDefault("100")
    int maxErrors();

    /** A job whose worker has not reported for this long is marked failed (its process stopped). */
    @WithDefault("PT2M")
    Duration staleAfter();
}
