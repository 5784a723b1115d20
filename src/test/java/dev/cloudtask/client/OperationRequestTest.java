package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cloudtask.CloudService;
import org.junit.jupiter.api.Test;

/** An operation's body may carry credentials, so the request's text form leaves it out. */
class OperationRequestTest {

    @Test
    void toString_bodyWithPassword_showsOnlyItsLength() {
        String body = "{\"spec\":{\"login\":{\"userPassword\":{\"password\":\"N0de-S3cret!\"}}}}";
        OperationRequest r = new OperationRequest(CloudService.CCE, "post", "/api/v3/projects/p/clusters/c/nodes", body);

        assertFalse(r.toString().contains("N0de-S3cret!"), r.toString());
        assertEquals("OperationRequest[CCE POST /api/v3/projects/p/clusters/c/nodes, body of " + body.length()
                + " characters]", r.toString());
    }

    @Test
    void toString_noBody_namesTheOperation() {
        assertEquals("OperationRequest[DWS DELETE /v1.0/p/clusters/c]",
                new OperationRequest(CloudService.DWS, "DELETE", "/v1.0/p/clusters/c", null).toString());
    }
}
