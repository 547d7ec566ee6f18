package io.liaison.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The demo flag: LIAISON_DEMO=true (or -Dliaison.demo=true) loads the Demo location at start-up.
 * It shares the "liaison" prefix with LiaisonConfig, so the flag reads as one word.
 */
@ConfigMapping(prefix = "liaison")
public interface DemoConfig {

    @WithDefault("false")
    boolean demo();
}
