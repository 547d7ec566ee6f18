package io.liaison.ops;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.PackagedApp;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The class archive that {@code package} makes (StartupClassArchive) is one the packaged service can
 * use: {@code -Xshare:on} makes the JVM refuse to start on an archive it cannot map (another JDK build,
 * another jar path, a damaged file) instead of silently loading every class as without it. Started so,
 * the service answers as usual.
 */
class ClassArchiveIT {

    @Test
    void thePackagedServiceStartsOnTheArchiveTheBuildMade() throws Exception {
        assertTrue(Files.isRegularFile(PackagedApp.CLASS_ARCHIVE), PackagedApp.CLASS_ARCHIVE + " is made by package");
        try (PackagedApp packaged = new PackagedApp("class-archive", List.of("-Xmx512m", "-Xshare:on"), Map.of())) {
            packaged.start();
            Tenant tenant = Api.newTenant("Class archive");
            String contactId = tenant.createContact("Ada", "Archive");
            tenant.request().get("/contacts/" + contactId)
                    .then().statusCode(200).body("contact.firstName", equalTo("Ada"));
        }
    }
}
