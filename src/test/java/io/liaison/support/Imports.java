package io.liaison.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers for CSV imports: upload a file, then follow its job until it ends. */
public final class Imports {
    private Imports() {
    }

    public static Response upload(Api.Tenant tenant, String path, String csv) {
        return given().header("Authorization", "Bearer " + tenant.apiKey()).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post(path);
    }

    /** Polls GET /imports/{id} until the job has finished; the bound only keeps a broken worker from hanging the run. */
    public static JsonPath finished(Api.Tenant tenant, String importId) throws InterruptedException {
        for (int attempt = 0; attempt < 1200; attempt++) {
            JsonPath job = tenant.request().get("/imports/" + importId).then().statusCode(200).extract().jsonPath();
            if (List.of("SUCCEEDED", "COMPLETED_WITH_ERRORS", "FAILED").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Import " + importId + " did not finish");
    }
}
